import { Module } from '@nestjs/common';
import { TasksPrivacy } from './tasks.privacy.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';

/** Work the system hands to coaches. */
@Module({
  providers: [TasksService, TasksRepository, TasksPrivacy],
  exports: [TasksService],
})
export class TasksModule {}
