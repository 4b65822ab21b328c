import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { CreateRuleParameterDto, RuleParameterDto } from './dto/rule-parameter.dto.js';
import { RuleParametersService } from './rule-parameters.service.js';

@ApiTags('rules')
@Controller('rule-parameters')
export class RuleParametersController {
  constructor(private readonly parameters: RuleParametersService) {}

  @Get()
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'listRuleParameters',
    summary: 'Every dated rule value in force for your organisation, national and local, with its source',
  })
  @ApiOkResponse({ type: [RuleParameterDto] })
  list(@CurrentActor() actor: Actor): Promise<RuleParameterDto[]> {
    return this.parameters.list(actor.organisationId);
  }

  @Post()
  @Policy({ roles: ['admin'] })
  @ApiOperation({
    operationId: 'addRuleParameter',
    summary: 'Add a dated value for a local rule (or a national one the reference data lacks); it closes the previous value',
  })
  @ApiCreatedResponse({ type: RuleParameterDto })
  add(@CurrentActor() actor: Actor, @Body() body: CreateRuleParameterDto): Promise<RuleParameterDto> {
    return this.parameters.add(actor, body);
  }
}
