import { Module } from '@nestjs/common';
import { MailModule } from '../platform/mail/mail.module.js';
import { HelpRequestsController } from './help-requests.controller.js';
import { HelpRequestsService } from './help-requests.service.js';

@Module({
  imports: [MailModule],
  controllers: [HelpRequestsController],
  providers: [HelpRequestsService],
  exports: [HelpRequestsService],
})
export class HelpRequestsModule {}
