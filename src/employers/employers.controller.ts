import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../authorization/actor.js';
import { CurrentActor } from '../authorization/current-actor.decorator.js';
import { Policy, STAFF } from '../authorization/policy.decorator.js';
import { PolicyService } from '../authorization/policy.service.js';
import { NotFoundProblem, RuleViolationException } from '../common/http/problem.js';
import { Membership } from '../identity/entities/membership.entity.js';
import { CreateEmployerDto, EmployerDto } from './dto/employer.dto.js';
import { Employer } from './entities/employer.entity.js';

function toDto(employer: Employer): EmployerDto {
  return { id: employer.id, name: employer.name, contactCoachMembershipId: employer.contactCoachMembershipId, version: employer.version };
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
    if (body.contactCoachMembershipId) {
      const coach = await this.dataSource
        .getRepository(Membership)
        .findOneBy({ id: body.contactCoachMembershipId, organisationId: actor.organisationId });
      if (!coach || !['jobcoach', 'team_lead'].includes(coach.role)) {
        throw new RuleViolationException('contactCoachMembershipId', 'must be a coach or team lead of your organisation');
      }
    }
    const saved = await this.dataSource.getRepository(Employer).save({
      organisationId: actor.organisationId,
      name: body.name,
      contactCoachMembershipId: body.contactCoachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId),
    });
    return toDto(saved);
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
    return rows.map(toDto);
  }

  @Get(':employerId')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({ operationId: 'getEmployer', summary: 'One employer' })
  @ApiOkResponse({ type: EmployerDto })
  async get(@Param('employerId') employerId: string): Promise<EmployerDto> {
    const employer = await this.dataSource.getRepository(Employer).findOneBy({ id: employerId });
    if (!employer) throw new NotFoundProblem('employer');
    return toDto(employer);
  }
}
