import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../identity/entities/membership.entity.js';
import { SingleLine } from '../../platform/http/line-breaks.js';
import { FUNDER_KINDS, type FunderKind } from '../funder-kinds.js';

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'WerkFit Utrecht' })
  name: string;

  @ApiProperty({ example: 'werkfit-utrecht' })
  slug: string;

  @ApiProperty({ example: false })
  staffMagicLinkAllowed: boolean;

  @ApiProperty({ example: 1 })
  helpResponseWorkingDays: number;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: 'WerkFit Utrecht' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  name?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  staffMagicLinkAllowed?: boolean;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  helpResponseWorkingDays?: number;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Team Noord' })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;
}

export class CreateFunderDto {
  @ApiProperty({ example: 'Gemeente Utrecht' })
  @IsString()
  @Length(1, 120)
  @SingleLine()
  name: string;

  @ApiProperty({ enum: FUNDER_KINDS, example: 'municipality', description: 'A municipality, UWV, or another funder.' })
  @IsIn(FUNDER_KINDS)
  kind: FunderKind;
}

export class FunderDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f' })
  id: string;

  @ApiProperty({ example: 'Gemeente Utrecht' })
  name: string;

  @ApiProperty({ enum: FUNDER_KINDS, example: 'municipality' })
  kind: FunderKind;
}

export class TeamDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Team Noord' })
  name: string;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sanne de Vries' })
  displayName: string;

  @ApiProperty({ example: 'sanne@werkfit.nl' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: ['invited', 'active', 'disabled'] })
  status: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  absentUntil: string | null;
}

/** The roles an admin may move a staff account between. */
export const STAFF_ROLE_CHOICES = ['admin', 'team_lead', 'jobcoach'] as const;

export class UpdateMembershipDto {
  @ApiPropertyOptional({ enum: STAFF_ROLE_CHOICES, description: 'A staff account’s new role (not for employer users or participants).' })
  @IsOptional()
  @IsIn(STAFF_ROLE_CHOICES)
  role?: (typeof STAFF_ROLE_CHOICES)[number];

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-24' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsIsoDate()
  absentUntil?: string | null;
}

export class CaseloadLimitDto {
  @ApiProperty({ example: 30, description: 'How many participants one coach of the team should carry at most.' })
  @IsInt()
  @Min(1)
  @Max(500)
  caseloadLimit: number;
}
