import { OrganisationsModule } from '../organisations/organisations.module.js';
import { Module } from '@nestjs/common';
import { CoachDashboardController } from './coach-dashboard.controller.js';
import { CoachDashboardRepository } from './coach-dashboard.repository.js';
import { CoachDashboardService } from './coach-dashboard.service.js';

@Module({
  imports: [OrganisationsModule],
  controllers: [CoachDashboardController],
  providers: [CoachDashboardService, CoachDashboardRepository],
  exports: [CoachDashboardService],
})
export class CoachDashboardModule {}
