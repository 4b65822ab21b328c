import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem } from '../platform/http/problem.js';
import type {
  CaseloadLimitDto,
  CreateFunderDto,
  FunderDto,
  OrganisationDto,
  TeamDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import type { Funder } from './entities/funder.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import type { Organisation, OrganisationSettings } from './entities/organisation.entity.js';
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

function toFunderDto(funder: Funder): FunderDto {
  return { id: funder.id, name: funder.name, kind: funder.kind };
}

/** The slug names the organisation at sign-in, so two organisations cannot share one. */
export class OrganisationSlugTakenProblem extends ConflictProblem {
  constructor(slug: string) {
    super(`An organisation with the slug "${slug}" already exists.`, 'organisation-slug-taken');
  }
}

/** Organisations, their settings and their teams. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** A new organisation; refused with OrganisationSlugTakenProblem when the slug is in use. */
  async create(name: string, slug: string, settings: OrganisationSettings = {}): Promise<OrganisationDto> {
    try {
      const saved = await this.transactions.run(async () => {
        if (await this.organisations.organisationBySlug(slug)) throw new OrganisationSlugTakenProblem(slug);
        return this.organisations.insertOrganisation({ name, slug, settings });
      });
      return toOrganisationDto(saved);
    } catch (error) {
      // Two creations at once both pass the check; the unique index refuses the second.
      if ((error as { code?: string }).code === '23505') throw new OrganisationSlugTakenProblem(slug);
      throw error;
    }
  }

  /** The id of the organisation with this slug, or null. */
  async idBySlug(slug: string): Promise<string | null> {
    return (await this.organisations.organisationBySlug(slug))?.id ?? null;
  }

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

  /** How many participants one coach of the team should carry at most (null for an unknown team). */
  async caseloadLimit(organisationId: string, teamId: string): Promise<number | null> {
    return (await this.organisations.team(organisationId, teamId))?.caseloadLimit ?? null;
  }

  /** The team lead sets their own team's caseload limit; the change is in the audit log. */
  async setCaseloadLimit(actor: Actor, input: CaseloadLimitDto): Promise<void> {
    if (actor.role !== 'team_lead' || !actor.teamId) throw new NotFoundProblem('team');
    const teamId = actor.teamId;
    await this.transactions.run(async () => {
      await this.organisations.setCaseloadLimit(actor.organisationId, teamId, input.caseloadLimit);
      await this.audit.record(actor, { action: 'update', resourceType: 'team', resourceId: teamId, fields: ['caseloadLimit'] });
    });
  }

  async teams(organisationId: string): Promise<TeamDto[]> {
    return (await this.organisations.teams(organisationId)).map((team) => ({ id: team.id, name: team.name }));
  }

  /** The funders of the organisation (who pays for trajectories), by name. */
  async funders(organisationId: string): Promise<FunderDto[]> {
    return (await this.organisations.funders(organisationId)).map(toFunderDto);
  }

  /** One funder of the organisation, or null (another organisation's funder is unknown here). */
  async funder(organisationId: string, funderId: string): Promise<FunderDto | null> {
    const funder = await this.organisations.funder(organisationId, funderId);
    return funder ? toFunderDto(funder) : null;
  }

  /** An admin adds a funder; a name already in use is refused (409). */
  async createFunder(actor: Actor, input: CreateFunderDto): Promise<FunderDto> {
    const name = input.name.trim();
    try {
      const funder = await this.transactions.run(async () => {
        if (await this.organisations.funderByName(actor.organisationId, name)) throw new FunderNameTakenProblem(name);
        const saved = await this.organisations.createFunder({ organisationId: actor.organisationId, name, kind: input.kind });
        await this.audit.record(actor, { action: 'create', resourceType: 'funder', resourceId: saved.id, fields: ['name', 'kind'] });
        return saved;
      });
      return toFunderDto(funder);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new FunderNameTakenProblem(name);
      throw error;
    }
  }
}

export class FunderNameTakenProblem extends ConflictProblem {
  constructor(name: string) {
    super(`A funder named "${name}" already exists.`, 'funder-name-taken');
  }
}
