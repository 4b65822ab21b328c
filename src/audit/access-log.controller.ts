import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import { PageQueryDto } from '../platform/http/pagination/page.dto.js';
import { AccessLogService } from './access-log.service.js';
import { AccessLogPageDto } from './dto/access-log.dto.js';

@ApiTags('privacy')
@Controller()
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get('me/access-log')
  @Policy({ roles: ['participant'] })
  @ApiOperation({ operationId: 'getMyAccessLog', summary: 'Who looked at or changed your data, and when; newest first' })
  @ApiOkResponse({ type: AccessLogPageDto })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<AccessLogPageDto> {
    if (!actor.participantId) throw new NotFoundProblem('participant');
    return this.accessLog.forParticipant(actor, actor.participantId, query);
  }

  @Get('participants/:participantId/access-log')
  @Policy({ roles: STAFF, resource: { kind: 'participant', param: 'participantId' } })
  @ApiOperation({
    operationId: 'getParticipantAccessLog',
    summary: "Who looked at or changed a participant's data, and when; newest first",
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  forParticipant(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Query() query: PageQueryDto,
  ): Promise<AccessLogPageDto> {
    return this.accessLog.forParticipant(actor, participantId, query);
  }
}
