import { Module } from '@nestjs/common';
import { EmployersModule } from '../employers/employers.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsPrivacy } from './imports.privacy.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [EmployersModule, VacanciesModule, ParticipantsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportsPrivacy],
  exports: [ImportsService],
})
export class ImportsModule {}
