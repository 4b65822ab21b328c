import { Injectable } from '@nestjs/common';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { SurveysService } from './surveys.service.js';

/** The scheduled look for due surveys; the service decides per placement, so a second run creates nothing. */
@Injectable()
export class SurveysJobs {
  constructor(private readonly surveys: SurveysService) {}

  @OnJob(JobName.SurveysSendDue)
  async sendDue(): Promise<{ created: number }> {
    return { created: await this.surveys.sendDue() };
  }
}
