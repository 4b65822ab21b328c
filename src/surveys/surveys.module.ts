import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { RuleParametersModule } from '../rule-parameters/rule-parameters.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysJobs } from './surveys.jobs.js';
import { SurveyLinks } from './surveys.links.js';
import { SurveysExport, SurveysPrivacy } from './surveys.privacy.js';
import { SurveysRepository } from './surveys.repository.js';
import { SurveysService } from './surveys.service.js';

@Module({
  imports: [MailModule, ConsentsModule, RuleParametersModule, TasksModule],
  controllers: [SurveysController],
  providers: [SurveysService, SurveysRepository, SurveysJobs, SurveyLinks, SurveysPrivacy, SurveysExport],
  exports: [SurveysService],
})
export class SurveysModule {}
