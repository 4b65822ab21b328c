import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ParticipantsModule } from '../participants/participants.module.js';
import { DataExportController } from './data-export.controller.js';
import { DataExportRenderer } from './data-export.renderer.js';
import { DataExportService } from './data-export.service.js';
import { ErasureService } from './erasure.service.js';
import { PrivacyController } from './privacy.controller.js';
import { ErasureRecordPrivacy } from './privacy.privacy.js';
import { PrivacyRepository } from './privacy.repository.js';

/**
 * Data export (GDPR art. 15), erasure (art. 17) and the retention policy.
 * Each capability adds its export sections (@ExportsPersonalData) and its
 * erasure (@OwnsPersonalData) in its own module; discovery finds them.
 */
@Module({
  imports: [DiscoveryModule, ParticipantsModule],
  controllers: [DataExportController, PrivacyController],
  providers: [DataExportService, DataExportRenderer, ErasureService, PrivacyRepository, ErasureRecordPrivacy],
  exports: [DataExportService, ErasureService],
})
export class PrivacyModule {}
