import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  CONTRACT_TYPES,
  type ContractType,
  PLACEMENT_STATUSES,
  PLACEMENT_TYPES,
  type PlacementStatus,
  type PlacementType,
} from '../entities/placement.entity.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

export class CreatePlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employerId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The accepted match this placement comes from.' })
  @IsOptional()
  @IsUUID()
  matchId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiProperty({ enum: PLACEMENT_TYPES, example: 'paid_job' })
  @IsIn(PLACEMENT_TYPES)
  type: PlacementType;

  @ApiPropertyOptional({ example: 'Karin Korenschoof', description: 'The person at the employer who works directly with the participant.' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @SingleLine()
  employerContactName?: string;

  @ApiPropertyOptional({ example: 'karin@korenschoof.nl' })
  @IsOptional()
  @IsEmail()
  @SingleLine()
  employerContactEmail?: string;

  @ApiPropertyOptional({ example: '030 1234567' })
  @IsOptional()
  @Matches(/^[+0-9 ()-]{6,20}$/, { message: 'must be a phone number' })
  @SingleLine()
  employerContactPhone?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-02-02',
    description: 'Start of the trial placement (proefplaatsing), if there is one.',
  })
  @IsOptional()
  @IsIsoDate()
  trialStart?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-04-01', description: 'Defaults to two months after the start.' })
  @IsOptional()
  @IsIsoDate()
  trialPlannedEnd?: string;

  @ApiPropertyOptional({
    example: 'Meer tijd nodig om het werktempo op te bouwen',
    description: 'Required for a trial longer than two months.',
  })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  trialExtensionReason?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-20' })
  @IsOptional()
  @IsIsoDate()
  letterOfIntentOn?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-28' })
  @IsOptional()
  @IsIsoDate()
  uwvDecisionOn?: string;
}

export const PLACEMENT_STARTS = ['trial', 'contract'] as const;
export type PlacementStart = (typeof PLACEMENT_STARTS)[number];

const isTrial = (o: StartPlacementDto) => o.start === 'trial';
const isContract = (o: StartPlacementDto) => o.start === 'contract';

/**
 * A placement started as an explicit choice: a trial placement (with its
 * start) or a direct contract (with its start, kind and hours). Each choice
 * requires its own fields; the other choice's fields are ignored.
 */
export class StartPlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employerId: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  matchId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiProperty({ enum: PLACEMENT_TYPES, example: 'paid_job' })
  @IsIn(PLACEMENT_TYPES)
  type: PlacementType;

  @ApiProperty({ enum: PLACEMENT_STARTS, description: 'Start with a trial placement (proefplaatsing) or directly with a contract.' })
  @IsIn(PLACEMENT_STARTS)
  start: PlacementStart;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Required for a trial placement.' })
  @ValidateIf(isTrial)
  @IsNotEmpty()
  @IsIsoDate()
  trialStart?: string;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @ValidateIf((o: StartPlacementDto) => isTrial(o) && o.trialPlannedEnd !== undefined)
  @IsIsoDate()
  trialPlannedEnd?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: StartPlacementDto) => isTrial(o) && o.trialExtensionReason !== undefined)
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  trialExtensionReason?: string;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @ValidateIf((o: StartPlacementDto) => isTrial(o) && o.letterOfIntentOn !== undefined)
  @IsIsoDate()
  letterOfIntentOn?: string;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @ValidateIf((o: StartPlacementDto) => isTrial(o) && o.uwvDecisionOn !== undefined)
  @IsIsoDate()
  uwvDecisionOn?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Required for a direct contract.' })
  @ValidateIf(isContract)
  @IsNotEmpty()
  @IsIsoDate()
  contractStart?: string;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES, description: 'Required for a direct contract.' })
  @ValidateIf(isContract)
  @IsNotEmpty()
  @IsIn(CONTRACT_TYPES)
  contractType?: ContractType;

  @ApiPropertyOptional({ example: 24, minimum: 1, maximum: 60, description: 'Required for a direct contract.' })
  @ValidateIf(isContract)
  @IsNotEmpty()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(60)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ example: 14.71 })
  @ValidateIf((o: StartPlacementDto) => isContract(o) && o.grossHourlyWage !== undefined)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(500)
  grossHourlyWage?: number;

  @ApiPropertyOptional()
  @ValidateIf((o: StartPlacementDto) => isContract(o) && o.wageScale !== undefined)
  @IsString()
  @MaxLength(200)
  @SingleLine()
  wageScale?: string;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @ValidateIf((o: StartPlacementDto) => isContract(o) && o.contractEnd !== undefined)
  @IsIsoDate()
  contractEnd?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @SingleLine()
  employerContactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @SingleLine()
  employerContactEmail?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[+0-9 ()-]{6,20}$/, { message: 'must be a phone number' })
  @SingleLine()
  employerContactPhone?: string;
}

