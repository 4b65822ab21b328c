import { Module } from '@nestjs/common';
import { HelpRequestFiguresRepository } from './help-request-figures.repository.js';
import { HelpRequestFiguresService } from './help-request-figures.service.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { HelpRequestsController } from './help-requests.controller.js';
import { HelpRequestLinks } from './help-requests.links.js';
import { HelpRequestsExport, HelpRequestsPrivacy } from './help-requests.privacy.js';
import { HelpRequestsRepository } from './help-requests.repository.js';
import { HelpRequestsService } from './help-requests.service.js';

@Module({
  imports: [MailModule],
  controllers: [HelpRequestsController],
  providers: [
    HelpRequestFiguresRepository,
    HelpRequestFiguresService,
    HelpRequestsService,
    HelpRequestsRepository,
    HelpRequestLinks,
    HelpRequestsPrivacy,
    HelpRequestsExport,
  ],
  exports: [HelpRequestFiguresService, HelpRequestsService, HelpRequestLinks],
})
export class HelpRequestsModule {}
