import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy } from '../platform/auth/policy.decorator.js';
import { AftercareReportDto, OutcomeReportDto, ReportExportQueryDto, ReportQueryDto } from './dto/report.dto.js';
import { ReportsService, XLSX_TYPE } from './reports.service.js';

/** Admins (their organisation), team leads (their team) and funders (their own trajectories, small cells suppressed). */
export const REPORT_ROLES = ['admin', 'team_lead', 'funder'] as const;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('outcomes')
  @Policy({ roles: REPORT_ROLES })
  @ApiOperation({
    operationId: 'reportOutcomes',
    summary:
      'The trajectory funnel (registered to still working after 6, 12 and 36 months) with conversion, median days, drop-out reasons and the retention curve',
  })
  @ApiOkResponse({ type: OutcomeReportDto })
  outcomes(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<OutcomeReportDto> {
    return this.reports.outcomes(actor, query);
  }

  @Get('aftercare-delivery')
  @Policy({ roles: REPORT_ROLES })
  @ApiOperation({
    operationId: 'reportAftercareDelivery',
    summary: 'Check-ins planned, held and missed per coach and month; time to first contact on help requests; escalations; risk flags',
  })
  @ApiOkResponse({ type: AftercareReportDto })
  aftercare(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<AftercareReportDto> {
    return this.reports.aftercare(actor, query);
  }

  @Get('export')
  @Policy({ roles: REPORT_ROLES })
  @ApiOperation({ operationId: 'exportReports', summary: 'Both reports as one CSV (a section per table) or XLSX (a sheet per table)' })
  @ApiOkResponse({
    description: 'The file, as an attachment. Cells read as on the page: "< 5" where suppressed for a funder.',
    content: {
      'text/csv': {
        schema: { type: 'string', example: 'Trajecten\r\nStap;Aantal mensen;Van de vorige stap;Doorstroom\r\nAangemeld;9;;\r\n' },
      },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async export(@CurrentActor() actor: Actor, @Query() query: ReportExportQueryDto, @Res() response: Response): Promise<void> {
    const file = await this.reports.export(actor, query, query.format, actor.locale);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    response.type(file.contentType).send(file.body);
  }
}
