import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy } from '../platform/auth/policy.decorator.js';
import { SurveyAveragesDto, SurveyAveragesQueryDto, SurveySettingsDto, SurveySettingsViewDto } from './dto/survey.dto.js';
import { SurveysService } from './surveys.service.js';

@ApiTags('surveys')
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('survey-settings')
  @Policy({ roles: ['admin'] })
  @ApiOperation({
    operationId: 'getSurveySettings',
    summary: 'When participants and employer contacts get a satisfaction survey: months into a placement, then a repeat',
  })
  @ApiOkResponse({ type: SurveySettingsViewDto })
  settings(@CurrentActor() actor: Actor): Promise<SurveySettingsViewDto> {
    return this.surveys.settings(actor.organisationId);
  }

  @Put('survey-settings')
  @Policy({ roles: ['admin'] })
  @ApiOperation({ operationId: 'setSurveySettings', summary: "Set your organisation's survey moments" })
  @ApiOkResponse({ type: SurveySettingsViewDto })
  saveSettings(@CurrentActor() actor: Actor, @Body() body: SurveySettingsDto): Promise<SurveySettingsViewDto> {
    return this.surveys.saveSettings(actor, body);
  }

  @Get('survey-averages')
  @Policy({ roles: ['admin', 'team_lead'] })
  @ApiOperation({
    operationId: 'getSurveyAverages',
    summary: "Average satisfaction scores per coach for a calendar year, beside UWV's minimum (team leads: their team's coaches)",
  })
  @ApiOkResponse({ type: SurveyAveragesDto })
  averages(@CurrentActor() actor: Actor, @Query() query: SurveyAveragesQueryDto): Promise<SurveyAveragesDto> {
    return this.surveys.averages(actor, query.year);
  }
}
