import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { EMPLOYER_ANSWERS, type EmployerAnswer, MATCH_STATUSES, type MatchStatus } from '../entities/match.entity.js';
import { MultiLine } from '../../platform/http/line-breaks.js';

export class MatchQueryDto {
  @ApiPropertyOptional({
    example: false,
    description:
      'Also list near misses (one or two filters failed) after the candidates who pass; each row names the filters that failed (failedFilters, empty for those who pass).',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeExcluded?: boolean;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CreateMatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  vacancyId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;
}

export class MatchTransitionDto {
  @ApiProperty({ enum: MATCH_STATUSES, example: 'introduced' })
  @IsIn(MATCH_STATUSES)
  status: MatchStatus;

  @ApiPropertyOptional({
    example: 'Werkgever koos een andere kandidaat',
    description: 'Required when rejecting, and when agreeing a contract without a trial placement.',
  })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  @MultiLine()
  reason?: string;
}

export class SentenceDto {
  @ApiProperty({ example: 'Werkt 20-24 uur; vacature biedt 24 uur' })
  nl: string;

  @ApiProperty({ example: 'Works 20-24 hours; vacancy offers 24 hours' })
  en: string;
}

export class CriterionResultDto {
  @ApiProperty({ example: 'occupation' })
  criterion: string;

  @ApiProperty({ example: 0.6 })
  score: number;

  @ApiProperty({ example: 3 })
  weight: number;

  @ApiProperty({ type: SentenceDto })
  explanation: SentenceDto;
}

export class FilterResultDto {
  @ApiProperty({ example: 'hours' })
  filter: string;

  @ApiProperty({ example: true })
  passed: boolean;

  @ApiProperty({ type: SentenceDto })
  explanation: SentenceDto;
}

export class MatchResultDto {
  @ApiProperty({ format: 'uuid' })
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  vacancyId: string;

  @ApiProperty({ example: 78.5, description: '0-100, the weighted mean of the criteria.' })
  score: number;

  @ApiProperty({ example: 79, description: 'The score as shown to people: a whole number, the same on every page.' })
  displayScore: number;

  @ApiProperty({ type: [CriterionResultDto] })
  criteria: CriterionResultDto[];

  @ApiProperty({ type: [FilterResultDto] })
  filters: FilterResultDto[];

  @ApiProperty({ type: [String], example: [] })
  failedFilters: string[];
}

export class MatchDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  vacancyId: string;

  @ApiProperty({ format: 'uuid' })
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  employerId: string;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: Number, nullable: true, example: 78.5 })
  score: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 79,
    description: 'The score as shown to people (rounded once, as in the match results).',
  })
  displayScore: number | null;

  @ApiProperty({ type: String, nullable: true })
  trialSkippedReason: string | null;

  @ApiProperty({ example: 1 })
  version: number;
}

export class MatchEventDto {
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorUserId: string | null;

  @ApiProperty({ type: String, nullable: true, enum: MATCH_STATUSES })
  fromStatus: MatchStatus | null;

  @ApiProperty({ enum: MATCH_STATUSES })
  toStatus: MatchStatus;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
}

export class EmployerCandidateDto {
  @ApiProperty({ format: 'uuid' })
  matchId: string;

  @ApiProperty({ format: 'uuid' })
  vacancyId: string;

  @ApiProperty({ example: 'Medewerker inpak' })
  vacancyTitle: string;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: [String], example: ['name', 'skills'], description: 'Profile parts the participant consented to share with you.' })
  sharedParts: string[];

  @ApiProperty({
    description: 'Only the consented parts; never benefit, diagnosis, limitation kind, barriers, notes or finances.',
    example: { firstName: 'Fatima', skills: ['inpakken'] },
  })
  profile: Record<string, unknown>;

  @ApiProperty({ enum: EMPLOYER_ANSWERS, nullable: true, description: 'Your answer to this candidate, if you gave one.' })
  employerAnswer: EmployerAnswer | null;

  @ApiProperty({ type: String, nullable: true })
  employerAnswerReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  employerAnsweredAt: string | null;
}

export class EmployerAnswerDto {
  @ApiProperty({ enum: EMPLOYER_ANSWERS, example: 'invite', description: 'interested, invite (for an interview) or not_now' })
  @IsIn(EMPLOYER_ANSWERS)
  answer: EmployerAnswer;

  @ApiPropertyOptional({ example: 'Wij zoeken iemand die ook op zaterdag kan.', description: 'Required with not_now.' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  @MultiLine()
  reason?: string;
}

/** Which steps follow which (pages import them from here, not from the entity). */
export { EMPLOYER_ANSWERS, MATCH_TRANSITIONS } from '../entities/match.entity.js';
