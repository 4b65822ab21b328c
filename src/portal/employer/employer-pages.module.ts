import { Module } from '@nestjs/common';
import { MatchingModule } from '../../matching/matching.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { QuotaModule } from '../../quota/quota.module.js';
import { ReferenceDataModule } from '../../reference-data/reference-data.module.js';
import { VacanciesModule } from '../../vacancies/vacancies.module.js';
import { HelpPagesModule } from '../help/help-pages.module.js';
import { EmployerPagesController } from './employer-pages.controller.js';

/** The employer's pages: vacancies, candidates, placements with subsidy, quota. */
@Module({
  imports: [VacanciesModule, MatchingModule, PlacementsModule, QuotaModule, ReferenceDataModule, HelpPagesModule],
  controllers: [EmployerPagesController],
})
export class EmployerPagesModule {}
