import { Module } from '@nestjs/common';
import { MailModule } from '../platform/mail/mail.module.js';
import { TasksService } from '../tasks/tasks.service.js';
import { EmployerPlacementsService } from './employer-placements.service.js';
import { PlacementsController } from './placements.controller.js';
import { PlacementsService } from './placements.service.js';
import { SubsidyPrivacy } from './subsidy.privacy.js';
import { SubsidyRepository } from './subsidy.repository.js';
import { SubsidyService } from './subsidy.service.js';

@Module({
  imports: [MailModule],
  controllers: [PlacementsController],
  providers: [PlacementsService, SubsidyService, SubsidyRepository, SubsidyPrivacy, EmployerPlacementsService, TasksService],
  exports: [PlacementsService, SubsidyService, SubsidyRepository, TasksService, EmployerPlacementsService],
})
export class PlacementsModule {}
