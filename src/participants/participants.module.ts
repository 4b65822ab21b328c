import { Module } from '@nestjs/common';
import { ParticipantFiguresRepository } from './participant-figures.repository.js';
import { ParticipantFiguresService } from './participant-figures.service.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantExportContributor, ParticipantsPrivacy } from './participants.privacy.js';
import { ParticipantsRepository } from './participants.repository.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  imports: [OrganisationsModule],
  controllers: [ParticipantsController],
  providers: [
    ParticipantFiguresRepository,
    ParticipantFiguresService,
    ParticipantsService,
    ParticipantsRepository,
    ParticipantsPrivacy,
    ParticipantExportContributor,
  ],
  exports: [ParticipantFiguresService, ParticipantsService],
})
export class ParticipantsModule {}
