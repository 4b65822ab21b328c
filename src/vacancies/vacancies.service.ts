import { activeManager } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { ConflictProblem, InvalidInputException, NotFoundProblem } from '../platform/http/problem.js';
import { Employer } from '../employers/entities/employer.entity.js';
import { resolveCoordinates } from '../reference-data/postcodes.js';
import type { CreateVacancyDto, UpdateVacancyDto, VacancyDto, VacancyQueryDto } from './dto/vacancy.dto.js';
import { Vacancy } from './entities/vacancy.entity.js';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
  ) {}

  async create(actor: Actor, input: CreateVacancyDto): Promise<VacancyDto> {
    const employerId = actor.role === 'employer_user' ? (input.employerId ?? actor.employerId) : input.employerId;
    if (!employerId) throw new InvalidInputException([{ name: 'employerId', reason: 'must be given' }]);
    await this.assertEmployer(actor, employerId);
    checkHours(input.hoursMin, input.hoursMax);
    return this.dataSource.transaction(async (manager) => {
      const values = pick(input);
      const saved = await manager.getRepository(Vacancy).save({
        ...values,
        organisationId: actor.organisationId,
        employerId,
        tasks: input.tasks ?? [],
        coreTasks: coreTasks(input.tasks ?? []),
        ...(await resolveCoordinates(manager, input.postcode, input)),
      });
      return toVacancyDto(saved);
    });
  }

  async list(actor: Actor, query: VacancyQueryDto): Promise<VacancyDto[]> {
    const scope = this.policies.employerScope(actor, 'e');
    const builder = this.dataSource
      .getRepository(Vacancy)
      .createQueryBuilder('v')
      .innerJoin(Employer, 'e', 'e.id = v.employer_id')
      .where(scope.sql, scope.params)
      .andWhere('v.organisation_id = :org', { org: actor.organisationId });
    if (query.status) builder.andWhere('v.status = :status', { status: query.status });
    if (query.employerId) builder.andWhere('v.employer_id = :employerId', { employerId: query.employerId });
    const rows = await builder.orderBy('v.created_at', 'DESC').addOrderBy('v.id').limit(500).getMany();
    return rows.map(toVacancyDto);
  }

  async get(actor: Actor, id: string): Promise<VacancyDto> {
    return toVacancyDto(await this.findVisible(actor, id));
  }

  async update(actor: Actor, id: string, input: UpdateVacancyDto): Promise<VacancyDto> {
    if (input.employerId !== undefined)
      throw new InvalidInputException([{ name: 'employerId', reason: 'cannot be changed; create a new vacancy instead' }]);
    return this.dataSource.transaction(async (manager) => {
      const vacancy = await this.findVisible(actor, id, manager, true);
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
        Object.assign(changes, await resolveCoordinates(manager, input.postcode ?? vacancy.postcode, input));
      }
      const saved = await manager.getRepository(Vacancy).save({ ...vacancy, ...changes });
      return toVacancyDto(saved);
    });
  }

  /** The vacancy if the actor may see it (employer users: own employer only); otherwise 404. */
  async findVisible(actor: Actor, id: string, manager: EntityManager = activeManager(this.dataSource), lock = false): Promise<Vacancy> {
    const scope = this.policies.employerScope(actor, 'e');
    const query = manager
      .getRepository(Vacancy)
      .createQueryBuilder('v')
      .innerJoin(Employer, 'e', 'e.id = v.employer_id')
      .where('v.id = :id', { id })
      .andWhere('v.organisation_id = :org', { org: actor.organisationId })
      .andWhere(scope.sql, scope.params);
    if (lock) query.setLock('pessimistic_write', undefined, ['v']);
    const vacancy = await query.getOne();
    if (!vacancy) throw new NotFoundProblem('vacancy');
    return vacancy;
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
