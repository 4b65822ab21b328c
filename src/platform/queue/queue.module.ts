import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueService } from './queue.service.js';
import { SchedulerService } from './scheduler.service.js';
import { WorkerService } from './worker.service.js';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [QueueService, WorkerService, SchedulerService],
  exports: [QueueService, WorkerService, SchedulerService],
})
export class QueueModule {}
