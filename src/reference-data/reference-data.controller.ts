import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, Policy } from '../platform/auth/policy.decorator.js';
import { OccupationDto, OccupationQueryDto } from './dto/occupation.dto.js';
import { OccupationsService } from './occupations.service.js';
import { ADAPTATIONS, BARRIER_GROUPS, BARRIERS, INSTRUMENTS, INTERMEDIATE_GOALS, WORK_BEHAVIOUR_DIMENSIONS } from './taxonomies.js';

@ApiTags('reference-data')
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly occupations: OccupationsService) {}

  @Get('taxonomies')
  @Policy({ roles: ALL_ROLES })
  @ApiOperation({
    operationId: 'getTaxonomies',
    summary: 'Barriers, intermediate goals, instruments, work-behaviour dimensions and adaptations',
  })
  @ApiOkResponse({ description: 'The code lists with Dutch and English labels.', schema: { type: 'object', additionalProperties: true } })
  taxonomies(): Record<string, unknown> {
    return {
      barrierGroups: BARRIER_GROUPS,
      barriers: BARRIERS,
      intermediateGoals: INTERMEDIATE_GOALS,
      instruments: INSTRUMENTS,
      workBehaviourDimensions: WORK_BEHAVIOUR_DIMENSIONS,
      adaptations: ADAPTATIONS,
    };
  }

  @Get('occupations')
  @Policy({ roles: ALL_ROLES })
  @ApiOperation({
    operationId: 'searchOccupations',
    summary: 'Occupations by name: ISCO-08 unit groups and ESCO occupations, Dutch and English titles, best match first',
  })
  @ApiOkResponse({ type: [OccupationDto] })
  searchOccupations(@Query() query: OccupationQueryDto): Promise<OccupationDto[]> {
    return this.occupations.search(query.q, query.locale ?? 'nl', query.limit ?? 20);
  }
}
