import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../platform/auth/policy.decorator.js';
import { CoachDashboardService } from './coach-dashboard.service.js';
import { CoachTodayDto, TeamWorkloadDto } from './dto/coach-dashboard.dto.js';

@ApiTags('coach-dashboard')
@Controller()
export class CoachDashboardController {
  constructor(private readonly dashboard: CoachDashboardService) {}

  @Get('coach/today')
  @Policy({ roles: CASEWORKERS })
  @ApiOperation({
    operationId: 'getCoachToday',
    summary: 'Your day: check-ins overdue, due today and this week; open help requests; risk flags; handovers to prepare',
  })
  @ApiOkResponse({ type: CoachTodayDto })
  today(@CurrentActor() actor: Actor): Promise<CoachTodayDto> {
    return this.dashboard.today(actor);
  }

  @Get('team/workload')
  @Policy({ roles: ['team_lead'] })
  @ApiOperation({
    operationId: 'getTeamWorkload',
    summary: 'Per coach in your team: caseload, aftercare, overdue check-ins, open and escalated help requests',
  })
  @ApiOkResponse({ type: TeamWorkloadDto })
  workload(@CurrentActor() actor: Actor): Promise<TeamWorkloadDto> {
    return this.dashboard.teamWorkload(actor);
  }
}
