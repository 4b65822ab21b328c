import { Module } from '@nestjs/common';
import { EmployersModule } from '../../employers/employers.module.js';
import { HelpRequestsModule } from '../../help-requests/help-requests.module.js';
import { MatchingModule } from '../../matching/matching.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { QuotaModule } from '../../quota/quota.module.js';
import { ReferenceDataModule } from '../../reference-data/reference-data.module.js';
import { VacanciesModule } from '../../vacancies/vacancies.module.js';
import { HelpPagesModule } from '../help/help-pages.module.js';
import { EmployerPagesController } from './employer-pages.controller.js';
import { SurveysModule } from '../../surveys/surveys.module.js';

/** The employer's pages: vacancies, candidates, placements with subsidy, quota. */
@Module({
  imports: [
    VacanciesModule,
    MatchingModule,
    PlacementsModule,
    QuotaModule,
    ReferenceDataModule,
    EmployersModule,
    HelpRequestsModule,
    HelpPagesModule,
    SurveysModule,
  ],
  controllers: [EmployerPagesController],
})
export class EmployerPagesModule {}
