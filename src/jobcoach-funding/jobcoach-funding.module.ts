import { Module } from '@nestjs/common';
import { AftercareModule } from '../aftercare/aftercare.module.js';
import { EmployersModule } from '../employers/employers.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { JobcoachFundingController } from './jobcoach-funding.controller.js';
import { JobcoachFundingExportContributor, JobcoachFundingPrivacy } from './jobcoach-funding.privacy.js';
import { JobcoachFundingRepository } from './jobcoach-funding.repository.js';
import { JobcoachFundingService } from './jobcoach-funding.service.js';

/** UWV jobcoach funding per placement: requests, decisions, registered hours and the period report. */
@Module({
  imports: [PlacementsModule, ProfilesModule, AftercareModule, OrganisationsModule, ParticipantsModule, EmployersModule],
  controllers: [JobcoachFundingController],
  providers: [JobcoachFundingRepository, JobcoachFundingService, JobcoachFundingPrivacy, JobcoachFundingExportContributor],
  exports: [JobcoachFundingService],
})
export class JobcoachFundingModule {}
