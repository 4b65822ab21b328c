import { Module } from '@nestjs/common';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantExportContributor, ParticipantsPrivacy } from './participants.privacy.js';
import { ParticipantsRepository } from './participants.repository.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  controllers: [ParticipantsController],
  providers: [ParticipantsService, ParticipantsRepository, ParticipantsPrivacy, ParticipantExportContributor],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
