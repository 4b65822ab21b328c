import { Module } from '@nestjs/common';
import { AftercareModule } from '../../aftercare/aftercare.module.js';
import { JobcoachFundingModule } from '../../jobcoach-funding/jobcoach-funding.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { CoachJobcoachController } from './coach-jobcoach.controller.js';

/** The coach's jobcoach hours and logbook page of a placement; part of the coach's pages (CoachPagesModule). */
@Module({
  imports: [JobcoachFundingModule, AftercareModule, PlacementsModule],
  controllers: [CoachJobcoachController],
})
export class CoachJobcoachPagesModule {}
