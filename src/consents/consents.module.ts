import { Module } from '@nestjs/common';
import { MailModule } from '../platform/mail/mail.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { MyConsentsController, ParticipantConsentsController } from './consents.controller.js';
import { ConsentsExportContributor, ConsentsPrivacy } from './consents.privacy.js';
import { ConsentsRepository } from './consents.repository.js';
import { ConsentsService } from './consents.service.js';

/** Consent per purpose and employer; ConsentsService answers "may we?" for matching, introductions and handover. */
@Module({
  imports: [ParticipantsModule, MailModule],
  controllers: [MyConsentsController, ParticipantConsentsController],
  providers: [ConsentsService, ConsentsRepository, ConsentsPrivacy, ConsentsExportContributor],
  exports: [ConsentsService],
})
export class ConsentsModule {}
