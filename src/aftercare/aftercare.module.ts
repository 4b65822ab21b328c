import { CoachDashboardModule } from '../coach-dashboard/coach-dashboard.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { CheckinFiguresRepository } from './checkin-figures.repository.js';
import { CheckinFiguresService } from './checkin-figures.service.js';
import { RiskFiguresRepository } from './risk-figures.repository.js';
import { RiskFiguresService } from './risk-figures.service.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { CaseloadTransferService } from './caseload-transfer.service.js';
import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { HandoverConfirmationController } from '../portal/handover-confirmation.controller.js';
import { AftercareController } from './aftercare.controller.js';
import { AftercarePrivacy, PlacementRisksExportContributor } from './aftercare.privacy.js';
import { EarlyWarningController } from './early-warning.controller.js';
import { EarlyWarningService } from './early-warning.service.js';
import { RisksRepository } from './risks.repository.js';
import { AftercareService } from './aftercare.service.js';
import { CheckinsRepository } from './checkins.repository.js';
import { CheckinsService } from './checkins.service.js';
import { HandoverFolderService } from './handover-folder.service.js';
import { HandoverRepository } from './handover.repository.js';
import { HandoverService } from './handover.service.js';

@Module({
  imports: [MailModule, PlacementsModule, ConsentsModule, ParticipantsModule, CoachDashboardModule, SurveysModule],
  controllers: [AftercareController, EarlyWarningController, HandoverConfirmationController],
  providers: [
    CheckinFiguresRepository,
    CheckinFiguresService,
    RiskFiguresRepository,
    RiskFiguresService,
    HandoverRepository,
    CheckinsRepository,
    HandoverService,
    HandoverFolderService,
    CheckinsService,
    AftercareService,
    CaseloadTransferService,
    AftercarePrivacy,
    RisksRepository,
    EarlyWarningService,
    PlacementRisksExportContributor,
  ],
  exports: [
    CheckinFiguresService,
    RiskFiguresService,
    CheckinsService,
    HandoverService,
    HandoverFolderService,
    AftercareService,
    CaseloadTransferService,
    EarlyWarningService,
  ],
})
export class AftercareModule {}
