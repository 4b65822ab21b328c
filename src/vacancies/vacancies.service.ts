import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, InvalidInputException, NotFoundProblem } from '../platform/http/problem.js';
import { PostcodesService } from '../reference-data/postcodes.service.js';
import type { CreateVacancyDto, UpdateVacancyDto, VacancyDto, VacancyQueryDto } from './dto/vacancy.dto.js';
import type { Vacancy } from './entities/vacancy.entity.js';
import { toJobPosting } from './job-posting.js';
import { VacanciesRepository } from './vacancies.repository.js';

/** The vacancy fields a person may set; the CSV import accepts the same columns. */
export const VACANCY_FIELDS = [
  'title',
  'description',
  'iscoCode',
  'escoUri',
  'sector',
  'skills',
  'hoursMin',
  'hoursMax',
  'physicalLoad',
  'days',
  'shifts',
  'postcode',
  'publicTransportReachable',
  'requiredCertificates',
  'languageLevel',
  'drivingLicenceRequired',
  'stimulusLevel',
  'productionPressure',
  'workPace',
  'teamSize',
  'supervisionOnFloor',
  'quietWorkspacePossible',
  'adaptationsPossible',
  'growthPossible',
  'trialPlacementPossible',
  'wageCostSubsidyPossible',
  'status',
  'closingDate',
] as const;

/** Vacancies: employer users see and edit their own employer's; staff those of their organisation's employers. */
@Injectable()
export class VacanciesService {
  constructor(
    private readonly vacancies: VacanciesRepository,
    private readonly postcodes: PostcodesService,
    private readonly policies: PolicyService,
    private readonly transactions: Transactions,
  ) {}

  async create(actor: Actor, input: CreateVacancyDto): Promise<VacancyDto> {
    const employerId = actor.role === 'employer_user' ? (input.employerId ?? actor.employerId) : input.employerId;
    if (!employerId) throw new InvalidInputException([{ name: 'employerId', reason: 'must be given' }]);
    await this.assertEmployer(actor, employerId);
    checkHours(input.hoursMin, input.hoursMax);
    return this.transactions.run(async () => {
      const values = pick(input);
      const saved = await this.vacancies.save({
        ...values,
        organisationId: actor.organisationId,
        employerId,
        tasks: input.tasks ?? [],
        coreTasks: coreTasks(input.tasks ?? []),
        ...(await this.postcodes.coordinates(input.postcode, input)),
      });
      return toVacancyDto(saved);
    });
  }

  async list(actor: Actor, query: VacancyQueryDto): Promise<VacancyDto[]> {
    const rows = await this.vacancies.list(actor.organisationId, this.policies.employerScope(actor, 'e'), query);
    return rows.map(toVacancyDto);
  }

  async get(actor: Actor, id: string): Promise<VacancyDto> {
    return toVacancyDto(await this.findVisible(actor, id));
  }

  async update(actor: Actor, id: string, input: UpdateVacancyDto): Promise<VacancyDto> {
    if (input.employerId !== undefined)
      throw new InvalidInputException([{ name: 'employerId', reason: 'cannot be changed; create a new vacancy instead' }]);
    return this.transactions.run(async () => {
      const vacancy = await this.findVisible(actor, id, true);
      if (input.version !== undefined && input.version !== vacancy.version) {
        throw new ConflictProblem('Someone else changed this vacancy first. Reload and apply your change again.', 'edit-conflict');
      }
      checkHours(input.hoursMin ?? vacancy.hoursMin, input.hoursMax ?? vacancy.hoursMax);
      const changes: Partial<Vacancy> = pick(input);
      if (input.tasks !== undefined) {
        changes.tasks = input.tasks;
        changes.coreTasks = coreTasks(input.tasks);
      }
      if (input.postcode !== undefined || input.latitude !== undefined) {
        Object.assign(changes, await this.postcodes.coordinates(input.postcode ?? vacancy.postcode, input));
      }
      const saved = await this.vacancies.save({ ...vacancy, ...changes });
      return toVacancyDto(saved);
    });
  }

  /** The vacancy if the actor may see it (employer users: own employer only); otherwise 404. `lock` needs a transaction. */
  async findVisible(actor: Actor, id: string, lock = false): Promise<Vacancy> {
    const vacancy = await this.vacancies.findVisible(id, actor.organisationId, this.policies.employerScope(actor, 'e'), lock);
    if (!vacancy) throw new NotFoundProblem('vacancy');
    return vacancy;
  }

  /** The vacancy as a schema.org JobPosting, if the actor may see it. */
  async jobPosting(actor: Actor, id: string, publicUrl: string): Promise<Record<string, unknown>> {
    const vacancy = await this.findVisible(actor, id);
    return toJobPosting(vacancy, await this.vacancies.employerOf(vacancy), publicUrl);
  }

  // ---- For other capabilities (matching, portal pages) ----

