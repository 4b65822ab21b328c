import { Module } from '@nestjs/common';
import { MailModule } from '../platform/mail/mail.module.js';
import { HelpRequestsController } from './help-requests.controller.js';
import { HelpRequestLinks } from './help-requests.links.js';
import { HelpRequestsExport, HelpRequestsPrivacy } from './help-requests.privacy.js';
import { HelpRequestsRepository } from './help-requests.repository.js';
import { HelpRequestsService } from './help-requests.service.js';

@Module({
  imports: [MailModule],
  controllers: [HelpRequestsController],
  providers: [HelpRequestsService, HelpRequestsRepository, HelpRequestLinks, HelpRequestsPrivacy, HelpRequestsExport],
  exports: [HelpRequestsService, HelpRequestLinks],
})
export class HelpRequestsModule {}
