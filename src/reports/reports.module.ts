import { Module } from '@nestjs/common';
import { AftercareModule } from '../aftercare/aftercare.module.js';
import { EmployersModule } from '../employers/employers.module.js';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Outcome reports: owns no table; composes what each owner counts. */
@Module({
  imports: [
    ParticipantsModule,
    ProfilesModule,
    MatchingModule,
    PlacementsModule,
    AftercareModule,
    HelpRequestsModule,
    EmployersModule,
    OrganisationsModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
