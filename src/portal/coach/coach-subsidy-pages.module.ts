import { Module } from '@nestjs/common';
import { AftercareModule } from '../../aftercare/aftercare.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { CoachSubsidyController } from './coach-subsidy.controller.js';

/** The coach's loonwaarde and loonkostensubsidie page of a placement; part of the coach's pages (CoachPagesModule). */
@Module({
  imports: [PlacementsModule, AftercareModule],
  controllers: [CoachSubsidyController],
})
export class CoachSubsidyPagesModule {}
