import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy } from '../platform/auth/policy.decorator.js';
import { AuthService } from './auth.service.js';
import { RecoveryCodesDto, TotpCodeDto, TotpEnrolmentDto } from './dto/auth.dto.js';
import { ROLES, type Role } from './entities/membership.entity.js';

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'Sanne de Vries' })
  displayName: string;

  @ApiProperty({ example: 'sanne@werkfit.nl' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ enum: ['nl', 'en'] })
  locale: 'nl' | 'en';

  @ApiProperty()
  totpEnabled: boolean;
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Policy({ withoutSecondFactor: true })
  @ApiOperation({ operationId: 'getMe', summary: 'Who is signed in, in which organisation and role' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentActor() actor: Actor): Promise<MeDto> {
    const user = await this.auth.account(actor.userId);
    return {
      userId: user.id,
      displayName: user.displayName,
      email: user.email,
      role: actor.role,
      organisationId: actor.organisationId,
      locale: user.locale,
      totpEnabled: user.totpEnabled,
    };
  }

  @Post('totp')
  @Policy({ roles: ['admin', 'team_lead', 'jobcoach', 'employer_user', 'funder'], withoutSecondFactor: true })
  @ApiOperation({ operationId: 'startTotpEnrolment', summary: 'Start two-factor sign-in: returns the secret for an authenticator app' })
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  startTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolmentDto> {
    return this.auth.startTotpEnrolment(actor);
  }

  @Post('totp/confirmations')
  @HttpCode(204)
  @Policy({ roles: ['admin', 'team_lead', 'jobcoach', 'employer_user', 'funder'], withoutSecondFactor: true })
  @ApiOperation({ operationId: 'confirmTotp', summary: 'Turn two-factor sign-in on with a first code from the app' })
  @ApiNoContentResponse()
  async confirmTotp(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<void> {
    await this.auth.confirmTotp(actor, body.code);
  }

  @Post('totp/recovery-codes')
  @Policy({ roles: ['admin', 'team_lead', 'jobcoach', 'employer_user', 'funder'] })
  @ApiOperation({
    operationId: 'createTotpRecoveryCodes',
    summary: 'New recovery codes for two-factor sign-in (the old ones stop working); each works once instead of the app code',
  })
  @ApiCreatedResponse({ type: RecoveryCodesDto })
  async recoveryCodes(@CurrentActor() actor: Actor): Promise<RecoveryCodesDto> {
    return { codes: await this.auth.newRecoveryCodes(actor, { showLater: false }) };
  }
}
