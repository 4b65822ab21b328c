import { Module } from '@nestjs/common';
import { MailModule } from '../platform/mail/mail.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { EmployerPlacementsService } from './employer-placements.service.js';
import { PlacementsController } from './placements.controller.js';
import { PlacementsService } from './placements.service.js';
import { SubsidyService } from './subsidy.service.js';

@Module({
  imports: [MailModule, TasksModule],
  controllers: [PlacementsController],
  providers: [PlacementsService, SubsidyService, EmployerPlacementsService],
  exports: [PlacementsService, SubsidyService, TasksModule, EmployerPlacementsService],
})
export class PlacementsModule {}
