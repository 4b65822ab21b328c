import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import {
  CreateBarrierDto,
  CreateCapacityDto,
  CreatedDto,
  CreateGoalDto,
  CreateGoalProgressDto,
  CreateWorkBehaviourDto,
  ProfileDto,
  PutProfileDto,
} from './dto/profile.dto.js';
import type { ParticipantBarrier, ParticipantCapacity } from './entities/participant-profile.entity.js';
import { ProfilesService } from './profiles.service.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;

@ApiTags('participant-profiles')
@Controller('participants/:participantId')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get('profile')
  @Policy({ roles: [...STAFF, 'participant'], resource: PARTICIPANT })
  @ApiOperation({
    operationId: 'getParticipantProfile',
    summary: 'The work profile (participants see their own, without the private fields)',
  })
  @ApiOkResponse({ type: ProfileDto })
  get(@CurrentActor() actor: Actor, @Param('participantId') participantId: string): Promise<ProfileDto> {
    return this.profiles.get(actor, participantId);
  }

  @Put('profile')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'putParticipantProfile', summary: 'Create or replace the work profile' })
  @ApiOkResponse({ type: ProfileDto })
  put(@CurrentActor() actor: Actor, @Param('participantId') participantId: string, @Body() body: PutProfileDto): Promise<ProfileDto> {
    return this.profiles.put(actor, participantId, body);
  }

  @Post('capacity-assessments')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'createCapacityAssessment', summary: 'Record a dated capacity (belastbaarheid) assessment' })
  @ApiCreatedResponse({ type: CreatedDto })
  addCapacity(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: CreateCapacityDto,
  ): Promise<CreatedDto> {
    return this.profiles.addCapacity(actor, participantId, body);
  }

  @Get('capacity-assessments')
  @Policy({ roles: [...STAFF, 'participant'], resource: PARTICIPANT })
  @ApiOperation({ operationId: 'listCapacityAssessments', summary: 'The capacity history, newest first' })
  @ApiOkResponse({ description: 'Dated assessments.', schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  listCapacity(@CurrentActor() actor: Actor, @Param('participantId') participantId: string): Promise<ParticipantCapacity[]> {
    return this.profiles.listCapacity(actor, participantId);
  }

  @Post('work-behaviour-observations')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'createWorkBehaviourObservation', summary: 'Record observed work behaviour (13 dimensions, 1-5)' })
  @ApiCreatedResponse({ type: CreatedDto })
  addWorkBehaviour(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: CreateWorkBehaviourDto,
  ): Promise<CreatedDto> {
    return this.profiles.addWorkBehaviour(actor, participantId, body);
  }

  @Post('barriers')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({
    operationId: 'createBarrier',
    summary: 'Record a barrier (staff only); it leads to a support action, never to a lower match score',
  })
  @ApiCreatedResponse({ type: CreatedDto })
  addBarrier(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: CreateBarrierDto,
  ): Promise<CreatedDto> {
    return this.profiles.addBarrier(actor, participantId, body);
  }

  @Get('barriers')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'listBarriers', summary: 'Barriers (staff only)' })
  @ApiOkResponse({
    description: 'Barriers with their support actions.',
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
  })
  listBarriers(@CurrentActor() actor: Actor, @Param('participantId') participantId: string): Promise<ParticipantBarrier[]> {
    return this.profiles.listBarriers(actor, participantId);
  }

  @Post('goals')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'createTrajectoryGoal', summary: 'Add an intermediate goal to the trajectory plan' })
  @ApiCreatedResponse({ type: CreatedDto })
  addGoal(@CurrentActor() actor: Actor, @Param('participantId') participantId: string, @Body() body: CreateGoalDto): Promise<CreatedDto> {
    return this.profiles.addGoal(actor, participantId, body);
  }

  @Post('goals/:goalId/progress')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'createGoalProgress', summary: 'Record progress on an intermediate goal' })
  @ApiCreatedResponse({ type: CreatedDto })
  addProgress(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Param('goalId', uuidParam('goalId')) goalId: string,
    @Body() body: CreateGoalProgressDto,
  ): Promise<CreatedDto> {
    return this.profiles.addGoalProgress(actor, participantId, goalId, body);
  }
}
