import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { CASEWORKER_RULE, isCaseworker } from '../identity/caseworker.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { resolveCoordinates } from '../reference-data/postcodes.js';
import { CreateEmployerDto, EmployerDto, UpdateEmployerDto, type EmployerAddressDto } from './dto/employer.dto.js';
import { Employer, type EmployerAddress } from './entities/employer.entity.js';

export function toEmployerDto(employer: Employer): EmployerDto {
  return {
    id: employer.id,
    name: employer.name,
    contactCoachMembershipId: employer.contactCoachMembershipId,
    kvkNumber: employer.kvkNumber,
    payrollTaxNumber: employer.payrollTaxNumber,
    sectorType: employer.sectorType,
    employeeCount: employer.employeeCount,
    paidHoursPerYear: employer.paidHoursPerYear,
    targetGroupExperience: employer.targetGroupExperience,
    inclusiveHiringMotivation: employer.inclusiveHiringMotivation,
    addresses: employer.addresses.map((address) => ({
      ...address,
      latitude: address.latitude ?? undefined,
      longitude: address.longitude ?? undefined,
    })),
    contactPersons: employer.contactPersons.map((person) => ({
      name: person.name,
      role: person.role ?? undefined,
      email: person.email ?? undefined,
      phone: person.phone ?? undefined,
    })),
    version: employer.version,
  };
}

async function addressesWithCoordinates(manager: EntityManager, addresses: EmployerAddressDto[]): Promise<EmployerAddress[]> {
  return Promise.all(
    addresses.map(async (address) => ({
      street: address.street,
      houseNumber: address.houseNumber,
      postcode: address.postcode,
      city: address.city,
      ...(await resolveCoordinates(manager, address.postcode, address)),
    })),
  );
}

function details(body: Partial<CreateEmployerDto>): Partial<Employer> {
  const changes: Partial<Employer> = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.kvkNumber !== undefined) changes.kvkNumber = body.kvkNumber;
  if (body.payrollTaxNumber !== undefined) changes.payrollTaxNumber = body.payrollTaxNumber;
  if (body.sectorType !== undefined) changes.sectorType = body.sectorType;
  if (body.employeeCount !== undefined) changes.employeeCount = body.employeeCount;
  if (body.paidHoursPerYear !== undefined) changes.paidHoursPerYear = body.paidHoursPerYear;
  if (body.targetGroupExperience !== undefined) changes.targetGroupExperience = body.targetGroupExperience;
  if (body.inclusiveHiringMotivation !== undefined) changes.inclusiveHiringMotivation = body.inclusiveHiringMotivation;
  if (body.contactPersons !== undefined) {
    changes.contactPersons = body.contactPersons.map((person) => ({
      name: person.name,
      role: person.role ?? null,
      email: person.email?.toLowerCase() ?? null,
      phone: person.phone ?? null,
    }));
  }
  return changes;
}

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
  ) {}

  @Post()
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'createEmployer', summary: 'Register an employer as a client of your organisation' })
  @ApiCreatedResponse({ type: EmployerDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateEmployerDto): Promise<EmployerDto> {
    if (body.contactCoachMembershipId) await this.assertCoach(actor, body.contactCoachMembershipId);
    const saved = await this.dataSource.transaction(async (manager) =>
      manager.getRepository(Employer).save({
        organisationId: actor.organisationId,
        contactCoachMembershipId: body.contactCoachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId),
        ...details(body),
        addresses: await addressesWithCoordinates(manager, body.addresses ?? []),
      }),
    );
    return toEmployerDto(saved);
  }

  @Get()
  @Policy({ roles: [...STAFF, 'employer_user'] })
  @ApiOperation({ operationId: 'listEmployers', summary: 'Employers you may see (employer users: their own)' })
  @ApiOkResponse({ type: [EmployerDto] })
  async list(@CurrentActor() actor: Actor): Promise<EmployerDto[]> {
    const scope = this.policies.employerScope(actor, 'e');
    const rows = await this.dataSource
      .getRepository(Employer)
      .createQueryBuilder('e')
      .where(scope.sql, scope.params)
      .orderBy('e.name')
      .limit(500)
      .getMany();
    return rows.map(toEmployerDto);
  }

  @Get(':employerId')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({ operationId: 'getEmployer', summary: 'One employer' })
  @ApiOkResponse({ type: EmployerDto })
  async get(@Param('employerId') employerId: string): Promise<EmployerDto> {
    const employer = await this.dataSource.getRepository(Employer).findOneBy({ id: employerId });
    if (!employer) throw new NotFoundProblem('employer');
    return toEmployerDto(employer);
  }

  @Patch(':employerId')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({ operationId: 'updateEmployer', summary: 'Change an employer (employer users: their own details)' })
  @ApiOkResponse({ type: EmployerDto })
  async update(
    @CurrentActor() actor: Actor,
    @Param('employerId') employerId: string,
    @Body() body: UpdateEmployerDto,
  ): Promise<EmployerDto> {
    if (body.contactCoachMembershipId !== undefined) {
      if (actor.role === 'employer_user')
        throw new RuleViolationException('contactCoachMembershipId', 'is chosen by the organisation, not by the employer');
      await this.assertCoach(actor, body.contactCoachMembershipId);
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      const employer = await manager.getRepository(Employer).findOne({ where: { id: employerId }, lock: { mode: 'pessimistic_write' } });
      if (!employer) throw new NotFoundProblem('employer');
      if (body.version !== undefined && body.version !== employer.version) {
        throw new ConflictProblem('Someone else changed this employer first. Reload and apply your change again.', 'edit-conflict');
      }
      const changes = details(body);
      if (body.contactCoachMembershipId !== undefined) changes.contactCoachMembershipId = body.contactCoachMembershipId;
      if (body.addresses !== undefined) changes.addresses = await addressesWithCoordinates(manager, body.addresses);
      return manager.getRepository(Employer).save({ ...employer, ...changes });
    });
    return toEmployerDto(saved);
  }

  private async assertCoach(actor: Actor, membershipId: string): Promise<void> {
    if (!(await isCaseworker(this.dataSource.manager, actor.organisationId, membershipId))) {
      throw new RuleViolationException('contactCoachMembershipId', CASEWORKER_RULE);
    }
  }
}
