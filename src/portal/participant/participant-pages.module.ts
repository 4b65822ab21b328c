import { ReferenceDataModule } from '../../reference-data/reference-data.module.js';
import { Module } from '@nestjs/common';
import { AftercareModule } from '../../aftercare/aftercare.module.js';
import { AuditModule } from '../../audit/audit.module.js';
import { CoachDashboardModule } from '../../coach-dashboard/coach-dashboard.module.js';
import { ConsentsModule } from '../../consents/consents.module.js';
import { HelpRequestsModule } from '../../help-requests/help-requests.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { PrivacyModule } from '../../privacy/privacy.module.js';
import { HelpPagesModule } from '../help/help-pages.module.js';
import { ParticipantPagesController } from './participant-pages.controller.js';
import { SurveysModule } from '../../surveys/surveys.module.js';

/** The participant's pages: home, consents, my data, check-in preparation. */
@Module({
  imports: [
    AftercareModule,
    CoachDashboardModule,
    PlacementsModule,
    AuditModule,
    ConsentsModule,
    HelpRequestsModule,
    HelpPagesModule,
    PrivacyModule,
    ReferenceDataModule,
    SurveysModule,
  ],
  controllers: [ParticipantPagesController],
})
export class ParticipantPagesModule {}
