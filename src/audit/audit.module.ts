import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { AccessLogController } from './access-log.controller.js';
import { AccessLogService } from './access-log.service.js';
import { AuditEventsExportContributor, AuditPrivacy } from './audit.privacy.js';
import { AuditRepository } from './audit.repository.js';

/**
 * The access log over the audit trail, and the trail's privacy contract.
 * AuditService itself is provided by the global IdentityModule (with the
 * guard and policies), so it is not repeated here.
 */
@Module({
  imports: [ParticipantsModule],
  controllers: [AccessLogController],
  providers: [AccessLogService, AuditRepository, AuditPrivacy, AuditEventsExportContributor],
  exports: [AccessLogService],
})
export class AuditModule {}