export class TrialExtensionDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-06-01' })
  @IsIsoDate()
  trialPlannedEnd: string;

  @ApiProperty({ example: 'Meer tijd nodig om het werktempo op te bouwen' })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;
}

export class TrialOutcomeDto {
  @ApiProperty({ enum: ['match', 'no_match'] })
  @IsIn(['match', 'no_match'])
  outcome: 'match' | 'no_match';

  @ApiProperty({ example: 'Werkt zelfstandig en prettig in het team.' })
  @IsString()
  @Length(3, 5000)
  @MultiLine()
  evaluation: string;
}

export class ContractDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-04-01' })
  @IsIsoDate()
  contractStart: string;

  @ApiProperty({ enum: CONTRACT_TYPES, example: 'fixed_term' })
  @IsIn(CONTRACT_TYPES)
  contractType: ContractType;

  @ApiProperty({ example: 24, minimum: 1, maximum: 60 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(60)
  hoursPerWeek: number;

  @ApiPropertyOptional({ example: 14.71, description: 'Gross hourly wage in euros, without holiday pay.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(500)
  grossHourlyWage?: number;

  @ApiPropertyOptional({ example: 'CAO Bakkersbedrijf, schaal B, trede 2' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SingleLine()
  wageScale?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-03-31', description: 'For fixed-term contracts.' })
  @IsOptional()
  @IsIsoDate()
  contractEnd?: string;
}

export class OutflowDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-04-01' })
  @IsIsoDate()
  outflowOn: string;

  @ApiProperty({ enum: ['work', 'education'] })
  @IsIn(['work', 'education'])
  outflowTo: 'work' | 'education';

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-06-01',
    description: 'When the funder stops paying for the trajectory.',
  })
  @IsOptional()
  @IsIsoDate()
  fundingEndOn?: string;
}

export class PlacementWarningDto {
  @ApiProperty({ example: 'hours_above_capacity' })
  code: string;

  @ApiProperty({ example: 'De contracturen (32) zijn meer dan de vastgestelde belastbaarheid (24 uur per week).' })
  nl: string;

  @ApiProperty({ example: 'The contract hours (32) exceed the assessed capacity (24 hours a week).' })
  en: string;
}

export class PlacementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  employerId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @ApiProperty({ enum: PLACEMENT_TYPES })
  type: PlacementType;

  @ApiProperty({ enum: PLACEMENT_STATUSES })
  status: PlacementStatus;

  @ApiProperty({ type: String, nullable: true })
  employerContactName: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  trialStart: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  trialPlannedEnd: string | null;

  @ApiProperty({ type: String, nullable: true })
  trialExtensionReason: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['match', 'no_match'] })
  trialOutcome: 'match' | 'no_match' | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  contractStart: string | null;

  @ApiProperty({ type: String, nullable: true, enum: CONTRACT_TYPES })
  contractType: ContractType | null;

  @ApiProperty({ type: Number, nullable: true, example: 24 })
  hoursPerWeek: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 14.71 })
  grossHourlyWage: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  contractEnd: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  outflowOn: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['work', 'education'] })
  outflowTo: 'work' | 'education' | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  fundingEndOn: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: [PlacementWarningDto], description: 'Things the coach should look at, such as hours above capacity.' })
  warnings: PlacementWarningDto[];
}

/** The choices a placement form offers (pages import them from here, not from the entity). */
export { CONTRACT_TYPES, PLACEMENT_TYPES } from '../entities/placement.entity.js';
