import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import { PageQueryDto, pageDtoOf } from '../platform/http/pagination/page.dto.js';
import { EmployerPlacementDto } from './dto/employer-placement.dto.js';
import { ContractDto, CreatePlacementDto, OutflowDto, PlacementDto, TrialExtensionDto, TrialOutcomeDto } from './dto/placement.dto.js';
import {
  CreateSubsidyDecisionDto,
  CreateWageValueAssessmentDto,
  MonthQueryDto,
  NoRiskPolicyDto,
  PaymentReceiptDto,
  SubsidyStatementRequestDto,
  SubsidyStatusDto,
  WageCostSubsidyDto,
  WageValueAssessmentDto,
} from './dto/subsidy.dto.js';
import { EmployerPlacementsService } from './employer-placements.service.js';
import { PlacementsService } from './placements.service.js';
import { SubsidyService } from './subsidy.service.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;

@ApiTags('placements')
@Controller()
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly subsidy: SubsidyService,
    private readonly employerView: EmployerPlacementsService,
  ) {}

  @Post('placements')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'createPlacement', summary: 'Start a placement: a trial placement, or straight into a contract' })
  @ApiCreatedResponse({ type: PlacementDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePlacementDto): Promise<PlacementDto> {
    return this.placements.create(actor, body);
  }

  @Get('placements')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listPlacements', summary: 'Placements of the participants you may see' })
  @ApiOkResponse({ type: pageDtoOf(PlacementDto) })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.placements.list(actor, query);
  }

  @Get('placements/:placementId')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'getPlacement', summary: 'One placement' })
  @ApiOkResponse({ type: PlacementDto })
  get(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<PlacementDto> {
    return this.placements.get(actor, placementId);
  }

  @Post('placements/:placementId/trial-extensions')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'extendTrial', summary: 'Extend the trial placement (up to six months in total, with a reason)' })
  @ApiCreatedResponse({ type: PlacementDto })
  extendTrial(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: TrialExtensionDto,
  ): Promise<PlacementDto> {
    return this.placements.extendTrial(actor, placementId, body);
  }

  @Post('placements/:placementId/trial-outcome')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'recordTrialOutcome',
    summary: 'Record how the trial placement ended: match or no match, with the evaluation',
  })
  @ApiCreatedResponse({ type: PlacementDto })
  trialOutcome(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: TrialOutcomeDto,
  ): Promise<PlacementDto> {
    return this.placements.recordTrialOutcome(actor, placementId, body);
  }

  @Put('placements/:placementId/contract')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'setContract', summary: 'Record or change the contract; warns when the hours exceed the assessed capacity' })
  @ApiOkResponse({ type: PlacementDto })
  setContract(@CurrentActor() actor: Actor, @Param('placementId') placementId: string, @Body() body: ContractDto): Promise<PlacementDto> {
    return this.placements.setContract(actor, placementId, body);
  }

  @Put('placements/:placementId/outflow')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'setOutflow', summary: 'Record the outflow (to work or education) and the end of trajectory funding' })
  @ApiOkResponse({ type: PlacementDto })
  outflow(@CurrentActor() actor: Actor, @Param('placementId') placementId: string, @Body() body: OutflowDto): Promise<PlacementDto> {
    return this.placements.recordOutflow(actor, placementId, body);
  }

  @Post('placements/:placementId/wage-value-assessments')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'assessWageValue', summary: 'Record a wage value (loonwaarde) assessment' })
  @ApiCreatedResponse({ type: WageValueAssessmentDto })
  assess(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: CreateWageValueAssessmentDto,
  ): Promise<WageValueAssessmentDto> {
    return this.subsidy.assessWageValue(actor, placementId, body);
  }

  @Get('placements/:placementId/wage-value-assessments')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'listWageValueAssessments', summary: 'The wage value assessments of a placement, newest first' })
  @ApiOkResponse({ type: [WageValueAssessmentDto] })
  assessments(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<WageValueAssessmentDto[]> {
    return this.subsidy.assessments(actor, placementId);
  }

  @Get('placements/:placementId/wage-cost-subsidy')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'getWageCostSubsidy', summary: 'The wage-cost subsidy for a month, explained factor by factor' })
  @ApiOkResponse({ type: WageCostSubsidyDto })
  subsidyForMonth(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Query() query: MonthQueryDto,
  ): Promise<WageCostSubsidyDto> {
    return this.subsidy.forMonth(actor, placementId, query.month);
  }

  @Post('placements/:placementId/subsidy-statements')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'reportSubsidy',
    summary: "Fix a month's subsidy calculation as reported; later rule changes leave it unchanged",
  })
  @ApiCreatedResponse({ type: WageCostSubsidyDto })
  report(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: SubsidyStatementRequestDto,
  ): Promise<WageCostSubsidyDto> {
    return this.subsidy.report(actor, placementId, body.month);
  }

  @Post('placements/:placementId/subsidy-decisions')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'recordSubsidyDecision',
    summary: 'Record the subsidy application or decision; a grant sets the expected monthly payments',
  })
  @ApiCreatedResponse({ type: SubsidyStatusDto })
  decide(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: CreateSubsidyDecisionDto,
  ): Promise<SubsidyStatusDto> {
    return this.subsidy.decide(actor, placementId, body);
  }

  @Get('placements/:placementId/subsidy')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'getSubsidyStatus', summary: 'Subsidy decision and payments, with late ones marked' })
  @ApiOkResponse({ type: SubsidyStatusDto })
  subsidyStatus(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<SubsidyStatusDto> {
    return this.subsidy.status(actor, placementId);
  }

  @Post('placements/:placementId/subsidy-payments/:paymentId/receipt')
  @HttpCode(200)
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'recordSubsidyPayment', summary: 'Record that a subsidy payment arrived' })
  @ApiOkResponse({ type: SubsidyStatusDto })
  receive(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Param('paymentId', uuidParam('paymentId')) paymentId: string,
    @Body() body: PaymentReceiptDto,
  ): Promise<SubsidyStatusDto> {
    return this.subsidy.receive(actor, placementId, paymentId, body.receivedOn);
  }

  @Get('placements/:placementId/no-risk-policy')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'getNoRiskPolicy', summary: 'Until when the no-risk policy (no-riskpolis) covers sickness' })
  @ApiOkResponse({ type: NoRiskPolicyDto })
  noRisk(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<NoRiskPolicyDto> {
    return this.subsidy.noRiskPolicy(actor, placementId);
  }

  @Get('employers/:employerId/placements')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({
    operationId: 'listEmployerPlacements',
    summary: "The employer's view of its placements: agreements, contact person, subsidy status",
  })
  @ApiOkResponse({ type: [EmployerPlacementDto] })
  employerPlacements(@CurrentActor() actor: Actor, @Param('employerId') employerId: string): Promise<EmployerPlacementDto[]> {
    return this.employerView.list(actor, employerId);
  }
}
