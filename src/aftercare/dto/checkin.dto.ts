import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONTACT_CHANNELS, type ContactChannel } from '../entities/checkin.entity.js';
import { MONITORING_FREQUENCIES, type MonitoringFrequency } from '../handover-checklist.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

/** DOMAIN.md's life domains and signals. */
export const LIFE_DOMAINS = [
  'work',
  'home_family',
  'finances',
  'health',
  'day_structure',
  'social_network',
  'addiction',
  'housing',
  'transport',
] as const;
export const LIFE_DOMAIN_STATES = ['good', 'attention', 'concern'] as const;
export const SIGNALS = [
  'lateness',
  'sickness',
  'unsure_about_reporting_sick',
  'conflict_about_hours',
  'work_too_heavy',
  'work_too_light',
  'production_pressure',
  'pay_problems',
  'relapse',
  'loss_of_contact',
] as const;
/** Signals that raise a risk flag at once; the others when they come back. */
export const SEVERE_SIGNALS: readonly string[] = ['relapse', 'loss_of_contact', 'pay_problems'];
/** The participant-facing five domains for preparing a check-in. */
export const PREPARATION_DOMAINS = [
  'personal_and_health',
  'income_and_money',
  'family_and_friends',
  'home_and_surroundings',
  'work_and_education',
] as const;

export class FrameDto {
  @ApiProperty({ example: 'Weet wat er van haar verwacht wordt.', description: 'Knowing (kennen)' })
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  knowing: string;

  @ApiProperty({ example: 'Kan het tempo aan in de ochtend.', description: 'Being able (kunnen)' })
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  able: string;

  @ApiProperty({ example: 'Komt op tijd, werkt zelfstandig.', description: 'Doing (doen)' })
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  doing: string;

  @ApiProperty({ example: 'Luncht met collega’s; voelt zich welkom.', description: 'Belonging (zijn): part of the team?' })
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  belonging: string;
}

export class ActionDto {
  @ApiProperty({ enum: ['coach', 'employer', 'employee'] })
  @IsIn(['coach', 'employer', 'employee'])
  owner: 'coach' | 'employer' | 'employee';

  @ApiProperty({ example: 'Rooster voor december samen doorlopen' })
  @IsString()
  @Length(2, 500)
  @MultiLine()
  text: string;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsIsoDate()
  dueOn?: string;
}

export class AgreementEvaluationDto {
  @ApiProperty({ example: 'hours' })
  @IsString()
  @Length(2, 60)
  @SingleLine()
  item: string;

  @ApiProperty({ enum: ['participant', 'employer', 'coach'] })
  @IsIn(['participant', 'employer', 'coach'])
  party: 'participant' | 'employer' | 'coach';

  @ApiProperty()
  @IsBoolean()
  kept: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @MultiLine()
  note?: string;
}

