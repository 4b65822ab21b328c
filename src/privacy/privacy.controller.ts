import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { ALL_ROLES, Policy } from '../platform/auth/policy.decorator.js';
import { EraseParticipantDto, ErasureResultDto } from './dto/erasure.dto.js';
import { RetentionRuleDto } from './dto/retention.dto.js';
import { ErasureService } from './erasure.service.js';
import { RETENTION_POLICY } from './retention-policy.js';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(private readonly erasure: ErasureService) {}

  @Post('participants/:participantId/erasure')
  @HttpCode(200)
  @Policy({ roles: ['admin'], resource: { kind: 'participant', param: 'participantId' } })
  @ApiOperation({
    operationId: 'eraseParticipant',
    summary: "Erase a participant's personal data (GDPR art. 17); what the law requires is kept, see GET /privacy/retention",
  })
  @ApiOkResponse({ type: ErasureResultDto })
  erase(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Body() body: EraseParticipantDto,
  ): Promise<ErasureResultDto> {
    return this.erasure.erase(actor, participantId, body);
  }

  @Get('privacy/retention')
  @Policy({ roles: ALL_ROLES })
  @ApiOperation({
    operationId: 'listRetentionRules',
    summary: 'What Werkbrug keeps by law after erasure or the end of a trajectory, for how long, and why',
  })
  @ApiOkResponse({ type: [RetentionRuleDto] })
  retention(): RetentionRuleDto[] {
    return RETENTION_POLICY.map((rule) => ({ ...rule }));
  }
}
