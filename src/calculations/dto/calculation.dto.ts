import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { ExplanationLineDto, ParameterUsedDto } from '../../placements/dto/subsidy.dto.js';
import { IsIsoDate } from '../../reference-data/validation.js';
import { SingleLine } from '../../platform/http/line-breaks.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class WageCostSubsidyInputDto {
  @ApiProperty({ example: '2026-12', description: 'The calendar month (YYYY-MM).' })
  @Matches(MONTH, { message: 'must be a month (YYYY-MM)' })
  @SingleLine()
  month: string;

  @ApiProperty({ example: 36, description: 'Contract hours per week.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(60)
  hoursPerWeek: number;

  @ApiProperty({ example: 14.71, description: 'Gross hourly wage in euros, without holiday pay.' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(500)
  hourlyWage: number;

  @ApiProperty({ example: 50, description: 'Wage value (loonwaarde) as a percentage of the wage.' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  wageValuePercent: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-02-01' })
  @IsIsoDate()
  employmentStart: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: null })
  @IsOptional()
  @IsIsoDate()
  employmentEnd?: string | null;
}

export class QuotaInputDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2015)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: ['public', 'private'] })
  @IsIn(['public', 'private'])
  sector: 'public' | 'private';

  @ApiProperty({ example: 45000, description: "The employer's total paid hours in the year (or so far, with monthsElapsed)." })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e9)
  totalPaidHours: number;

  @ApiProperty({ example: 30, description: 'Number of employees: shown as information; the threshold is counted in paid hours.' })
  @IsInt()
  @Min(0)
  @Max(1e7)
  employeeCount: number;

  @ApiProperty({
    example: 1331,
    description: 'Paid hours of target-group employees working for this employer (including hired-in workers).',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e9)
  targetGroupHours: number;

  @ApiPropertyOptional({ example: 0, description: 'Paid hours of target-group workers this employer lends out (they count at the hirer).' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e9)
  lentOutHours?: number;

  @ApiPropertyOptional({ example: 6, description: 'When the hours are year-to-date figures: the months they cover (1-12).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  monthsElapsed?: number;
}

export class LoonkostenvoordeelInputDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-02-01' })
  @IsIsoDate()
  contractStart: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: null })
  @IsOptional()
  @IsIsoDate()
  contractEnd?: string | null;

  @ApiProperty({ example: 20 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(60)
  hoursPerWeek: number;

  @ApiProperty({ example: true, description: 'Whether the employee is (or will be by the contract start) in the target-group register.' })
  @Type(() => Boolean)
  @IsBoolean()
  inTargetGroupRegister: boolean;
}

export class WhatIfWageCostSubsidyDto {
  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ example: 153038, description: 'Euro cents for the month.' })
  amountCents: number;

  @ApiProperty({ example: 50 })
  wageValuePercent: number;

  @ApiProperty({ description: 'True when a value used is not published yet.' })
  provisional: boolean;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  segments: object[];

  @ApiProperty({ type: [ParameterUsedDto] })
  parametersUsed: ParameterUsedDto[];

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];
}

export class WhatIfQuotaDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ enum: ['public', 'private'] })
  sector: string;

  @ApiProperty({ enum: ['levy', 'inclusiveness'] })
  regime: string;

  @ApiProperty()
  quotaApplies: boolean;

  @ApiProperty()
  levyImposed: boolean;

  @ApiProperty()
  thresholdHours: number;

  @ApiProperty()
  jobsCounted: number;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  requirement: object | null;

  @ApiProperty({ type: Number, nullable: true })
  estimatedLevyCents: number | null;

  @ApiProperty({ type: Number, nullable: true })
  bonusCents: number | null;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  closingTheGap: object[];

  @ApiProperty({ type: [ParameterUsedDto] })
  parametersUsed: ParameterUsedDto[];

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];
}

export class WhatIfLoonkostenvoordeelDto {
  @ApiProperty()
  eligible: boolean;

  @ApiProperty({ type: String, format: 'date' })
  contractStart: string;

  @ApiProperty({ description: 'True for employments from 2026-01-01: the LKV runs for the whole employment.' })
  wholeEmployment: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  eligibleUntil: string | null;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  perYear: object[];

  @ApiProperty()
  totalCents: number;

  @ApiProperty({ type: [ParameterUsedDto] })
  parametersUsed: ParameterUsedDto[];

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];
}