  /** A vacancy of the organisation, whatever the actor's employer scope; null when there is none. */
  findInOrganisation(organisationId: string, id: string): Promise<Vacancy | null> {
    return this.vacancies.findInOrganisation(id, organisationId);
  }

  /** For the CSV import: the id of the organisation's vacancy with this external reference, or null. */
  idByExternalReference(organisationId: string, reference: string): Promise<string | null> {
    return this.vacancies.idByExternalReference(organisationId, reference);
  }

  /**
   * For the CSV import, inside its row's transaction: a vacancy for the employer
   * the import resolved, keyed by its external reference. Returns its id.
   */
  async createImported(actor: Actor, employerId: string, reference: string, input: CreateVacancyDto): Promise<string> {
    const { employerId: _employerId, version: _version, tasks: inputTasks, ...fields } = input as CreateVacancyDto & { version?: number };
    const tasks = (inputTasks ?? []).map((task) => ({ description: task.description, canBeCarvedOut: task.canBeCarvedOut }));
    const saved = await this.vacancies.save({
      ...(fields as Partial<Vacancy>),
      organisationId: actor.organisationId,
      employerId,
      tasks,
      coreTasks: coreTasks(tasks),
      ...(await this.postcodes.coordinates(input.postcode, input)),
      externalReference: reference,
    });
    return saved.id;
  }

  /** Names of the organisation's employers by id, for lists of vacancies. */
  employerNames(actor: Actor, employerIds: string[]): Promise<Map<string, string>> {
    return this.vacancies.employerNames(actor.organisationId, [...new Set(employerIds)]);
  }

  /** Title and employer name per vacancy id (the organisation's only). */
  async titles(actor: Actor, vacancyIds: string[]): Promise<Map<string, { title: string; employer: string; employerId: string }>> {
    const rows = await this.vacancies.titles(actor.organisationId, vacancyIds);
    return new Map(rows.map((row) => [row.id, { title: row.title, employer: row.employer, employerId: row.employer_id }]));
  }

  private async assertEmployer(actor: Actor, employerId: string): Promise<void> {
    if (!(await this.policies.canAccess(actor, 'employer', employerId))) {
      throw new InvalidInputException([{ name: 'employerId', reason: 'is not an employer you work with' }]);
    }
  }
}

function checkHours(min: number | undefined, max: number | undefined): void {
  if (min !== undefined && max !== undefined && min > max) {
    throw new InvalidInputException([{ name: 'hoursMax', reason: 'must be at least hoursMin' }]);
  }
}

export function coreTasks(tasks: Array<{ description: string; canBeCarvedOut: boolean }>): string[] {
  return tasks.filter((task) => !task.canBeCarvedOut).map((task) => task.description.trim().toLowerCase());
}

function pick(input: Partial<CreateVacancyDto>): Partial<Vacancy> {
  const values: Record<string, unknown> = {};
  for (const key of VACANCY_FIELDS) if (input[key] !== undefined) values[key] = input[key];
  return values as Partial<Vacancy>;
}

export function toVacancyDto(vacancy: Vacancy): VacancyDto {
  return {
    id: vacancy.id,
    employerId: vacancy.employerId,
    title: vacancy.title,
    description: vacancy.description ?? undefined,
    iscoCode: vacancy.iscoCode,
    escoUri: vacancy.escoUri ?? undefined,
    sector: vacancy.sector ?? undefined,
    tasks: vacancy.tasks,
    skills: vacancy.skills,
    hoursMin: vacancy.hoursMin,
    hoursMax: vacancy.hoursMax,
    physicalLoad: vacancy.physicalLoad ?? undefined,
    days: vacancy.days,
    shifts: vacancy.shifts,
    postcode: vacancy.postcode,
    latitude: vacancy.latitude ?? undefined,
    longitude: vacancy.longitude ?? undefined,
    publicTransportReachable: vacancy.publicTransportReachable,
    requiredCertificates: vacancy.requiredCertificates,
    languageLevel: vacancy.languageLevel ?? undefined,
    drivingLicenceRequired: vacancy.drivingLicenceRequired,
    stimulusLevel: vacancy.stimulusLevel ?? undefined,
    productionPressure: vacancy.productionPressure ?? undefined,
    workPace: vacancy.workPace ?? undefined,
    teamSize: vacancy.teamSize ?? undefined,
    supervisionOnFloor: vacancy.supervisionOnFloor,
    quietWorkspacePossible: vacancy.quietWorkspacePossible,
    adaptationsPossible: vacancy.adaptationsPossible,
    growthPossible: vacancy.growthPossible,
    trialPlacementPossible: vacancy.trialPlacementPossible,
    wageCostSubsidyPossible: vacancy.wageCostSubsidyPossible,
    status: vacancy.status,
    closingDate: vacancy.closingDate ?? undefined,
    version: vacancy.version,
    createdAt: vacancy.createdAt.toISOString(),
    updatedAt: vacancy.updatedAt.toISOString(),
  };
}
