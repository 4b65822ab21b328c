import { Injectable } from '@nestjs/common';
import { NotFoundProblem } from '../platform/http/problem.js';
import type { OrganisationDto, TeamDto, UpdateOrganisationDto } from './dto/organisation.dto.js';
import type { Organisation } from './entities/organisation.entity.js';
import { OrganisationsRepository } from './organisations.repository.js';

function toOrganisationDto(organisation: Organisation): OrganisationDto {
  return {
    id: organisation.id,
    name: organisation.name,
    slug: organisation.slug,
    staffMagicLinkAllowed: organisation.settings.staffMagicLinkAllowed ?? false,
    helpResponseWorkingDays: organisation.settings.helpResponseWorkingDays ?? 1,
  };
}

/** Organisations, their settings and their teams. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async organisation(organisationId: string): Promise<Organisation> {
    const organisation = await this.organisations.organisation(organisationId);
    if (!organisation) throw new NotFoundProblem('organisation');
    return organisation;
  }

  async get(organisationId: string): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisation(organisationId));
  }

  async update(organisationId: string, input: UpdateOrganisationDto): Promise<OrganisationDto> {
    const organisation = await this.organisation(organisationId);
    const { name, ...settings } = input;
    const saved = await this.organisations.saveOrganisation({
      ...organisation,
      name: name ?? organisation.name,
      settings: { ...organisation.settings, ...settings },
    });
    return toOrganisationDto(saved);
  }

  /** Whether staff other than admins may sign in with a link sent by mail. */
  async staffMagicLinkAllowed(organisationId: string): Promise<boolean> {
    const organisation = await this.organisations.organisation(organisationId);
    return organisation?.settings.staffMagicLinkAllowed === true;
  }

  async teamExists(organisationId: string, teamId: string): Promise<boolean> {
    return !!(await this.organisations.team(organisationId, teamId));
  }

  async createTeam(organisationId: string, name: string): Promise<TeamDto> {
    const team = await this.organisations.createTeam(organisationId, name);
    return { id: team.id, name: team.name };
  }

  async teams(organisationId: string): Promise<TeamDto[]> {
    return (await this.organisations.teams(organisationId)).map((team) => ({ id: team.id, name: team.name }));
  }
}
