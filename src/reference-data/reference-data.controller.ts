import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, Policy } from '../platform/auth/policy.decorator.js';
import { ADAPTATIONS, BARRIER_GROUPS, BARRIERS, INSTRUMENTS, INTERMEDIATE_GOALS, WORK_BEHAVIOUR_DIMENSIONS } from './taxonomies.js';

@ApiTags('reference-data')
@Controller('reference-data')
export class ReferenceDataController {
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
}
