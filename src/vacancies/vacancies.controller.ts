import { Body, Controller, Get, Header, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import { appConfig } from '../platform/config/app.config.js';
import { CreateVacancyDto, UpdateVacancyDto, VacancyDto, VacancyQueryDto } from './dto/vacancy.dto.js';
import { VacanciesService } from './vacancies.service.js';

const VACANCY_ROLES = [...STAFF, 'employer_user'] as const;

@ApiTags('vacancies')
@Controller('vacancies')
export class VacanciesController {
  constructor(
    private readonly vacancies: VacanciesService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @Post()
  @Policy({ roles: VACANCY_ROLES })
  @ApiOperation({
    operationId: 'createVacancy',
    summary: 'Create a vacancy (employer users: for their own employer; coaches on its behalf)',
  })
  @ApiCreatedResponse({ type: VacancyDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateVacancyDto): Promise<VacancyDto> {
    return this.vacancies.create(actor, body);
  }

  @Get()
  @Policy({ roles: VACANCY_ROLES })
  @ApiOperation({ operationId: 'listVacancies', summary: 'Vacancies you may see (employer users: their own employer’s)' })
  @ApiOkResponse({ type: [VacancyDto] })
  list(@CurrentActor() actor: Actor, @Query() query: VacancyQueryDto): Promise<VacancyDto[]> {
    return this.vacancies.list(actor, query);
  }

  @Get(':vacancyId')
  @Policy({ roles: VACANCY_ROLES })
  @ApiOperation({ operationId: 'getVacancy', summary: 'One vacancy' })
  @ApiOkResponse({ type: VacancyDto })
  get(@CurrentActor() actor: Actor, @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string): Promise<VacancyDto> {
    return this.vacancies.get(actor, vacancyId);
  }

  @Patch(':vacancyId')
  @Policy({ roles: VACANCY_ROLES })
  @ApiOperation({ operationId: 'updateVacancy', summary: 'Change a vacancy' })
  @ApiOkResponse({ type: VacancyDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
    @Body() body: UpdateVacancyDto,
  ): Promise<VacancyDto> {
    return this.vacancies.update(actor, vacancyId, body);
  }

  @Get(':vacancyId/job-posting')
  @Policy({ roles: VACANCY_ROLES })
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @ApiProduces('application/ld+json')
  @ApiOperation({ operationId: 'getVacancyJobPosting', summary: 'The vacancy as a schema.org JobPosting (JSON-LD)' })
  @ApiOkResponse({ description: 'schema.org JobPosting', content: { 'application/ld+json': { schema: { type: 'object' } } } })
  jobPosting(
    @CurrentActor() actor: Actor,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
  ): Promise<Record<string, unknown>> {
    return this.vacancies.jobPosting(actor, vacancyId, this.config.publicUrl);
  }
}
