import { Module } from '@nestjs/common';
import { HelpRequestsModule } from '../../help-requests/help-requests.module.js';
import { PlacementsModule } from '../../placements/placements.module.js';
import { HelpPagesController } from './help-pages.controller.js';

/** The help request pages, shared by participants and employer users; imported by both their page modules. */
@Module({
  imports: [HelpRequestsModule, PlacementsModule],
  controllers: [HelpPagesController],
})
export class HelpPagesModule {}
