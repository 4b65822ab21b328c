import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../entities/membership.entity.js';
import { SingleLine } from '../../platform/http/line-breaks.js';

/** Six digits from the authenticator app, or a recovery code (XXXXX-XXXXX). */
export const SECOND_FACTOR_PATTERN = /^(\d{6}|[A-Za-z0-9]{5}[- ]?[A-Za-z0-9]{5})$/;

export class CreateSessionDto {
  @ApiProperty({ example: 'j.jansen@werkfit.nl' })
  @IsEmail()
  @MaxLength(254)
  @SingleLine()
  email: string;

  @ApiProperty({ example: 'paard-batterij-nietje-correct', format: 'password' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  password: string;

  @ApiPropertyOptional({
    example: '123456',
    description: 'The code from the authenticator app, or one of the recovery codes, when two-factor sign-in is on.',
  })
  @IsOptional()
  @Matches(SECOND_FACTOR_PATTERN, { message: 'must be 6 digits or a recovery code' })
  @SingleLine()
  totpCode?: string;

  @ApiPropertyOptional({ example: 'werkfit-utrecht', description: 'Which organisation, for people who work for more than one.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @SingleLine()
  organisation?: string;
}

export class EmailDto {
  @ApiProperty({ example: 'deelnemer@example.nl' })
  @IsEmail()
  @MaxLength(254)
  @SingleLine()
  email: string;
}

export class TokenDto {
  @ApiProperty({ example: 'q3Jx0n6b8m1mB1c1G3lq2ZkzX7ZcVbq1o2m3n4b5v6c' })
  @IsString()
  @Length(20, 100)
  @SingleLine()
  token: string;
}

export class MagicLinkRedemptionDto extends TokenDto {
  @ApiPropertyOptional({
    example: '123456',
    description: 'The authenticator code, or a recovery code: required when the account has two-factor sign-in on.',
  })
  @IsOptional()
  @Matches(SECOND_FACTOR_PATTERN, { message: 'must be 6 digits or a recovery code' })
  @SingleLine()
  totpCode?: string;

  @ApiPropertyOptional({
    example: '482913',
    description: 'Opening the link in another browser than the one that asked: the code the portal showed there after the request.',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  @SingleLine()
  browserCode?: string;
}

export class PasswordResetRedemptionDto extends TokenDto {
  @ApiProperty({ example: 'paard-batterij-nietje-correct', format: 'password' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  password: string;
}

export class InvitationRedemptionDto extends TokenDto {
  @ApiPropertyOptional({
    example: 'paard-batterij-nietje-correct',
    format: 'password',
    description: 'Required for everyone except participants.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  password?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  @SingleLine()
  code: string;
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'nieuwe.coach@werkfit.nl' })
  @IsEmail()
  @MaxLength(254)
  @SingleLine()
  email: string;

  @ApiProperty({ example: 'Sanne de Vries' })
  @IsString()
  @Length(1, 120)
  @SingleLine()
  displayName: string;

  @ApiProperty({ enum: ROLES, example: 'jobcoach' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'For coaches and team leads: their team.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For employer users: the employer they act for.' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For participants: their participant record.' })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For funder users (read-only, aggregates only): the funder they see.' })
  @IsOptional()
  @IsUUID()
  funderId?: string;

  @ApiPropertyOptional({ enum: ['nl', 'en'], example: 'nl' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  locale?: 'nl' | 'en';
}

export class SessionDto {
  @ApiProperty({ description: 'Bearer token for API clients. Browsers use the session cookie set with this answer.' })
  token: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ description: 'Send as X-CSRF-Token with changes made through the cookie session.' })
  csrfToken: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ description: 'Admins must confirm a second factor before anything else.' })
  secondFactorRequired: boolean;
}

export class AcceptedDto {
  @ApiProperty({ example: 'If this address is known, a message is on its way.' })
  message: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  membershipId: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], example: ['K7P2M-Q9XRT'], description: 'Shown once; each works once instead of the app code.' })
  codes: string[];
}

export class TotpEnrolmentDto {
  @ApiProperty({ example: 'otpauth://totp/Werkbrug:j.jansen%40werkfit.nl?secret=...' })
  otpauthUrl: string;

  @ApiProperty({ example: 'JBSWY3DPEHPK3PXP' })
  secret: string;
}

export class CsrfTokenDto {
  @ApiProperty()
  csrfToken: string;
}
