import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import { uuidParam } from '../platform/http/validation.js';
import { ConsentsService } from './consents.service.js';
import { ConsentDto, GiveConsentDto } from './dto/consent.dto.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;

function ownParticipantId(actor: Actor): string {
  if (!actor.participantId) throw new NotFoundProblem('participant');
  return actor.participantId;
}

/** The participant's own consents. */
@ApiTags('consents')
@Controller('me/consents')
export class MyConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @Policy({ roles: ['participant'] })
  @ApiOperation({
    operationId: 'listMyConsents',
    summary: 'Your consents, active and withdrawn, newest first, each explained in plain language',
  })
  @ApiOkResponse({ type: [ConsentDto] })
  list(@CurrentActor() actor: Actor): Promise<ConsentDto[]> {
    return this.consents.list(actor, ownParticipantId(actor));
  }

  @Post()
  @Policy({ roles: ['participant'] })
  @ApiOperation({
    operationId: 'giveMyConsent',
    summary:
      'Give consent for one purpose; giving a consent that is already active returns it (200), new profile parts replace the old ones (201)',
  })
  @ApiCreatedResponse({ type: ConsentDto, description: 'The consent was recorded.' })
  @ApiOkResponse({ type: ConsentDto, description: 'The same consent was already active; nothing changed.' })
  async give(
    @CurrentActor() actor: Actor,
    @Body() body: GiveConsentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConsentDto> {
    const result = await this.consents.give(actor, ownParticipantId(actor), body);
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.consent;
  }

  @Post(':consentId/withdrawal')
  @HttpCode(200)
  @Policy({ roles: ['participant'] })
  @ApiOperation({ operationId: 'withdrawMyConsent', summary: 'Withdraw one of your consents; it stops counting from the next request' })
  @ApiOkResponse({ type: ConsentDto })
  withdraw(@CurrentActor() actor: Actor, @Param('consentId', uuidParam('consentId')) consentId: string): Promise<ConsentDto> {
    return this.consents.withdraw(actor, ownParticipantId(actor), consentId);
  }
}

/** Staff record consent a participant gave in a meeting, or its withdrawal. */
@ApiTags('consents')
@Controller('participants/:participantId/consents')
export class ParticipantConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'listParticipantConsents', summary: "A participant's consents, active and withdrawn, newest first" })
  @ApiOkResponse({ type: [ConsentDto] })
  list(@CurrentActor() actor: Actor, @Param('participantId') participantId: string): Promise<ConsentDto[]> {
    return this.consents.list(actor, participantId);
  }

  @Post()
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({
    operationId: 'recordParticipantConsent',
    summary: 'Record consent the participant gave you (for example in a meeting); you are recorded as the one who registered it',
  })
  @ApiCreatedResponse({ type: ConsentDto, description: 'The consent was recorded.' })
  @ApiOkResponse({ type: ConsentDto, description: 'The same consent was already active; nothing changed.' })
  async give(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: GiveConsentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConsentDto> {
    const result = await this.consents.give(actor, participantId, body);
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.consent;
  }

  @Post(':consentId/withdrawal')
  @HttpCode(200)
  @Policy({ roles: STAFF, resource: PARTICIPANT })
  @ApiOperation({ operationId: 'recordParticipantConsentWithdrawal', summary: 'Record that the participant withdrew a consent' })
  @ApiOkResponse({ type: ConsentDto })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
  ): Promise<ConsentDto> {
    return this.consents.withdraw(actor, participantId, consentId);
  }
}
