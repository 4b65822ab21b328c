import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination/page.dto.js';
import {
  HELP_CATEGORIES,
  HELP_CHANNELS,
  HELP_STATUSES,
  HELP_URGENCIES,
  type HelpCategory,
  type HelpChannel,
  type HelpStatus,
  type HelpUrgency,
} from '../help-request.constants.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

export class CreateHelpRequestDto {
  @ApiProperty({ enum: HELP_CATEGORIES, example: 'conflict_at_work' })
  @IsIn(HELP_CATEGORIES)
  category: HelpCategory;

  @ApiProperty({ enum: HELP_URGENCIES, example: 'normal' })
  @IsIn(HELP_URGENCIES)
  urgency: HelpUrgency;

  @ApiPropertyOptional({ enum: HELP_CHANNELS, example: 'phone', description: 'How the requester would like to be contacted.' })
  @IsOptional()
  @IsIn(HELP_CHANNELS)
  preferredChannel?: HelpChannel;

  @ApiPropertyOptional({ example: 'Na 16:00 uur, niet op woensdag', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SingleLine()
  preferredTime?: string;

  @ApiProperty({
    example: 'Mijn rooster is veranderd en ik moet nu ook avonden werken. Dat was anders afgesproken.',
    maxLength: 2000,
    description: 'Stored encrypted; may hold health information.',
  })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  body: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Employer users: the placement of the employee the request is about (one of your placements you may see).',
  })
  @IsOptional()
  @IsUUID()
  aboutPlacementId?: string;
}

export class HelpRequestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['me'], example: 'me', description: 'Staff: only requests assigned to you.' })
  @IsOptional()
  @IsIn(['me'])
  assigned?: 'me';

  @ApiPropertyOptional({ enum: HELP_STATUSES, example: 'new' })
  @IsOptional()
  @IsIn(HELP_STATUSES)
  status?: HelpStatus;
}

export class HelpRequestStatusChangeDto {
  @ApiProperty({ enum: HELP_STATUSES, example: 'acknowledged' })
  @IsIn(HELP_STATUSES)
  status: HelpStatus;
}

export class CreateHelpRequestMessageDto {
  @ApiProperty({ example: 'Ik bel u morgen om 10:00 uur. Lukt dat?', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  body: string;
}

export class HelpRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: HELP_CATEGORIES, example: 'conflict_at_work' })
  category: HelpCategory;

  @ApiProperty({ enum: HELP_URGENCIES, example: 'normal' })
  urgency: HelpUrgency;

  @ApiProperty({ enum: HELP_CHANNELS, nullable: true, example: 'phone' })
  preferredChannel: HelpChannel | null;

  @ApiProperty({ type: String, nullable: true, example: 'Na 16:00 uur' })
  preferredTime: string | null;

  @ApiProperty({ example: 'Mijn rooster is veranderd en ik moet nu ook avonden werken.' })
  body: string;

  @ApiProperty({ enum: HELP_STATUSES, example: 'new' })
  status: HelpStatus;

  @ApiProperty({ enum: ['participant', 'employer_user'], example: 'participant' })
  requesterRole: 'participant' | 'employer_user';

  @ApiProperty({ type: String, nullable: true, example: 'Fatima El Amrani', description: 'The participant or employer user who asked.' })
  requesterName: string | null;

  @ApiProperty({ type: String, nullable: true, description: "An employer's request: the employee it is about, when one was named." })
  aboutEmployeeName: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sanne de Vries',
    description: "The requester's own coach (the employer's contact coach).",
  })
  coachName: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sanne de Vries',
    description: 'Who handles the request: the coach, or the team lead while the coach is away.',
  })
  handledByName: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Staff only; null for the requester.' })
  assignedMembershipId: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-03-09T13:30:00.000Z',
    description: 'Acknowledge within the organisation’s response time in working days.',
  })
  acknowledgeBy: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acknowledgedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Staff only; null for the requester.' })
  escalatedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-06T13:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: 1 })
  version: number;
}

export class HelpRequestPageDto {
  @ApiProperty({ type: [HelpRequestDto] })
  items: HelpRequestDto[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 25 })
  pageSize: number;

  @ApiProperty({ example: 3 })
  total: number;
}

export class HelpRequestMessageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['participant', 'employer_user', 'jobcoach', 'team_lead'], example: 'jobcoach' })
  authorRole: string;

  @ApiProperty({ type: String, nullable: true, example: 'Sanne de Vries' })
  authorName: string | null;

  @ApiProperty({ example: true, description: 'Written by you.' })
  mine: boolean;

  @ApiProperty({ example: 'Ik bel u morgen om 10:00 uur. Lukt dat?' })
  body: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}
