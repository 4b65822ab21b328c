import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../platform/auth/policy.decorator.js';
import { uuidParam } from '../platform/http/validation.js';
import {
  CreateHelpRequestDto,
  CreateHelpRequestMessageDto,
  HelpRequestDto,
  HelpRequestListQueryDto,
  HelpRequestMessageDto,
  HelpRequestPageDto,
  HelpRequestStatusChangeDto,
} from './dto/help-request.dto.js';
import { HelpRequestsService } from './help-requests.service.js';

const REQUESTERS = ['participant', 'employer_user'] as const;
/** Requesters and the caseworkers who answer them; the service decides which requests each may see (404 otherwise). */
const PARTIES = [...REQUESTERS, ...CASEWORKERS] as const;

@ApiTags('help-requests')
@Controller('help-requests')
export class HelpRequestsController {
  constructor(private readonly helpRequests: HelpRequestsService) {}

  @Post()
  @Policy({ roles: REQUESTERS })
  @ApiOperation({ operationId: 'createHelpRequest', summary: 'Ask your coach for help; it goes to the team lead while your coach is away' })
  @ApiCreatedResponse({ type: HelpRequestDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateHelpRequestDto): Promise<HelpRequestDto> {
    return this.helpRequests.create(actor, body);
  }

  @Get()
  @Policy({ roles: PARTIES })
  @ApiOperation({
    operationId: 'listHelpRequests',
    summary: 'Your own help requests; for coaches and team leads, the inbox (most urgent and oldest first)',
  })
  @ApiOkResponse({ type: HelpRequestPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: HelpRequestListQueryDto) {
    return this.helpRequests.list(actor, query);
  }

  @Get(':helpRequestId')
  @Policy({ roles: PARTIES })
  @ApiOperation({ operationId: 'getHelpRequest', summary: 'One help request, with its status and who handles it' })
  @ApiOkResponse({ type: HelpRequestDto })
  get(@CurrentActor() actor: Actor, @Param('helpRequestId', uuidParam('helpRequestId')) id: string): Promise<HelpRequestDto> {
    return this.helpRequests.get(actor, id);
  }

  @Post(':helpRequestId/status-changes')
  @HttpCode(200)
  @Policy({ roles: PARTIES })
  @ApiOperation({
    operationId: 'changeHelpRequestStatus',
    summary: 'Move a help request on: new, acknowledged, in progress, resolved, closed (or reopen a resolved one)',
  })
  @ApiOkResponse({ type: HelpRequestDto })
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Body() body: HelpRequestStatusChangeDto,
  ): Promise<HelpRequestDto> {
    return this.helpRequests.changeStatus(actor, id, body.status);
  }

  @Post(':helpRequestId/messages')
  @Policy({ roles: PARTIES })
  @ApiOperation({
    operationId: 'createHelpRequestMessage',
    summary: 'Write a message on a help request; a reply from staff acknowledges it',
  })
  @ApiCreatedResponse({ type: HelpRequestMessageDto })
  addMessage(
    @CurrentActor() actor: Actor,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Body() body: CreateHelpRequestMessageDto,
  ): Promise<HelpRequestMessageDto> {
    return this.helpRequests.addMessage(actor, id, body);
  }

  @Get(':helpRequestId/messages')
  @Policy({ roles: PARTIES })
  @ApiOperation({ operationId: 'listHelpRequestMessages', summary: 'The messages on a help request, oldest first' })
  @ApiOkResponse({ type: [HelpRequestMessageDto] })
  messages(@CurrentActor() actor: Actor, @Param('helpRequestId', uuidParam('helpRequestId')) id: string): Promise<HelpRequestMessageDto[]> {
    return this.helpRequests.messages(actor, id);
  }
}
