import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { AccessLogController } from './access-log.controller.js';
import { AccessLogService } from './access-log.service.js';

/**
 * The access log over the audit trail. AuditService itself is provided by the
 * global IdentityModule (with the guard and policies), so it is not repeated here.
 */
@Module({
  imports: [ParticipantsModule],
  controllers: [AccessLogController],
  providers: [AccessLogService],
  exports: [AccessLogService],
})
export class AuditModule {}
