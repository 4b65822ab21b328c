import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import {
  CreateJobcoachGrantDto,
  JobcoachDecisionDto,
  JobcoachGrantDto,
  JobcoachHoursDto,
  JobcoachReportDto,
  RegisterJobcoachHoursDto,
} from './dto/jobcoach.dto.js';
import { JobcoachFundingService } from './jobcoach-funding.service.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;

@ApiTags('jobcoach-funding')
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
    summary: 'The period report for UWV: hours per month with justifications, total against granted; no medical information',
  })
  @ApiOkResponse({ type: JobcoachReportDto })
  report(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
  ): Promise<JobcoachReportDto> {
    return this.funding.report(actor, placementId, grantId);
  }
}
