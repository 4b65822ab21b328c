import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { ALL_ROLES, Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import { Membership } from '../identity/entities/membership.entity.js';
import { SessionService } from '../identity/session.service.js';
import {
  CreateTeamDto,
  MembershipDto,
  OrganisationDto,
  TeamDto,
  UpdateMembershipDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import { Organisation } from './entities/organisation.entity.js';
import { Team } from './entities/team.entity.js';

function toOrganisationDto(organisation: Organisation): OrganisationDto {
  return {
    id: organisation.id,
    name: organisation.name,
    slug: organisation.slug,
    staffMagicLinkAllowed: organisation.settings.staffMagicLinkAllowed ?? false,
    helpResponseWorkingDays: organisation.settings.helpResponseWorkingDays ?? 1,
  };
}

@ApiTags('organisation')
@Controller()
export class OrganisationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
    private readonly sessions: SessionService,
  ) {}

  @Get('organisation')
  @Policy({ roles: ALL_ROLES })
  @ApiOperation({ operationId: 'getOrganisation', summary: 'Your organisation and its settings' })
  @ApiOkResponse({ type: OrganisationDto })
  async get(@CurrentActor() actor: Actor): Promise<OrganisationDto> {
    return toOrganisationDto(await this.dataSource.getRepository(Organisation).findOneByOrFail({ id: actor.organisationId }));
  }

  @Patch('organisation')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'updateOrganisation', summary: 'Change your organisation settings' })
  @ApiOkResponse({ type: OrganisationDto })
  async update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    const repository = this.dataSource.getRepository(Organisation);
    const organisation = await repository.findOneByOrFail({ id: actor.organisationId });
    const { name, ...settings } = body;
    const saved = await repository.save({
      ...organisation,
      name: name ?? organisation.name,
      settings: { ...organisation.settings, ...settings },
    });
    return toOrganisationDto(saved);
  }

  @Post('teams')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'createTeam', summary: 'Create a team of coaches' })
  @ApiCreatedResponse({ type: TeamDto })
  async createTeam(@CurrentActor() actor: Actor, @Body() body: CreateTeamDto): Promise<TeamDto> {
    const team = await this.dataSource.getRepository(Team).save({ organisationId: actor.organisationId, name: body.name });
    return { id: team.id, name: team.name };
  }

  @Get('teams')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listTeams', summary: 'The teams of your organisation' })
  @ApiOkResponse({ type: [TeamDto] })
  async listTeams(@CurrentActor() actor: Actor): Promise<TeamDto[]> {
    const teams = await this.dataSource
      .getRepository(Team)
      .find({ where: { organisationId: actor.organisationId }, order: { name: 'ASC' } });
    return teams.map((team) => ({ id: team.id, name: team.name }));
  }

  @Get('memberships')
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'listMemberships',
    summary: 'People with an account: the organisation (admins), your team (team leads), yourself',
  })
  @ApiOkResponse({ type: [MembershipDto] })
  async listMemberships(@CurrentActor() actor: Actor): Promise<MembershipDto[]> {
    const scope = this.policies.membershipScope(actor, 'm');
    const rows = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where(scope.sql, scope.params)
      .andWhere("m.role <> 'participant'")
      .orderBy('u.display_name')
      .limit(1000)
      .getMany();
    return rows.map((row) => this.toMembershipDto(row));
  }

  @Patch('memberships/:membershipId')
  @Policy({ roles: ['admin'], resource: { kind: 'membership', param: 'membershipId' } })
  @ApiOperation({ operationId: 'updateMembership', summary: "Disable or re-enable an account, change a coach's team or absence" })
  @ApiOkResponse({ type: MembershipDto })
  async updateMembership(
    @CurrentActor() actor: Actor,
    @Param('membershipId') membershipId: string,
    @Body() body: UpdateMembershipDto,
  ): Promise<MembershipDto> {
    const repository = this.dataSource.getRepository(Membership);
    const membership = await repository.findOne({ where: { id: membershipId }, relations: { user: true } });
    if (!membership) throw new NotFoundProblem('membership');
    if (body.teamId) {
      const team = await this.dataSource.getRepository(Team).findOneBy({ id: body.teamId, organisationId: actor.organisationId });
      if (!team) throw new NotFoundProblem('team');
    }
    const changes: Partial<Membership> = {};
    if (body.status !== undefined) changes.status = body.status;
    if (body.teamId !== undefined) changes.teamId = body.teamId;
    if (body.absentUntil !== undefined) changes.absentUntil = body.absentUntil;
    await repository.update({ id: membershipId }, changes);
    // A disabled account must not keep working through sessions it already has.
    if (body.status === 'disabled') await this.sessions.revokeAllForUser(membership.userId);
    return this.toMembershipDto({ ...membership, ...changes } as Membership);
  }

  private toMembershipDto(membership: Membership): MembershipDto {
    return {
      id: membership.id,
      displayName: membership.user!.displayName,
      email: membership.user!.email,
      role: membership.role,
      status: membership.status,
      teamId: membership.teamId,
      absentUntil: membership.absentUntil,
    };
  }
}
