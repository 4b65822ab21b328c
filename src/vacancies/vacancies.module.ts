import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { VacanciesController } from './vacancies.controller.js';
import { VacanciesPrivacy } from './vacancies.privacy.js';
import { VacanciesRepository } from './vacancies.repository.js';
import { VacanciesService } from './vacancies.service.js';

@Module({
  imports: [ReferenceDataModule],
  controllers: [VacanciesController],
  providers: [VacanciesRepository, VacanciesService, VacanciesPrivacy],
  exports: [VacanciesService],
})
export class VacanciesModule {}
