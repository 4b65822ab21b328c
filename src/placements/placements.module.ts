import { Module } from '@nestjs/common';
import { PlacementFiguresRepository } from './placement-figures.repository.js';
import { PlacementFiguresService } from './placement-figures.service.js';
import { ConsentsModule } from '../consents/consents.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { EmployerPlacementsService } from './employer-placements.service.js';
import { PlacementsController } from './placements.controller.js';
import { PlacementsExportContributor, PlacementsPrivacy } from './placements.privacy.js';
import { PlacementsRepository } from './placements.repository.js';
import { PlacementsService } from './placements.service.js';
import { SubsidyPrivacy } from './subsidy.privacy.js';
import { SubsidyRepository } from './subsidy.repository.js';
import { SubsidyService } from './subsidy.service.js';

@Module({
  imports: [MailModule, ParticipantsModule, ConsentsModule, TasksModule],
  controllers: [PlacementsController],
  providers: [
    PlacementFiguresRepository,
    PlacementFiguresService,
    PlacementsRepository,
    PlacementsService,
    SubsidyRepository,
    SubsidyService,
    SubsidyPrivacy,
    EmployerPlacementsService,
    PlacementsPrivacy,
    PlacementsExportContributor,
  ],
  exports: [PlacementFiguresService, PlacementsService, SubsidyService, SubsidyRepository, TasksModule, EmployerPlacementsService],
})
export class PlacementsModule {}
