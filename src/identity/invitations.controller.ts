import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy } from '../platform/auth/policy.decorator.js';
import { RateLimit } from '../platform/http/rate-limit/rate-limit.decorator.js';
import { AuthService } from './auth.service.js';
import { CreateInvitationDto, InvitationDto } from './dto/auth.dto.js';

@ApiTags('users')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @Policy({ roles: ['admin', 'team_lead', 'jobcoach'] })
  @RateLimit({ name: 'invitations', points: 100, durationSeconds: 3600 })
  @ApiOperation({
    operationId: 'createInvitation',
    summary: 'Invite someone: admins invite staff and employer users, coaches invite their participants',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  async invite(@CurrentActor() actor: Actor, @Body() body: CreateInvitationDto): Promise<InvitationDto> {
    const invitation = await this.auth.invite(actor, body);
    return { membershipId: invitation.membershipId, expiresAt: invitation.expiresAt.toISOString() };
  }
}
