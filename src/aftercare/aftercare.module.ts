import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { AftercareController } from './aftercare.controller.js';
import { AftercareService } from './aftercare.service.js';
import { CheckinsService } from './checkins.service.js';
import { HandoverFolderService } from './handover-folder.service.js';
import { HandoverService } from './handover.service.js';

@Module({
  imports: [MailModule, PlacementsModule],
  controllers: [AftercareController],
  providers: [HandoverService, HandoverFolderService, CheckinsService, AftercareService],
  exports: [CheckinsService],
})
export class AftercareModule {}
