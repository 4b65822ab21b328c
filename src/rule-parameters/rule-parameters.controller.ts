import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { CreateRuleParameterDto, EndRuleParameterDto, RuleParameterDto } from './dto/rule-parameter.dto.js';
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
    summary:
      'Add a dated value for a local rule, or for a national rule in a period the national data does not cover (with an end date, or an open end that stops where a later national value begins)',
  })
  @ApiCreatedResponse({ type: RuleParameterDto })
  add(@CurrentActor() actor: Actor, @Body() body: CreateRuleParameterDto): Promise<RuleParameterDto> {
    return this.parameters.add(actor, body);
  }

  @Post(':id/end')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'endRuleParameter', summary: "Set the last day one of your organisation's values applies" })
  @ApiCreatedResponse({ type: RuleParameterDto })
  end(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: EndRuleParameterDto): Promise<RuleParameterDto> {
    return this.parameters.end(actor, id, body.validTo);
  }

  @Delete(':id')
  @Policy({ roles: ['admin'] })
  @ApiOperation({
    operationId: 'withdrawRuleParameter',
    summary: "Withdraw one of your organisation's values: kept for the record, no longer used in calculations",
  })
  @ApiOkResponse({ type: RuleParameterDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RuleParameterDto> {
    return this.parameters.withdraw(actor, id);
  }
}
