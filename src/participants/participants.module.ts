import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantExportContributor, ParticipantsPrivacy } from './participants.privacy.js';
import { ParticipantsRepository } from './participants.repository.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  imports: [OrganisationsModule],
  controllers: [ParticipantsController],
  providers: [ParticipantsService, ParticipantsRepository, ParticipantsPrivacy, ParticipantExportContributor],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
