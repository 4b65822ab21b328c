import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import {
  CreateQuotaReportedHoursDto,
  QuotaReportedHoursDto,
  QuotaStatusDto,
  QuotaYearQueryDto,
  ReportedHoursQueryDto,
} from './dto/quota.dto.js';
import { QuotaService } from './quota.service.js';

const EMPLOYER = { kind: 'employer', param: 'employerId' } as const;
const STAFF_AND_EMPLOYER = [...STAFF, 'employer_user'] as const;

@ApiTags('quota')
@Controller()
export class QuotaController {
  constructor(private readonly quota: QuotaService) {}

  @Get('employers/:employerId/quota')
  @Policy({ roles: STAFF_AND_EMPLOYER, resource: EMPLOYER })
  @ApiOperation({
    operationId: 'getEmployerQuota',
    summary: "Banenafspraak status of the employer's payroll tax number for a year: jobs counted, required, shortfall, levy or bonus",
  })
  @ApiOkResponse({ type: QuotaStatusDto })
  status(
    @CurrentActor() actor: Actor,
    @Param('employerId') employerId: string,
    @Query() query: QuotaYearQueryDto,
  ): Promise<QuotaStatusDto> {
    return this.quota.status(actor, employerId, query.year);
  }

  @Post('employers/:employerId/quota-reported-hours')
  @Policy({ roles: STAFF_AND_EMPLOYER, resource: EMPLOYER })
  @ApiOperation({
    operationId: 'reportQuotaHours',
    summary: 'Report target-group hours not known from placements (own staff, hired-in or lent-out workers)',
  })
  @ApiCreatedResponse({ type: QuotaReportedHoursDto })
  report(
    @CurrentActor() actor: Actor,
    @Param('employerId') employerId: string,
    @Body() body: CreateQuotaReportedHoursDto,
  ): Promise<QuotaReportedHoursDto> {
    return this.quota.report(actor, employerId, body);
  }

  @Get('employers/:employerId/quota-reported-hours')
  @Policy({ roles: STAFF_AND_EMPLOYER, resource: EMPLOYER })
  @ApiOperation({ operationId: 'listQuotaReportedHours', summary: 'Target-group hours the employer reported, newest year first' })
  @ApiOkResponse({ type: [QuotaReportedHoursDto] })
  reported(
    @CurrentActor() actor: Actor,
    @Param('employerId') employerId: string,
    @Query() query: ReportedHoursQueryDto,
  ): Promise<QuotaReportedHoursDto[]> {
    return this.quota.reportedHours(actor, employerId, query.year);
  }
}
