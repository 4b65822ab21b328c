import { Module } from '@nestjs/common';
import { AftercareModule } from '../../aftercare/aftercare.module.js';
import { CalculationsModule } from '../../calculations/calculations.module.js';
import { CoachDashboardModule } from '../../coach-dashboard/coach-dashboard.module.js';
import { ConsentsModule } from '../../consents/consents.module.js';
import { EmployersModule } from '../../employers/employers.module.js';
import { OrganisationsModule } from '../../organisations/organisations.module.js';
import { HelpRequestsModule } from '../../help-requests/help-requests.module.js';
import { MatchingModule } from '../../matching/matching.module.js';
import { ParticipantsModule } from '../../participants/participants.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { ProfilesModule } from '../../profiles/profiles.module.js';
import { VacanciesModule } from '../../vacancies/vacancies.module.js';
import { CoachAftercareController } from './coach-aftercare.controller.js';
import { CoachCalculationsController } from './coach-calculations.controller.js';
import { CoachCareController } from './coach-care.controller.js';
import { CoachMatchingController } from './coach-matching.controller.js';
import { CoachOverviewController } from './coach-overview.controller.js';
import { CoachTrajectoryController } from './coach-trajectory.controller.js';
import { CoachParticipantView } from './coach-participant-view.js';
import { CoachJobcoachPagesModule } from './coach-jobcoach-pages.module.js';
import { CoachSubsidyPagesModule } from './coach-subsidy-pages.module.js';
import './coach.i18n.js';
import { ReferenceDataModule } from '../../reference-data/reference-data.module.js';

/**
 * The jobcoach's and team lead's pages: today, caseload, participant,
 * matching, placement, handover, check-in, help requests, team. Pages call
 * the same services as the API; the aftercare and dashboard services are
 * taken from their own modules at start-up (those modules do not export them).
 */
@Module({
  imports: [
    CoachSubsidyPagesModule,
    CoachJobcoachPagesModule,
    ParticipantsModule,
    ProfilesModule,
    ConsentsModule,
    MatchingModule,
    PlacementsModule,
    HelpRequestsModule,
    VacanciesModule,
    AftercareModule,
    CoachDashboardModule,
    CalculationsModule,
    ReferenceDataModule,
    EmployersModule,
    OrganisationsModule,
  ],
  controllers: [
    CoachTrajectoryController,
    CoachOverviewController,
    CoachMatchingController,
    CoachAftercareController,
    CoachCalculationsController,
    CoachCareController,
  ],
  providers: [CoachParticipantView],
})
export class CoachPagesModule {}
