import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { HandoverConfirmationController } from '../portal/handover-confirmation.controller.js';
import { AftercareController } from './aftercare.controller.js';
import { AftercareService } from './aftercare.service.js';
import { CheckinsService } from './checkins.service.js';
import { HandoverFolderService } from './handover-folder.service.js';
import { HandoverService } from './handover.service.js';

@Module({
  imports: [MailModule, PlacementsModule, ConsentsModule],
  controllers: [AftercareController, HandoverConfirmationController],
  providers: [HandoverService, HandoverFolderService, CheckinsService, AftercareService],
  exports: [CheckinsService, HandoverService, HandoverFolderService, AftercareService],
})
export class AftercareModule {}
