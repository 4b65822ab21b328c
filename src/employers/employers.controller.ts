import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { CreateEmployerDto, EmployerDto, UpdateEmployerDto } from './dto/employer.dto.js';
import { EmployersService } from './employers.service.js';

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  @Post()
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'createEmployer', summary: 'Register an employer as a client of your organisation' })
  @ApiCreatedResponse({ type: EmployerDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateEmployerDto): Promise<EmployerDto> {
    return this.employers.create(actor, body);
  }

  @Get()
  @Policy({ roles: [...STAFF, 'employer_user'] })
  @ApiOperation({ operationId: 'listEmployers', summary: 'Employers you may see (employer users: their own)' })
  @ApiOkResponse({ type: [EmployerDto] })
  list(@CurrentActor() actor: Actor): Promise<EmployerDto[]> {
    return this.employers.list(actor);
  }

  @Get(':employerId')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({ operationId: 'getEmployer', summary: 'One employer' })
  @ApiOkResponse({ type: EmployerDto })
  get(@Param('employerId') employerId: string): Promise<EmployerDto> {
    return this.employers.get(employerId);
  }

  @Patch(':employerId')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({
    operationId: 'updateEmployer',
    summary: 'Change an employer (employer users: their own details, not the payroll tax number, which staff record)',
  })
  @ApiForbiddenResponse({ description: 'An employer user tried to change the payroll tax number; invalidParams names it.' })
  @ApiOkResponse({ type: EmployerDto })
  update(@CurrentActor() actor: Actor, @Param('employerId') employerId: string, @Body() body: UpdateEmployerDto): Promise<EmployerDto> {
    return this.employers.update(actor, employerId, body);
  }
}
