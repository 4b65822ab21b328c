import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import {
  CreateJobcoachGrantDto,
  JobcoachDecisionDto,
  JobcoachGrantDto,
  JobcoachHoursDto,
  JobcoachHoursLinksDto,
  JobcoachLogbookDto,
  JobcoachLogbookQueryDto,
  JobcoachReportDto,
  JobcoachReportQueryDto,
  RegisterJobcoachHoursDto,
} from './dto/jobcoach.dto.js';
import { JobcoachFundingService } from './jobcoach-funding.service.js';
import { logbookCsv, logbookFileName, reportCsv, reportPdf } from './jobcoach-report.render.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;

@ApiTags('jobcoach-funding')
@ApiExtraModels(JobcoachReportDto, JobcoachLogbookDto)
@Controller()
export class JobcoachFundingController {
  constructor(private readonly funding: JobcoachFundingService) {}

  @Post('placements/:placementId/jobcoach-grants')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'requestJobcoachGrant',
    summary: 'Record a UWV jobcoach request for a period of at most six months; warns when UWV is likely to refuse',
  })
  @ApiCreatedResponse({ type: JobcoachGrantDto })
  request(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: CreateJobcoachGrantDto,
  ): Promise<JobcoachGrantDto> {
    return this.funding.request(actor, placementId, body);
  }

  @Get('placements/:placementId/jobcoach-grants')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'listJobcoachGrants', summary: 'The jobcoach grants of a placement, with hours used and left' })
  @ApiOkResponse({ type: [JobcoachGrantDto] })
  list(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<JobcoachGrantDto[]> {
    return this.funding.list(actor, placementId);
  }

  @Post('placements/:placementId/jobcoach-grants/:grantId/decision')
  @HttpCode(200)
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'decideJobcoachGrant',
    summary: "Record UWV's decision: granted (with hours, and the period if changed) or refused",
  })
  @ApiOkResponse({ type: JobcoachGrantDto })
  decide(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Body() body: JobcoachDecisionDto,
  ): Promise<JobcoachGrantDto> {
    return this.funding.decide(actor, placementId, grantId, body);
  }

  @Post('placements/:placementId/jobcoach-grants/:grantId/hours')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'registerJobcoachHours',
    summary: 'Register jobcoaching hours within the granted period, with a justification; never more than granted',
  })
  @ApiCreatedResponse({ type: JobcoachHoursDto })
  register(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Body() body: RegisterJobcoachHoursDto,
  ): Promise<JobcoachHoursDto> {
    return this.funding.registerHours(actor, placementId, grantId, body);
  }

  @Post('placements/:placementId/jobcoach-grants/:grantId/hours/:hoursId/links')
  @HttpCode(200)
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'linkJobcoachHours',
    summary:
      'Complete the logbook: link hours registered without a goal to the goals or agreements they served (once; links are never changed)',
  })
  @ApiOkResponse({ type: JobcoachHoursDto })
  link(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Param('hoursId', uuidParam('hoursId')) hoursId: string,
    @Body() body: JobcoachHoursLinksDto,
  ): Promise<JobcoachHoursDto> {
    return this.funding.linkHours(actor, placementId, grantId, hoursId, body);
  }

  @Get('placements/:placementId/jobcoach-grants/:grantId/hours')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'listJobcoachHours', summary: 'The hours registered under a jobcoach grant' })
  @ApiOkResponse({ type: [JobcoachHoursDto] })
  hours(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
  ): Promise<JobcoachHoursDto[]> {
    return this.funding.hours(actor, placementId, grantId);
  }

  @Get('placements/:placementId/jobcoach-grants/:grantId/report')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'getJobcoachReport',
    summary:
      'The period report for UWV: organisation, employer and employee by name, hours per goal, per agreement and per month with justifications, total against granted; no medical information',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({
    description: 'The report as JSON, CSV (semicolons, UTF-8 with BOM) or PDF.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(JobcoachReportDto) } },
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async report(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Query() query: JobcoachReportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? 'json';
    const report = await this.funding.report(actor, placementId, grantId, format);
    response.setHeader('Cache-Control', 'no-store');
    const name = `urenverantwoording-jobcoach-${report.periodStart}`;
    if (format === 'csv') response.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(reportCsv(report));
    else if (format === 'pdf')
      response
        .type('application/pdf')
        .attachment(`${name}.pdf`)
        .send(await reportPdf(report));
    else response.json(report);
  }

  @Get('placements/:placementId/jobcoach-logbook')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'getJobcoachLogbook',
    summary: 'The jobcoach logbook of a placement for a follow-up application: every hour of every grant with its goals and agreements',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The logbook as JSON or CSV (semicolons, UTF-8 with BOM).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(JobcoachLogbookDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async logbook(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Query() query: JobcoachLogbookQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? 'json';
    const logbook = await this.funding.logbook(actor, placementId, format);
    response.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') response.type('text/csv; charset=utf-8').attachment(logbookFileName(logbook)).send(logbookCsv(logbook));
    else response.json(logbook);
  }
}
