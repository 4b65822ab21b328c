import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import {
  CreateMatchDto,
  EmployerAnswerDto,
  EmployerCandidateDto,
  MatchDto,
  MatchEventDto,
  MatchQueryDto,
  MatchResultDto,
  MatchTransitionDto,
} from './dto/match.dto.js';
import { MatchesService } from './matches.service.js';
import { MatchingService } from './matching.service.js';

@ApiTags('matching')
@Controller()
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly matches: MatchesService,
  ) {}

  @Get('vacancies/:vacancyId/candidates')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listVacancyCandidates', summary: 'Best candidates for a vacancy, with the reasons per criterion' })
  @ApiOkResponse({ type: [MatchResultDto] })
  candidates(
    @CurrentActor() actor: Actor,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
    @Query() query: MatchQueryDto,
  ): Promise<MatchResultDto[]> {
    return this.matching.candidatesForVacancy(actor, vacancyId, query);
  }

  @Get('participants/:participantId/vacancy-matches')
  @Policy({ roles: STAFF, resource: { kind: 'participant', param: 'participantId' } })
  @ApiOperation({
    operationId: 'listParticipantVacancyMatches',
    summary: 'Best open vacancies for a participant, with the reasons per criterion',
  })
  @ApiOkResponse({ type: [MatchResultDto] })
  vacancyMatches(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Query() query: MatchQueryDto,
  ): Promise<MatchResultDto[]> {
    return this.matching.vacanciesForParticipant(actor, participantId, query);
  }

  @Post('matches')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'createMatch', summary: 'Propose a participant for a vacancy' })
  @ApiCreatedResponse({ type: MatchDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMatchDto): Promise<MatchDto> {
    return this.matches.create(actor, body);
  }

  @Get('matches/:matchId')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'getMatch', summary: 'One match' })
  @ApiOkResponse({ type: MatchDto })
  get(@CurrentActor() actor: Actor, @Param('matchId', uuidParam('matchId')) matchId: string): Promise<MatchDto> {
    return this.matches.get(actor, matchId);
  }

  @Post('matches/:matchId/transitions')
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'transitionMatch',
    summary: 'Move a match on: introduced, interview, trial placement, contract, rejected, withdrawn',
  })
  @ApiCreatedResponse({ type: MatchDto })
  transition(
    @CurrentActor() actor: Actor,
    @Param('matchId', uuidParam('matchId')) matchId: string,
    @Body() body: MatchTransitionDto,
  ): Promise<MatchDto> {
    return this.matches.transition(actor, matchId, body);
  }

  @Get('matches/:matchId/events')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listMatchEvents', summary: 'The history of a match: who, when, from, to, why' })
  @ApiOkResponse({ type: [MatchEventDto] })
  events(@CurrentActor() actor: Actor, @Param('matchId', uuidParam('matchId')) matchId: string): Promise<MatchEventDto[]> {
    return this.matches.events(actor, matchId);
  }

  @Get('employers/:employerId/candidates')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: { kind: 'employer', param: 'employerId' } })
  @ApiOperation({
    operationId: 'listEmployerCandidates',
    summary: 'Introduced candidates, showing only what each participant consented to share',
  })
  @ApiOkResponse({ type: [EmployerCandidateDto] })
  employerCandidates(@CurrentActor() actor: Actor, @Param('employerId') employerId: string): Promise<EmployerCandidateDto[]> {
    return this.matches.employerCandidates(actor, employerId);
  }

  @Post('matches/:matchId/employer-answer')
  @HttpCode(204)
  @Policy({ roles: ['employer_user'] })
  @ApiOperation({
    operationId: 'answerIntroducedCandidate',
    summary: 'The employer answers a candidate introduced to it: interested, invite (for an interview) or not now, with a reason',
  })
  @ApiNoContentResponse({ description: 'The answer is recorded; the coach sees it.' })
  async answerCandidate(
    @CurrentActor() actor: Actor,
    @Param('matchId', uuidParam('matchId')) matchId: string,
    @Body() body: EmployerAnswerDto,
  ): Promise<void> {
    await this.matches.answerAsEmployer(actor, matchId, body);
  }
}
