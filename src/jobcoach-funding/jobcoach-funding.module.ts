import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module.js';
import { JobcoachFundingController } from './jobcoach-funding.controller.js';
import { JobcoachFundingPrivacy } from './jobcoach-funding.privacy.js';
import { JobcoachFundingRepository } from './jobcoach-funding.repository.js';
import { JobcoachFundingService } from './jobcoach-funding.service.js';

/** UWV jobcoach funding per placement: requests, decisions, registered hours and the period report. */
@Module({
  imports: [PlacementsModule],
  controllers: [JobcoachFundingController],
  providers: [JobcoachFundingRepository, JobcoachFundingService, JobcoachFundingPrivacy],
})
export class JobcoachFundingModule {}
