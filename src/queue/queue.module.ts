import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueService } from './queue.service.js';
import { WorkerService } from './worker.service.js';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [QueueService, WorkerService],
  exports: [QueueService, WorkerService],
})
export class QueueModule {}
