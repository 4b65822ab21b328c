import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { TARGET_GROUPS, type TargetGroup } from '../target-groups.js';
import { PageQueryDto } from '../../platform/http/pagination/page.dto.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

export class CreateParticipantDto {
  @ApiProperty({ example: 'Fatima' })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  firstName: string;

  @ApiProperty({ example: 'El Amrani' })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  lastName: string;

  @ApiPropertyOptional({ example: 'fatima@example.nl' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  @SingleLine()
  email?: string;

  @ApiPropertyOptional({ example: '06 12345678' })
  @IsOptional()
  @Matches(/^[+0-9 ()-]{6,20}$/, { message: 'must be a phone number' })
  @SingleLine()
  phone?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '1994-03-17' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  @SingleLine()
  dateOfBirth?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The guiding coach; defaults to the coach creating the record.' })
  @IsOptional()
  @IsUUID()
  coachMembershipId?: string;

  @ApiPropertyOptional({ example: 'Werkt het liefst in de ochtend.', description: 'Coach notes; staff only, encrypted at rest.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @MultiLine()
  privateNotes?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Who pays for the trajectory (GET /v1/funders).' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID()
  funderId?: string | null;

  @ApiPropertyOptional({ enum: TARGET_GROUPS, nullable: true, example: 'wajong', description: 'The scheme the trajectory falls under.' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup | null;
}

export class UpdateParticipantDto extends PartialType(CreateParticipantDto) {
  @ApiPropertyOptional({ example: 3, description: 'The version you read; a change on an older version is refused with 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ParticipantQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'amrani', description: 'Part of the first or last name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @SingleLine()
  q?: string;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Fatima' })
  firstName: string;

  @ApiProperty({ example: 'El Amrani' })
  lastName: string;

  @ApiProperty({ type: String, nullable: true, example: 'fatima@example.nl' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: '06 12345678' })
  phone: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1994-03-17' })
  dateOfBirth: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only.' })
  privateNotes?: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who pays for the trajectory.' })
  funderId: string | null;

  @ApiProperty({ enum: TARGET_GROUPS, nullable: true, example: 'wajong' })
  targetGroup: TargetGroup | null;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class ParticipantPageDto {
  @ApiProperty({ type: [ParticipantDto] })
  items: ParticipantDto[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 25 })
  pageSize: number;

  @ApiProperty({ example: 1 })
  total: number;
}

export class CreateCaseloadShareDto {
  @ApiProperty({ format: 'uuid', description: 'The coach who may see the participant.' })
  @IsUUID()
  coachMembershipId: string;

  @ApiProperty({ example: 'Vervanging tijdens vakantie' })
  @IsString()
  @Length(3, 500)
  @MultiLine()
  reason: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  @SingleLine()
  validUntil?: string;
}

export class ReassignParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'The coach who takes over.' })
  @IsUUID()
  coachMembershipId: string;

  @ApiProperty({ example: 'Sanne heeft te veel deelnemers; Ahmed neemt over.' })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;
}
