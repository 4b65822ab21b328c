import { Module } from '@nestjs/common';
import { MatchFiguresRepository } from './match-figures.repository.js';
import { MatchFiguresService } from './match-figures.service.js';
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
  providers: [
    MatchFiguresRepository,
    MatchFiguresService,
    MatchingRepository,
    MatchesRepository,
    MatchingService,
    MatchesService,
    MatchingPrivacy,
    MatchesExportContributor,
  ],
  exports: [MatchFiguresService, MatchingService, MatchesService],
})
export class MatchingModule {}
