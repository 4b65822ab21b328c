import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../../organisations/organisations.module.js';
import { ReportsModule } from '../../reports/reports.module.js';
import { ReportPagesController } from './report-pages.controller.js';

/** The outcome report pages (admins, team leads, funders). */
@Module({
  imports: [ReportsModule, OrganisationsModule],
  controllers: [ReportPagesController],
})
export class ReportPagesModule {}
