import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { MatchesRepository } from './matches.repository.js';
import { MatchesService } from './matches.service.js';
import { MatchingController } from './matching.controller.js';
import { MatchesExportContributor, MatchingPrivacy } from './matching.privacy.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';

@Module({
  imports: [VacanciesModule, ConsentsModule, MailModule],
  controllers: [MatchingController],
  providers: [MatchingRepository, MatchesRepository, MatchingService, MatchesService, MatchingPrivacy, MatchesExportContributor],
  exports: [MatchingService, MatchesService],
})
export class MatchingModule {}