export class RecordCheckinDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-12' })
  @IsIsoDate()
  heldOn: string;

  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiProperty({ enum: ['participant', 'employer', 'both'] })
  @IsIn(['participant', 'employer', 'both'])
  withWhom: 'participant' | 'employer' | 'both';

  @ApiProperty({ type: FrameDto })
  @ValidateNested()
  @Type(() => FrameDto)
  frame: FrameDto;

  @ApiPropertyOptional({ example: 'De eerste weken gingen goed.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @MultiLine()
  lookBack?: string;

  @ApiPropertyOptional({ example: 'In december komen er meer uren.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @MultiLine()
  lookAhead?: string;

  @ApiPropertyOptional({ type: [ActionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ActionDto)
  actions?: ActionDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...LIFE_DOMAIN_STATES] },
    example: { work: 'good', finances: 'attention' },
  })
  @IsOptional()
  lifeDomains?: Record<string, string>;

  @ApiPropertyOptional({ enum: SIGNALS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(SIGNALS, { each: true })
  signals?: string[];

  @ApiPropertyOptional({ type: [AgreementEvaluationDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgreementEvaluationDto)
  agreementEvaluations?: AgreementEvaluationDto[];

  @ApiPropertyOptional({ description: 'Asked at the first check-in: does the work match how it was described?' })
  @IsOptional()
  @IsBoolean()
  workMatchesDescription?: boolean;

  @ApiPropertyOptional({ description: 'Coach notes; encrypted at rest, staff only.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @MultiLine()
  notes?: string;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsIsoDate()
  nextContactOn?: string;
}

export class MissedCheckinDto {
  @ApiProperty({
    example: 'Niet bereikbaar op het afgesproken moment; nieuwe afspraak gemaakt.',
    description: 'What happened; never a label.',
  })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;
}

export class CheckinAppointmentDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-16T10:00:00+01:00', description: 'When the check-in takes place.' })
  @IsISO8601({ strict: true })
  @SingleLine()
  startsAt: string;

  @ApiProperty({ example: 'Op het werk, Industrieweg 4 in Utrecht', maxLength: 200, description: 'Where, or how (by phone).' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  place: string;
}

export class PreparationDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, example: 4, description: 'How are things now? 1 (bad) to 5 (good).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  howAreThings?: number;

  @ApiPropertyOptional({ enum: ['better', 'same', 'worse'] })
  @IsOptional()
  @IsIn(['better', 'same', 'worse'])
  trend?: 'better' | 'same' | 'worse';

  @ApiPropertyOptional({ enum: PREPARATION_DOMAINS, isArray: true, maxItems: 3 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(PREPARATION_DOMAINS, { each: true })
  hinderingDomains?: string[];

  @ApiPropertyOptional({ enum: PREPARATION_DOMAINS, isArray: true, maxItems: 3 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(PREPARATION_DOMAINS, { each: true })
  helpingDomains?: string[];

  @ApiPropertyOptional({ example: 'Ik vraag mijn leidinggevende om het rooster eerder te sturen.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @MultiLine()
  firstStep?: string;

  @ApiPropertyOptional({ example: 'Hulp bij een brief van de gemeente.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @MultiLine()
  helpWanted?: string;
}

export class RhythmChangeDto {
  @ApiProperty({ enum: MONITORING_FREQUENCIES })
  @IsIn(MONITORING_FREQUENCIES)
  frequency: MonitoringFrequency;

  @ApiProperty({ enum: ['participant', 'coach', 'employer'] })
  @IsIn(['participant', 'coach', 'employer'])
  requestedBy: 'participant' | 'coach' | 'employer';

  @ApiProperty({ example: 'Gaat goed; deelnemer wil minder vaak contact.' })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;
}

export class ContactDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T10:30:00+02:00' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'must be a date and time with a time zone' })
  @SingleLine()
  at: string;

  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiProperty({ enum: ['participant', 'employer', 'both', 'care_provider'] })
  @IsIn(['participant', 'employer', 'both', 'care_provider'])
  withParty: 'participant' | 'employer' | 'both' | 'care_provider';

  @ApiPropertyOptional({ description: 'Encrypted at rest, staff only.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @MultiLine()
  summary?: string;

  @ApiPropertyOptional({
    enum: ['renewal_talk'],
    example: 'renewal_talk',
    description: 'renewal_talk: a talk about what comes after the contract; it counts for the contract end date the placement has now.',
  })
  @IsOptional()
  @IsIn(['renewal_talk'])
  topic?: 'renewal_talk';
}

export class ReassignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  coachMembershipId: string;

  @ApiProperty({ example: 'Coach met zwangerschapsverlof tot 1 maart' })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;
}

export class RenewalDto {
  @ApiProperty({ type: String, format: 'date', example: '2027-10-31' })
  @IsIsoDate()
  aftercareEndOn: string;

  @ApiProperty({ example: 'Contract verlengd met een jaar' })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;
}

export const DROPOUT_REASONS = [
  'placed_regular',
  'placed_subsidised',
  'sheltered_work',
  'returned_to_commissioner',
  'dropped_out',
  'referred_elsewhere',
  'participant_opted_out',
  'employer_ended',
  'health',
  'other',
] as const;

export class ClosureDto {
  @ApiProperty({
    enum: ['closed', 'dropped_out', 'opted_out'],
    description: 'Agreed end, drop-out, or the participant chose to stop aftercare.',
  })
  @IsIn(['closed', 'dropped_out', 'opted_out'])
  kind: 'closed' | 'dropped_out' | 'opted_out';

  @ApiProperty({ type: String, format: 'date', example: '2027-04-30' })
  @IsIsoDate()
  closedOn: string;

  @ApiProperty({ example: 'Contract afgelopen; nazorg volgens plan afgerond.' })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;

  @ApiPropertyOptional({ enum: DROPOUT_REASONS, description: 'Required for a drop-out.' })
  @IsOptional()
  @IsIn(DROPOUT_REASONS)
  reasonCode?: (typeof DROPOUT_REASONS)[number];
}

export class CheckinDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ type: String, format: 'date' })
  dueOn: string;

  @ApiProperty({ enum: ['planned', 'done', 'missed', 'cancelled'] })
  status: string;

  @ApiProperty()
  firstAfterStart: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The agreed time, when one was set.' })
  appointmentAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The agreed place, when one was set.' })
  appointmentPlace: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  heldOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  channel: string | null;

  @ApiProperty({ type: [String] })
  signals: string[];

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  frame: object | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only: absent for the participant.' })
  notes?: string | null;

  @ApiProperty({ type: String, nullable: true })
  missedReason: string | null;

  @ApiProperty()
  prepared: boolean;
}

export class AftercareStatusDto {
  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ example: 'aftercare' })
  status: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  aftercareEndOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  monitoringFrequency: string | null;

  @ApiProperty({ type: [String] })
  riskFlagReasons: string[];

  @ApiProperty({ description: 'Continuous paid work for the organisation’s durable-placement period.' })
  durable: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  durableFrom: string | null;
}

export class ContactReportRowDto {
  @ApiProperty({ format: 'uuid' })
  coachMembershipId: string;

  @ApiProperty({ example: 'Sanne de Vries' })
  coachName: string;

  @ApiProperty({ example: '2026-05' })
  month: string;

  @ApiProperty({ example: 12 })
  contacts: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { phone: 8, visit: 4 } })
  byChannel: Record<string, number>;
}

export class ContactReportQueryDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' })
  @IsIsoDate()
  from: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-12-31' })
  @IsIsoDate()
  to: string;
}

/** What the participant prepared, as answered (unset answers are null). */
export class CheckinPreparationDto {
  @ApiProperty({ format: 'uuid' })
  checkinId: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 5, example: 4 })
  howAreThings: number | null;

  @ApiProperty({ type: String, enum: ['better', 'same', 'worse'], nullable: true })
  trend: 'better' | 'same' | 'worse' | null;

  @ApiProperty({ enum: PREPARATION_DOMAINS, isArray: true })
  hinderingDomains: string[];

  @ApiProperty({ enum: PREPARATION_DOMAINS, isArray: true })
  helpingDomains: string[];

  @ApiProperty({ type: String, nullable: true })
  firstStep: string | null;

  @ApiProperty({ type: String, nullable: true })
  helpWanted: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt: string;
}
