import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AFTERCARE_FUNDING,
  AGREEMENT_ITEMS,
  type AgreementItem,
  EXPECTATION_ITEMS,
  type ExpectationItem,
  MONITORING_FORMS,
  MONITORING_FREQUENCIES,
} from '../handover-checklist.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

export class ScheduleHandoverDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-28T10:00:00+02:00' })
  @IsISO8601({ strict: true }, { message: 'must be a date and time with a time zone' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'must include a time zone' })
  @SingleLine()
  startsAt: string;

  @ApiPropertyOptional({ example: 60, minimum: 15, maximum: 480 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional({ example: 'Bakkerij De Korenschoof, Oudegracht 12, Utrecht' })
  @IsOptional()
  @IsString()
  @Length(2, 300)
  @SingleLine()
  location?: string;

  @ApiPropertyOptional({ example: 'https://meet.example.nl/overdracht-123' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  videoLink?: string;

  @ApiPropertyOptional({ example: 1440, description: 'Minutes before the meeting that the reminder goes out.' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(7 * 24 * 60)
  reminderMinutesBefore?: number;
}

export class RescheduleHandoverDto extends ScheduleHandoverDto {}

export class ChecklistEntryDto {
  @ApiProperty({ description: 'False means: explicitly not applicable.' })
  @IsBoolean()
  applicable: boolean;

  @ApiPropertyOptional({ example: 'Reiskosten worden vergoed volgens de cao.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  text?: string;

  @ApiPropertyOptional({ example: 'werkgever' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @SingleLine()
  owner?: string;
}

function entries<T extends string>(items: readonly T[]): new () => Record<T, ChecklistEntryDto> {
  class Entries {}
  for (const item of items) {
    Type(() => ChecklistEntryDto)(Entries.prototype, item);
    ValidateNested()(Entries.prototype, item);
    IsOptional()(Entries.prototype, item);
    ApiPropertyOptional({ type: ChecklistEntryDto })(Entries.prototype, item);
  }
  return Entries as new () => Record<T, ChecklistEntryDto>;
}

export class AgreementsDto extends entries<AgreementItem>(AGREEMENT_ITEMS) {}
export class ExpectationsDto extends entries<ExpectationItem>(EXPECTATION_ITEMS) {}

export class MonitoringPlanDto {
  @ApiProperty({ enum: MONITORING_FORMS, isArray: true, example: ['phone', 'visit'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(MONITORING_FORMS, { each: true })
  forms: Array<(typeof MONITORING_FORMS)[number]>;

  @ApiProperty({ enum: ['coach_to_employer', 'employer_to_coach', 'both'] })
  @IsIn(['coach_to_employer', 'employer_to_coach', 'both'])
  whoContacts: 'coach_to_employer' | 'employer_to_coach' | 'both';

  @ApiProperty({ enum: MONITORING_FREQUENCIES, example: 'tapering' })
  @IsIn(MONITORING_FREQUENCIES)
  frequency: (typeof MONITORING_FREQUENCIES)[number];

  @ApiPropertyOptional({ example: 'Liever bellen dan mailen; niet op de werkvloer langskomen.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  participantContactWishes?: string;

  @ApiProperty({ enum: AFTERCARE_FUNDING, example: 'employer' })
  @IsIn(AFTERCARE_FUNDING)
  aftercareFunding: (typeof AFTERCARE_FUNDING)[number];

  @ApiProperty({ type: String, format: 'date', example: '2027-04-30' })
  @IsIsoDate()
  plannedAftercareEnd: string;
}

export class HandoverChecklistDto {
  @ApiProperty({ type: AgreementsDto })
  @ValidateNested()
  @Type(() => AgreementsDto)
  agreements: AgreementsDto;

  @ApiProperty({ type: ExpectationsDto })
  @ValidateNested()
  @Type(() => ExpectationsDto)
  expectations: ExpectationsDto;

  @ApiPropertyOptional({ type: MonitoringPlanDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MonitoringPlanDto)
  monitoringPlan?: MonitoringPlanDto;
}

export class AttendanceDto {
  @ApiProperty()
  @IsBoolean()
  participant: boolean;

  @ApiProperty()
  @IsBoolean()
  coach: boolean;

  @ApiProperty()
  @IsBoolean()
  employerContact: boolean;
}

/** Attendance as answered: empty until it is recorded. */
export class RecordedAttendanceDto {
  @ApiPropertyOptional()
  participant?: boolean;

  @ApiPropertyOptional()
  coach?: boolean;

  @ApiPropertyOptional()
  employerContact?: boolean;
}

export class ConfirmationTokenDto {
  @ApiProperty({ example: 'q3Jx0n6b8m1mB1c1G3lq2ZkzX7ZcVbq1o2m3n4b5v6c' })
  @IsString()
  @Length(20, 100)
  @SingleLine()
  token: string;
}

export class HandoverDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ enum: ['scheduled', 'held', 'completed', 'cancelled'] })
  status: string;

  @ApiProperty({ type: String, format: 'date-time' })
  startsAt: string;

  @ApiProperty({ example: 60 })
  durationMinutes: number;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: String, nullable: true })
  videoLink: string | null;

  @ApiProperty({ example: 0, description: 'The calendar SEQUENCE: raised with every change.' })
  calendarSequence: number;

  @ApiProperty({
    description: 'False when the participant has not agreed that the employer may know about the support; the employer was not contacted.',
  })
  employerContacted: boolean;

  @ApiProperty({ type: [String], description: 'Notices for the coach, e.g. why the employer was not invited.' })
  notices: string[];

  @ApiProperty({ type: 'object', additionalProperties: true })
  checklist: object;

  @ApiProperty({ type: [String], example: ['agreements.leave'], description: 'Checklist items still open.' })
  missingItems: string[];

  @ApiProperty({ type: RecordedAttendanceDto, description: 'Empty until attendance is recorded after the meeting has started.' })
  attendance: Partial<AttendanceDto>;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  participantConfirmedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  employerConfirmedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: string | null;

  @ApiProperty({ example: 1 })
  version: number;
}
