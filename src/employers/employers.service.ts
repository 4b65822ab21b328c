import { HttpStatus, Injectable } from '@nestjs/common';
import { CASEWORKER_RULE } from '../identity/caseworker.js';
import { MembershipsService } from '../identity/memberships.service.js';
import { PostcodesService } from '../reference-data/postcodes.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem, ProblemException, RuleViolationException } from '../platform/http/problem.js';
import type { CreateEmployerDto, EmployerAddressDto, EmployerDto, UpdateEmployerDto } from './dto/employer.dto.js';
import { EmployersRepository } from './employers.repository.js';
import type { Employer, EmployerAddress } from './entities/employer.entity.js';

const FISCAL_NUMBER_RULE =
  'is recorded by your organisation: the quota is counted per payroll tax number (loonheffingennummer), so an employer cannot change its own';

const FISCAL_NUMBER_TAKEN = 'is already recorded for another employer: ask your contact person to check it';

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

/** The organisation's employers (clients); employer users keep their own details. */
@Injectable()
export class EmployersService {
  constructor(
    private readonly repository: EmployersRepository,
    private readonly transactions: Transactions,
    private readonly policies: PolicyService,
    private readonly memberships: MembershipsService,
    private readonly postcodes: PostcodesService,
  ) {}

  async create(actor: Actor, body: CreateEmployerDto): Promise<EmployerDto> {
    if (body.contactCoachMembershipId) await this.assertCoach(actor, body.contactCoachMembershipId);
    const saved = await this.transactions.run(async () =>
      this.repository.save({
        organisationId: actor.organisationId,
        contactCoachMembershipId: body.contactCoachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId),
        ...details(body),
        addresses: await this.addressesWithCoordinates(body.addresses ?? []),
      }),
    );
    return toEmployerDto(saved);
  }

  /** Employers of the organisation with this KvK number (the bulk import matches on it). */
  idsByKvkNumber(organisationId: string, kvkNumber: string): Promise<string[]> {
    return this.repository.idsByKvkNumber(organisationId, kvkNumber);
  }

  existsInOrganisation(employerId: string, organisationId: string): Promise<boolean> {
    return this.repository.existsInOrganisation(employerId, organisationId);
  }

  /** An employer from the bulk import: as the API's create, but no default contact coach and no contact persons. */
  async createImported(actor: Actor, input: CreateEmployerDto): Promise<string> {
    const saved = await this.transactions.run(async () =>
      this.repository.save({
        organisationId: actor.organisationId,
        contactCoachMembershipId: input.contactCoachMembershipId ?? null,
        ...details({ ...input, contactPersons: undefined }),
        kvkNumber: input.kvkNumber ?? null,
        payrollTaxNumber: input.payrollTaxNumber ?? null,
        sectorType: input.sectorType ?? null,
        employeeCount: input.employeeCount ?? null,
        paidHoursPerYear: input.paidHoursPerYear ?? null,
        targetGroupExperience: input.targetGroupExperience ?? 'none',
        inclusiveHiringMotivation: input.inclusiveHiringMotivation ?? null,
        addresses: await this.addressesWithCoordinates(input.addresses ?? []),
        contactPersons: [],
      }),
    );
    return saved.id;
  }

  async list(actor: Actor): Promise<EmployerDto[]> {
    const rows = await this.repository.list(this.policies.employerScope(actor, 'e'));
    return rows.map(toEmployerDto);
  }

  /** One employer; the route's policy checked that the actor may see it. */
  async get(employerId: string): Promise<EmployerDto> {
    const employer = await this.repository.findById(employerId);
    if (!employer) throw new NotFoundProblem('employer');
    return toEmployerDto(employer);
  }

  async update(actor: Actor, employerId: string, body: UpdateEmployerDto): Promise<EmployerDto> {
    if (body.contactCoachMembershipId !== undefined) {
      if (actor.role === 'employer_user')
        throw new RuleViolationException('contactCoachMembershipId', 'is chosen by the organisation, not by the employer');
      await this.assertCoach(actor, body.contactCoachMembershipId);
    }
    const saved = await this.transactions.run(async () => {
      const employer = await this.repository.findForUpdate(employerId);
      if (!employer) throw new NotFoundProblem('employer');
      if (body.version !== undefined && body.version !== employer.version) {
        throw new ConflictProblem('Someone else changed this employer first. Reload and apply your change again.', 'edit-conflict');
      }
      // Another employer's fiscal number would show that employer's paid hours and quota: only staff change it.
      // An employer user may fill in an empty one, but not with a number another employer of the organisation has.
      if (actor.role === 'employer_user' && body.payrollTaxNumber !== undefined && body.payrollTaxNumber !== employer.payrollTaxNumber) {
        if (employer.payrollTaxNumber !== null) {
          throw new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', `payrollTaxNumber ${FISCAL_NUMBER_RULE}.`, [
            { name: 'payrollTaxNumber', reason: FISCAL_NUMBER_RULE },
          ]);
        }
        if (await this.repository.payrollTaxNumberTaken(employer.organisationId, body.payrollTaxNumber, employer.id)) {
          throw new RuleViolationException('payrollTaxNumber', FISCAL_NUMBER_TAKEN);
        }
      }
      const changes = details(body);
      if (body.contactCoachMembershipId !== undefined) changes.contactCoachMembershipId = body.contactCoachMembershipId;
      if (body.addresses !== undefined) changes.addresses = await this.addressesWithCoordinates(body.addresses);
      return this.repository.save({ ...employer, ...changes });
    });
    return toEmployerDto(saved);
  }

  private addressesWithCoordinates(addresses: EmployerAddressDto[]): Promise<EmployerAddress[]> {
    return Promise.all(
      addresses.map(async (address, index) => ({
        street: address.street,
        houseNumber: address.houseNumber,
        postcode: address.postcode,
        city: address.city,
        ...(await this.postcodes.coordinates(address.postcode, address, `addresses.${index}.postcode`)),
      })),
    );
  }

  private async assertCoach(actor: Actor, membershipId: string): Promise<void> {
    if (!(await this.memberships.isCaseworker(actor.organisationId, membershipId))) {
      throw new RuleViolationException('contactCoachMembershipId', CASEWORKER_RULE);
    }
  }

  /** Each employer's sector (public or private), for reports that filter by it. */
  sectorTypes(organisationId: string): Promise<Map<string, string | null>> {
    return this.repository.sectorTypes(organisationId);
  }
}
