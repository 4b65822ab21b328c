import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { AftercareService } from './aftercare.service.js';
import { OpenRiskDto, OpenRisksQueryDto, PlacementRiskDto, RiskFollowUpDto } from './dto/risk.dto.js';
import { EarlyWarningService } from './early-warning.service.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;

/** The early warning's risks: the coach's and team's open ones, a placement's history, and what the coach did. */
@ApiTags('aftercare')
@Controller()
export class EarlyWarningController {
  constructor(
    private readonly earlyWarning: EarlyWarningService,
    private readonly aftercare: AftercareService,
  ) {}

  @Get('placement-risks')
  @Policy({ roles: CASEWORKERS })
  @ApiOperation({
    operationId: 'listOpenRisks',
    summary: "Open early-warning risks on the coach's placements (scope=team: the team lead's team), with reason and next action",
  })
  @ApiOkResponse({ type: [OpenRiskDto] })
  open(@CurrentActor() actor: Actor, @Query() query: OpenRisksQueryDto): Promise<OpenRiskDto[]> {
    return this.earlyWarning.open(actor, query.scope ?? 'mine');
  }

  @Get('placements/:placementId/risks')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'listPlacementRisks', summary: 'Every early-warning risk of a placement and what followed' })
  @ApiOkResponse({ type: [PlacementRiskDto] })
  forPlacement(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<PlacementRiskDto[]> {
    return this.earlyWarning.forPlacement(actor, placementId);
  }

  @Post('placements/:placementId/risks/:riskId/follow-ups')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'followUpRisk',
    summary: 'Record what the coach did about a risk (a call or renewal talk is logged as a contact) and whether it closes',
  })
  @ApiCreatedResponse({ type: PlacementRiskDto })
  followUp(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('riskId', ParseUUIDPipe) riskId: string,
    @Body() body: RiskFollowUpDto,
  ): Promise<PlacementRiskDto> {
    return this.aftercare.followUpRisk(actor, placementId, riskId, body);
  }
}
