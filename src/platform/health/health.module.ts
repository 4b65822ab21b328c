import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MailModule } from '../mail/mail.module.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }), MailModule],
  controllers: [HealthController],
})
export class HealthModule {}
