import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ParticipantsModule } from '../participants/participants.module.js';
import { CORE_EXPORT_CONTRIBUTORS } from './core-export-contributors.js';
import { DataExportController } from './data-export.controller.js';
import { DataExportRenderer } from './data-export.renderer.js';
import { DataExportService } from './data-export.service.js';
import { HelpRequestsExportContributor, PlacementsExportContributor } from './trajectory-export-contributors.js';
import { ErasureService } from './erasure.service.js';
import { LegacyErasure } from './legacy-erasure.js';
import { PrivacyController } from './privacy.controller.js';

/**
 * Data export (GDPR art. 15), erasure (art. 17) and the retention policy.
 * Other features add export sections with @ExportsPersonalData() providers in
 * their own modules (see data-export-contributor.ts).
 */
@Module({
  imports: [DiscoveryModule, ParticipantsModule],
  controllers: [DataExportController, PrivacyController],
  providers: [
    DataExportService,
    DataExportRenderer,
    ErasureService,
    LegacyErasure,
    ...CORE_EXPORT_CONTRIBUTORS,
    PlacementsExportContributor,
    HelpRequestsExportContributor,
  ],
  exports: [DataExportService, ErasureService],
})
export class PrivacyModule {}
