import { Module } from '@nestjs/common';
import { AftercareModule } from '../aftercare/aftercare.module.js';
import { ConsentsModule } from '../consents/consents.module.js';
import { EmployersModule } from '../employers/employers.module.js';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { JobcoachFundingModule } from '../jobcoach-funding/jobcoach-funding.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { DemoSeeder } from './demo-seeder.js';

/** The demo organisation (DEMO_DATA=true). AuthService comes from the global IdentityModule. */
@Module({
  imports: [
    OrganisationsModule,
    EmployersModule,
    ParticipantsModule,
    ProfilesModule,
    ConsentsModule,
    VacanciesModule,
    PlacementsModule,
    AftercareModule,
    MatchingModule,
    HelpRequestsModule,
    JobcoachFundingModule,
    SurveysModule,
  ],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
