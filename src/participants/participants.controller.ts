import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedResourceDto } from '../platform/http/created-resource.dto.js';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import {
  CreateCaseloadShareDto,
  CreateParticipantDto,
  ParticipantDto,
  ParticipantPageDto,
  ParticipantQueryDto,
  UpdateParticipantDto,
} from './dto/participant.dto.js';
import { ParticipantsService } from './participants.service.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'createParticipant', summary: 'Register a participant on your caseload' })
  @ApiCreatedResponse({ type: ParticipantDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateParticipantDto): Promise<ParticipantDto> {
    return this.participants.create(actor, body);
  }

  @Get()
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listParticipants', summary: 'Participants you may see: your caseload, your team, or the organisation' })
  @ApiOkResponse({ type: ParticipantPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ParticipantQueryDto): Promise<ParticipantPageDto> {
    return this.participants.list(actor, query);
  }

  @Get(':participantId')
  @Policy({ roles: [...STAFF, 'participant'], resource: PARTICIPANT })
  @ApiOperation({ operationId: 'getParticipant', summary: 'One participant (participants may read their own record)' })
  @ApiOkResponse({ type: ParticipantDto })
  get(@CurrentActor() actor: Actor, @Param('participantId') participantId: string): Promise<ParticipantDto> {
    return this.participants.get(actor, participantId);
  }

  @Patch(':participantId')
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'updateParticipant', summary: 'Change a participant' })
  @ApiOkResponse({ type: ParticipantDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: UpdateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participants.update(actor, participantId, body);
  }

  @Post(':participantId/caseload-shares')
  @Policy({ roles: ['team_lead', 'admin'], resource: PARTICIPANT })
  @ApiOperation({ operationId: 'shareParticipant', summary: 'Let another coach see this participant (for example during a holiday)' })
  @ApiCreatedResponse({ description: 'The share was recorded.', type: CreatedResourceDto })
  share(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: CreateCaseloadShareDto,
  ): Promise<{ id: string }> {
    return this.participants.share(actor, participantId, body);
  }
}
