import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy } from '../platform/auth/policy.decorator.js';
import { CalculationsService } from './calculations.service.js';
import {
  LoonkostenvoordeelInputDto,
  QuotaInputDto,
  WageCostSubsidyInputDto,
  WhatIfLoonkostenvoordeelDto,
  WhatIfQuotaDto,
  WhatIfWageCostSubsidyDto,
} from './dto/calculation.dto.js';

/** Coaches and employers may try figures; participants have no use for these sums. */
const CALCULATING_ROLES = ['admin', 'team_lead', 'jobcoach', 'employer_user'] as const;

@ApiTags('calculations')
@Controller('calculations')
export class CalculationsController {
  constructor(private readonly calculations: CalculationsService) {}

  @Post('wage-cost-subsidy')
  @HttpCode(HttpStatus.OK)
  @Policy({ roles: CALCULATING_ROLES })
  @ApiOperation({
    operationId: 'calculateWageCostSubsidy',
    summary: 'What-if: the wage-cost subsidy for a month with the given contract and wage value, explained, without a placement',
  })
  @ApiOkResponse({ type: WhatIfWageCostSubsidyDto })
  wageCostSubsidy(@CurrentActor() actor: Actor, @Body() body: WageCostSubsidyInputDto): Promise<WhatIfWageCostSubsidyDto> {
    return this.calculations.wageCostSubsidy(actor, body);
  }

  @Post('quota')
  @HttpCode(HttpStatus.OK)
  @Policy({ roles: CALCULATING_ROLES })
  @ApiOperation({
    operationId: 'calculateQuota',
    summary: 'What-if: the banenafspraak quota status for the given paid hours, explained, without an employer record',
  })
  @ApiOkResponse({ type: WhatIfQuotaDto })
  quota(@CurrentActor() actor: Actor, @Body() body: QuotaInputDto): Promise<WhatIfQuotaDto> {
    return this.calculations.quota(actor, body);
  }

  @Post('loonkostenvoordeel')
  @HttpCode(HttpStatus.OK)
  @Policy({ roles: CALCULATING_ROLES })
  @ApiOperation({
    operationId: 'calculateLoonkostenvoordeel',
    summary: 'What-if: the loonkostenvoordeel banenafspraak (LKV) per calendar year for the given contract, explained',
  })
  @ApiOkResponse({ type: WhatIfLoonkostenvoordeelDto })
  loonkostenvoordeel(@CurrentActor() actor: Actor, @Body() body: LoonkostenvoordeelInputDto): Promise<WhatIfLoonkostenvoordeelDto> {
    return this.calculations.loonkostenvoordeel(actor, body);
  }
}
