import { Module } from '@nestjs/common';
import { CoachDashboardController } from './coach-dashboard.controller.js';
import { CoachDashboardService } from './coach-dashboard.service.js';

@Module({
  controllers: [CoachDashboardController],
  providers: [CoachDashboardService],
  exports: [CoachDashboardService],
})
export class CoachDashboardModule {}
