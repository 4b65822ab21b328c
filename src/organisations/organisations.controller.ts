import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { ALL_ROLES, Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { MembershipsService } from '../identity/memberships.service.js';
import {
  CreateFunderDto,
  CreateTeamDto,
  FunderDto,
  MembershipDto,
  OrganisationDto,
  TeamDto,
  UpdateMembershipDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisation')
@Controller()
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly memberships: MembershipsService,
  ) {}

  @Get('organisation')
  @Policy({ roles: ALL_ROLES })
  @ApiOperation({ operationId: 'getOrganisation', summary: 'Your organisation and its settings' })
  @ApiOkResponse({ type: OrganisationDto })
  get(@CurrentActor() actor: Actor): Promise<OrganisationDto> {
    return this.organisations.get(actor.organisationId);
  }

  @Patch('organisation')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'updateOrganisation', summary: 'Change your organisation settings' })
  @ApiOkResponse({ type: OrganisationDto })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.update(actor.organisationId, body);
  }

  @Post('teams')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'createTeam', summary: 'Create a team of coaches' })
  @ApiCreatedResponse({ type: TeamDto })
  createTeam(@CurrentActor() actor: Actor, @Body() body: CreateTeamDto): Promise<TeamDto> {
    return this.organisations.createTeam(actor.organisationId, body.name);
  }

  @Get('teams')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listTeams', summary: 'The teams of your organisation' })
  @ApiOkResponse({ type: [TeamDto] })
  listTeams(@CurrentActor() actor: Actor): Promise<TeamDto[]> {
    return this.organisations.teams(actor.organisationId);
  }

  @Get('funders')
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'listFunders',
    summary: 'Who pays for trajectories: the municipalities, UWV and other funders of your organisation',
  })
  @ApiOkResponse({ type: [FunderDto] })
  listFunders(@CurrentActor() actor: Actor): Promise<FunderDto[]> {
    return this.organisations.funders(actor.organisationId);
  }

  @Post('funders')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'createFunder', summary: 'Add a funder (a municipality, UWV or another body that pays for trajectories)' })
  @ApiCreatedResponse({ type: FunderDto })
  createFunder(@CurrentActor() actor: Actor, @Body() body: CreateFunderDto): Promise<FunderDto> {
    return this.organisations.createFunder(actor, body);
  }

  @Get('memberships')
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'listMemberships',
    summary: 'People with an account: the organisation (admins), your team (team leads), yourself',
  })
  @ApiOkResponse({ type: [MembershipDto] })
  listMemberships(@CurrentActor() actor: Actor): Promise<MembershipDto[]> {
    return this.memberships.listVisible(actor);
  }

  @Patch('memberships/:membershipId')
  @Policy({ roles: ['admin'], resource: { kind: 'membership', param: 'membershipId' } })
  @ApiOperation({
    operationId: 'updateMembership',
    summary: "Disable or re-enable an account, change a staff account's role, a coach's team or absence",
  })
  @ApiOkResponse({ type: MembershipDto })
  updateMembership(
    @CurrentActor() actor: Actor,
    @Param('membershipId') membershipId: string,
    @Body() body: UpdateMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.update(actor, membershipId, body);
  }
}
