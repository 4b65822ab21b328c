import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
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
import { ADAPTATION_CODES, LANGUAGE_LEVELS, SHIFTS, WEEKDAYS } from '../../reference-data/taxonomies.js';
import { IsDutchPostcode, IsIscoCode, IsIsoDate, OptionalLatitude, OptionalLongitude } from '../../reference-data/validation.js';
import { VACANCY_STATUSES, type VacancyStatus } from '../entities/vacancy.entity.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

export class VacancyTaskDto {
  @ApiProperty({ example: 'Broodkratten inpakken' })
  @IsString()
  @Length(1, 300)
  @SingleLine()
  description: string;

  @ApiProperty({ example: false, description: 'Could this task be carved out of the job?' })
  @IsBoolean()
  canBeCarvedOut: boolean;
}

const scale = (description: string) => ({ minimum: 1, maximum: 5, example: 3, description });

export class CreateVacancyDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for staff; employer users create vacancies for their own employer.' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiProperty({ example: 'Medewerker inpak' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title: string;

  @ApiPropertyOptional({ example: 'Je pakt brood en banket in voor de winkels.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @MultiLine()
  description?: string;

  @ApiProperty({ example: '9321', description: 'ISCO-08 unit group (4 digits).' })
  @IsIscoCode()
  iscoCode: string;

  @ApiPropertyOptional({ example: 'http://data.europa.eu/esco/occupation/2e2a6d6a-4b1b-4f5f-8f4a-0f7a0c3b8e2d' })
  @IsOptional()
  @Matches(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/, { message: 'must be an ESCO occupation URI' })
  @SingleLine()
  escoUri?: string;

  @ApiPropertyOptional({ example: 'food_production', description: 'Sector code, matched against participants’ excluded sectors.' })
  @IsOptional()
  @Matches(/^[a-z_]{2,50}$/, { message: 'must be a sector code (lower case, underscores)' })
  @SingleLine()
  sector?: string;

  @ApiPropertyOptional({ type: [VacancyTaskDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VacancyTaskDto)
  tasks?: VacancyTaskDto[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50, example: ['inpakken', 'hygiene'] })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @SingleLine({ each: true })
  skills?: string[];

  @ApiProperty({ example: 20, minimum: 1, maximum: 60 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(60)
  hoursMin: number;

  @ApiProperty({ example: 24, minimum: 1, maximum: 60 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(60)
  hoursMax: number;

  @ApiPropertyOptional(scale('Physical load, 1 light to 5 heavy.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  physicalLoad?: number;

  @ApiPropertyOptional({ type: [String], enum: WEEKDAYS, example: ['mon', 'tue', 'wed'] })
  @IsOptional()
  @IsIn(WEEKDAYS, { each: true })
  days?: string[];

  @ApiPropertyOptional({ type: [String], enum: SHIFTS, example: ['day'] })
  @IsOptional()
  @IsIn(SHIFTS, { each: true })
  shifts?: string[];

  @ApiProperty({ example: '3511 AB' })
  @IsDutchPostcode()
  postcode: string;

  @ApiPropertyOptional({ example: 52.0907, description: 'Filled from the postcode area when left out.' })
  @OptionalLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: 5.1214 })
  @OptionalLongitude()
  longitude?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  publicTransportReachable?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['HACCP'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  requiredCertificates?: string[];

  @ApiPropertyOptional({ enum: LANGUAGE_LEVELS, example: 'A2', description: 'Minimum Dutch language level (CEFR).' })
  @IsOptional()
  @IsIn(LANGUAGE_LEVELS)
  languageLevel?: string;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  drivingLicenceRequired?: boolean;

  @ApiPropertyOptional(scale('Stimulus level (prikkels), 1 calm to 5 busy.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  stimulusLevel?: number;

  @ApiPropertyOptional(scale('Production pressure, 1 low to 5 high.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  productionPressure?: number;

  @ApiPropertyOptional(scale('Work pace, 1 slow to 5 fast.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  workPace?: number;

  @ApiPropertyOptional({ example: 6 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  teamSize?: number;

  @ApiPropertyOptional({ example: true, description: 'Someone on the floor guides the employee.' })
  @IsOptional()
  @IsBoolean()
  supervisionOnFloor?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  quietWorkspacePossible?: boolean;

  @ApiPropertyOptional({ type: [String], enum: ADAPTATION_CODES, example: ['extra_breaks', 'fixed_schedule'] })
  @IsOptional()
  @IsIn(ADAPTATION_CODES, { each: true })
  adaptationsPossible?: string[];

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  growthPossible?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  trialPlacementPossible?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  wageCostSubsidyPossible?: boolean;

  @ApiPropertyOptional({ enum: VACANCY_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(VACANCY_STATUSES)
  status?: VacancyStatus;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31' })
  @IsOptional()
  @IsIsoDate()
  closingDate?: string;
}

export class UpdateVacancyDto extends PartialType(CreateVacancyDto) {
  @ApiPropertyOptional({ example: 2, description: 'The version you read; a change on an older version is refused with 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class VacancyQueryDto {
  @ApiPropertyOptional({ enum: VACANCY_STATUSES })
  @IsOptional()
  @IsIn(VACANCY_STATUSES)
  status?: VacancyStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  employerId?: string;
}

export class VacancyDto extends CreateVacancyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}
