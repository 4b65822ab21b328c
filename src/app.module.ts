import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ClockModule } from './platform/clock/clock.module.js';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter.js';
import { ErrorPagesModule } from './platform/http/error-pages.js';
import { createValidationPipe } from './platform/http/validation.js';
import { RateLimitGuard } from './platform/http/rate-limit/rate-limit.guard.js';
import { appConfig } from './platform/config/app.config.js';
import { databaseConfig } from './platform/config/database.config.js';
import { identityConfig } from './platform/config/identity.config.js';
import { mailConfig } from './platform/config/mail.config.js';
import { operatorsConfig } from './platform/config/operators.config.js';
import { queueConfig } from './platform/config/queue.config.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { EmployersModule } from './employers/employers.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConsentsModule } from './consents/consents.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { PlacementsModule } from './placements/placements.module.js';
import { RuleParametersModule } from './rule-parameters/rule-parameters.module.js';
import { CalculationsModule } from './calculations/calculations.module.js';
import { AftercareModule } from './aftercare/aftercare.module.js';
import { HelpRequestsModule } from './help-requests/help-requests.module.js';
import { CoachDashboardModule } from './coach-dashboard/coach-dashboard.module.js';
import { JobcoachFundingModule } from './jobcoach-funding/jobcoach-funding.module.js';
import { QuotaModule } from './quota/quota.module.js';
import { PortalModule } from './portal/portal.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ParticipantPagesModule } from './portal/participant/participant-pages.module.js';
import { EmployerPagesModule } from './portal/employer/employer-pages.module.js';
import { CoachPagesModule } from './portal/coach/coach-pages.module.js';
import { AdminPagesModule } from './portal/admin/admin-pages.module.js';
import { EmployersPagesModule } from './portal/employers/employers-pages.module.js';
import { VacanciesModule } from './vacancies/vacancies.module.js';
import { ProfilesModule } from './profiles/profiles.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReportPagesModule } from './portal/reports/report-pages.module.js';
import { ReferenceDataModule } from './reference-data/reference-data.module.js';
import { AuthGuard } from './platform/auth/auth.guard.js';
import { MailModule } from './platform/mail/mail.module.js';
import { QueueModule } from './platform/queue/queue.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { SurveyPagesModule } from './portal/surveys/survey-pages.module.js';

export interface AppModuleOptions {
  /** The resolved database URL: DATABASE_URL, or the embedded server's. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [appConfig, databaseConfig, queueConfig, mailConfig, identityConfig, operatorsConfig],
        }),
        ClockModule,
        ErrorPagesModule,
        DatabaseModule.forRoot(options.databaseUrl),
        QueueModule,
        MailModule,
        HealthModule,
        IdentityModule,
        OrganisationsModule,
        EmployersModule,
        ParticipantsModule,
        ConsentsModule,
        AuditModule,
        PrivacyModule,
        RuleParametersModule,
        CalculationsModule,
        ReferenceDataModule,
        VacanciesModule,
        ProfilesModule,
        MatchingModule,
        AftercareModule,
        HelpRequestsModule,
        CoachDashboardModule,
        QuotaModule,
        JobcoachFundingModule,
        ImportsModule,
        SurveysModule,
        PortalModule,
        ParticipantPagesModule,
        EmployerPagesModule,
        CoachPagesModule,
        AdminPagesModule,
        EmployersPagesModule,
        SurveyPagesModule,
        PlacementsModule,
        ReportsModule,
        ReportPagesModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
    };
  }
}
