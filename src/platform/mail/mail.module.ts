import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailMessage } from './entities/mail-message.entity.js';
import { MailTemplateService } from './mail-template.service.js';
import { MailTransport } from './mail-transport.js';
import { MailController } from './mail.controller.js';
import { MailExport, MailPrivacy } from './mail.privacy.js';
import { MailRepository } from './mail.repository.js';
import { MailService } from './mail.service.js';
import { OutboxController } from './outbox.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([MailMessage])],
  controllers: [MailController, OutboxController],
  providers: [MailService, MailRepository, MailTemplateService, MailTransport, MailPrivacy, MailExport],
  exports: [MailService, MailTransport, MailTemplateService],
})
export class MailModule {}
