import { Module } from '@nestjs/common';
import { SurveysModule } from '../../surveys/surveys.module.js';
import { SurveyPagesController } from './survey-pages.controller.js';

/** Survey pages: answering (by link or signed in), the averages, and the admin's survey moments. */
@Module({
  imports: [SurveysModule],
  controllers: [SurveyPagesController],
})
export class SurveyPagesModule {}
