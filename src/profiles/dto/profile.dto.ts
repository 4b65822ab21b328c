import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ADAPTATION_CODES,
  BARRIER_CODES,
  EDUCATION_LEVELS,
  GOAL_CODES,
  INSTRUMENT_CODES,
  LANGUAGE_LEVELS,
  SHIFTS,
  TRANSPORT_MODES,
  WEEKDAYS,
} from '../../reference-data/taxonomies.js';
import { IsDutchPostcode, IsIscoCode, IsIsoDate, OptionalLatitude, OptionalLongitude } from '../../reference-data/validation.js';
import { MultiLine, SingleLine, SINGLE_LINE_PATTERN } from '../../platform/http/line-breaks.js';

export class WorkHistoryItemDto {
  @ApiProperty({ example: 'Albert Heijn Zeist' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  employer: string;

  @ApiProperty({ example: 'Vakkenvuller' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  role: string;

  @ApiPropertyOptional({ example: '2019-03-01' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2021-06-30' })
  @IsOptional()
  @IsIsoDate()
  until?: string;
}

const scale = (description: string) => ({ minimum: 1, maximum: 5, example: 3, description });

/** The whole profile; a PUT replaces it. Private fields are for staff only. */
export class PutProfileDto {
  @ApiPropertyOptional({ type: [String], example: ['9321', '5223'], description: 'ISCO-08 unit groups the participant wants to work in.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsIscoCode({ each: true })
  occupationWishes?: string[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 100, pattern: SINGLE_LINE_PATTERN },
    maxItems: 50,
    example: ['inpakken'],
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @SingleLine({ each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], example: ['HACCP'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  certificates?: string[];

  @ApiPropertyOptional({ enum: LANGUAGE_LEVELS, example: 'B1' })
  @IsOptional()
  @IsIn(LANGUAGE_LEVELS)
  languageLevel?: string;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  drivingLicence?: boolean;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, example: 'mbo2' })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  educationLevel?: string;

  @ApiPropertyOptional({ type: [WorkHistoryItemDto] })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => WorkHistoryItemDto)
  workHistory?: WorkHistoryItemDto[];

  @ApiProperty({ example: 20, description: 'Hours per week the participant wants at least.' })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(60)
  hoursMin: number;

  @ApiProperty({ example: 24 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(60)
  hoursMax: number;

  @ApiPropertyOptional({ type: [String], enum: WEEKDAYS, example: ['mon', 'tue', 'wed', 'thu'] })
  @IsOptional()
  @IsIn(WEEKDAYS, { each: true })
  daysAvailable?: string[];

  @ApiPropertyOptional({ type: [String], enum: SHIFTS, example: ['day'], description: 'Shifts possible: evenings, nights, weekends.' })
  @IsOptional()
  @IsIn(SHIFTS, { each: true })
  shiftsPossible?: string[];

  @ApiPropertyOptional({ example: '3701 AB' })
  @IsOptional()
  @IsDutchPostcode()
  postcode?: string;

  @ApiPropertyOptional({ example: 52.086 })
  @OptionalLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: 5.236 })
  @OptionalLongitude()
  longitude?: number;

  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(200)
  maxTravelKm?: number;

  @ApiPropertyOptional({ type: [String], enum: TRANSPORT_MODES, example: ['bike', 'public_transport'] })
  @IsOptional()
  @IsIn(TRANSPORT_MODES, { each: true })
  transportModes?: string[];

  @ApiPropertyOptional(scale('Stimulus (prikkels) the participant copes with, 1 little to 5 a lot.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  copesStimulus?: number;

  @ApiPropertyOptional(scale('Production pressure the participant copes with.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  copesPressure?: number;

  @ApiPropertyOptional(scale('Work pace the participant copes with.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  copesPace?: number;

  @ApiPropertyOptional({ example: true, description: 'Needs someone on the floor to turn to.' })
  @IsOptional()
  @IsBoolean()
  needsSupervision?: boolean;

  @ApiPropertyOptional({
    type: [String],
    enum: ADAPTATION_CODES,
    example: ['quiet_workspace'],
    description: 'Needs, phrased as adaptations.',
  })
  @IsOptional()
  @IsIn(ADAPTATION_CODES, { each: true })
  needsAdaptations?: string[];

  @ApiPropertyOptional({ type: [String], example: ['hospitality'] })
  @IsOptional()
  @IsString({ each: true })
  @SingleLine({ each: true })
  excludedSectors?: string[];

  @ApiPropertyOptional({ type: [String], example: ['klantcontact aan de telefoon'] })
  @IsOptional()
  @IsString({ each: true })
  @SingleLine({ each: true })
  excludedTasks?: string[];

  @ApiPropertyOptional({ type: [String], example: ['nauwkeurig', 'betrouwbaar'] })
  @IsOptional()
  @IsString({ each: true })
  @SingleLine({ each: true })
  strengths?: string[];

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  wantsGrowth?: boolean;

  @ApiPropertyOptional({ enum: ['not_yet', 'with_support', 'ready'], example: 'with_support' })
  @IsOptional()
  @IsIn(['not_yet', 'with_support', 'ready'])
  workReadiness?: string;

  @ApiPropertyOptional({ enum: ['not_assessed', 'applied', 'registered', 'not_eligible'], example: 'registered' })
  @IsOptional()
  @IsIn(['not_assessed', 'applied', 'registered', 'not_eligible'])
  targetGroupRegisterStatus?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2025-05-01' })
  @IsOptional()
  @IsIsoDate()
  targetGroupRegisterDate?: string;

  @ApiPropertyOptional({ example: 'Wajong', description: 'Private: staff only.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @SingleLine()
  benefitType?: string;

  @ApiPropertyOptional({ enum: ['physical', 'mental', 'both'], description: 'Private: staff only.' })
  @IsOptional()
  @IsIn(['physical', 'mental', 'both'])
  limitationKind?: 'physical' | 'mental' | 'both';

  @ApiPropertyOptional({ description: 'Private: staff only, encrypted at rest.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @MultiLine()
  privateNotes?: string;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ProfileDto extends PutProfileDto {
  @ApiProperty({ format: 'uuid' })
  participantId: string;

  @ApiProperty({ type: Number, nullable: true, example: 24, description: 'From the latest capacity assessment.' })
  capacityHoursPerWeek: number | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-10-01' })
  capacityAssessedOn: string | null;
}

// As answered, unlike as put: stored profiles may have 0 (the column's default) before the hours are filled in.
ApiProperty({ type: Number, minimum: 0, maximum: 60, example: 24, description: 'Most hours a week; 0 when not filled in yet.' })(
  ProfileDto.prototype,
  'hoursMax',
);

export class CreateCapacityDto {
  @ApiProperty({ example: '2026-10-01' })
  @IsIsoDate()
  assessedOn: string;

  @ApiProperty({ example: 5 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(12)
  hoursPerDay: number;

  @ApiProperty({ example: 24 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(60)
  hoursPerWeek: number;

  @ApiPropertyOptional({ example: 'Elk uur 10 minuten pauze' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @MultiLine()
  breaks?: string;

  @ApiPropertyOptional({ type: [String], example: ['niet tillen boven 10 kg'] })
  @IsOptional()
  @IsString({ each: true })
  @SingleLine({ each: true })
  physicalLimits?: string[];
}

export class CreateWorkBehaviourDto {
  @ApiProperty({ example: '2026-10-15' })
  @IsIsoDate()
  observedOn: string;

  @ApiProperty({ example: { punctuality: 4, concentration: 3 }, description: 'Scores 1-5 per dimension of the 13.' })
  @IsObject()
  scores: Record<string, number>;
}

export class CreateBarrierDto {
  @ApiProperty({ enum: BARRIER_CODES, example: 'B3_debts' })
  @IsIn(BARRIER_CODES)
  code: string;

  @ApiProperty({ enum: ['self_reported', 'coach_observed', 'referral'], example: 'self_reported' })
  @IsIn(['self_reported', 'coach_observed', 'referral'])
  source: 'self_reported' | 'coach_observed' | 'referral';

  @ApiProperty({ example: '2026-10-15' })
  @IsIsoDate()
  notedOn: string;

  @ApiPropertyOptional({ enum: INSTRUMENT_CODES, description: 'Defaults to the support action the taxonomy suggests.' })
  @IsOptional()
  @IsIn(INSTRUMENT_CODES)
  supportAction?: string;
}

export class CreateGoalDto {
  @ApiProperty({ enum: GOAL_CODES, example: 'employee_skills_rhythm' })
  @IsIn(GOAL_CODES)
  code: string;

  @ApiPropertyOptional({ type: [String], enum: INSTRUMENT_CODES, example: ['work_experience_place'] })
  @IsOptional()
  @IsIn(INSTRUMENT_CODES, { each: true })
  instruments?: string[];

  @ApiPropertyOptional({ type: [String], enum: BARRIER_CODES, example: ['D3_work_rhythm'] })
  @IsOptional()
  @IsIn(BARRIER_CODES, { each: true })
  barrierCodes?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-03-01' })
  @IsOptional()
  @IsIsoDate()
  targetDate?: string;
}

export class CreateGoalProgressDto {
  @ApiProperty({ example: '2026-11-01' })
  @IsIsoDate()
  recordedOn: string;

  @ApiProperty({ example: 40, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  progress: number;

  @ApiPropertyOptional({ example: 'Drie weken op tijd begonnen.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  note?: string;
}

export class CreatedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
}
