import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ExplanationLineDto, ParameterUsedDto } from '../../placements/dto/subsidy.dto.js';
import type { CountsAt } from '../../rules/calculations/quota.js';
import { MultiLine } from '../../platform/http/line-breaks.js';

export const COUNTS_AT = ['hiring', 'lending'] as const;

export class QuotaYearQueryDto {
  @ApiProperty({
    example: 2026,
    minimum: 2015,
    maximum: 2100,
    description: 'The calendar year (required; there is no default). For the running year the figures are year-to-date.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(2015)
  @Max(2100)
  year: number;
}

export class ReportedHoursQueryDto {
  @ApiPropertyOptional({ example: 2026, minimum: 2015, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2015)
  @Max(2100)
  year?: number;
}

export class CreateQuotaReportedHoursDto {
  @ApiProperty({ example: 2026, minimum: 2015, maximum: 2100 })
  @IsInt()
  @Min(2015)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 1331, minimum: 0.01, maximum: 1_000_000, description: 'Paid hours in the year (so far, for the running year).' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1_000_000)
  hours: number;

  @ApiProperty({
    enum: COUNTS_AT,
    example: 'hiring',
    description:
      "'hiring': the work is done for this employer (own staff, or a seconded or agency worker it hires in), so the hours count here. 'lending': this employer lends the worker out; the hours count at the hirer.",
  })
  @IsIn(COUNTS_AT)
  countsAt: CountsAt;

  @ApiProperty({ example: 'Gedetacheerde medewerker via Uitzendbureau Flex, afdeling inpak' })
  @IsString()
  @Length(3, 500)
  @MultiLine()
  description: string;
}

export class QuotaReportedHoursDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  employerId: string;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: 1331 })
  hours: number;

  @ApiProperty({ enum: COUNTS_AT, example: 'hiring' })
  countsAt: CountsAt;

  @ApiProperty({ example: 'Gedetacheerde medewerker via Uitzendbureau Flex' })
  description: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class QuotaRequirementDto {
  @ApiProperty({ example: 0.05, description: 'Quota percentage as a fraction of the paid hours.' })
  quotaPercentage: number;

  @ApiProperty({ example: 1996.5 })
  requiredHours: number;

  @ApiProperty({ example: 1.5 })
  jobsRequired: number;

  @ApiProperty({ example: 0.5, description: 'Jobs required minus jobs counted; negative when there is a surplus.' })
  shortfallJobs: number;

  @ApiProperty({ example: 0.5 })
  missingJobs: number;

  @ApiProperty({ example: 0 })
  surplusJobs: number;

  @ApiProperty({ example: 665.5 })
  missingHours: number;
}

export class GapClosingOptionDto {
  @ApiProperty({ example: 12 })
  hoursPerWeek: number;

  @ApiProperty({ example: 626.35, description: 'Quota hours one more person at this size adds (in the rest of the year).' })
  hoursPerPerson: number;

  @ApiProperty({ example: 2 })
  additionalPeople: number;
}

export class QuotaMonthDto {
  @ApiProperty({ example: '2026-03' })
  month: string;

  @ApiProperty({ example: 110.92 })
  hours: number;

  @ApiProperty({ example: 332.75 })
  cumulativeHours: number;

  @ApiProperty({ example: 0.25 })
  cumulativeJobs: number;
}

export class QuotaSourcesDto {
  @ApiProperty({ example: 2, description: 'Employers of the organisation with this payroll tax number, counted together.' })
  employers: number;

  @ApiProperty({ example: 3, description: 'Placements with a contract of people in the doelgroepregister that count here.' })
  placementsCounted: number;

  @ApiProperty({ example: 1, description: 'Seconded or agency placements: their hours count at the hiring employer.' })
  placementsLentOut: number;

  @ApiProperty({ example: 1331, description: 'Hours the employer reported itself that count here (hiring).' })
  reportedHiringHours: number;

  @ApiProperty({ example: 0, description: 'Hours the employer reported as lent out.' })
  reportedLendingHours: number;
}

/** The banenafspraak status of one fiscal number for one year: numbers only, never people. */
export class QuotaStatusDto {
  @ApiProperty({ example: '123456789L01' })
  fiscalNumber: string;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ enum: ['public', 'private'], example: 'private' })
  sector: 'public' | 'private';

  @ApiProperty({ enum: ['levy', 'inclusiveness'], example: 'levy' })
  regime: 'levy' | 'inclusiveness';

  @ApiProperty({ example: 12, description: '12 for a full year; fewer for year-to-date figures extrapolated to the year.' })
  monthsBasis: number;

  @ApiProperty({ example: 39930 })
  totalPaidHours: number;

  @ApiProperty({ example: 1331 })
  targetGroupHours: number;

  @ApiProperty({ example: 0 })
  lentOutHours: number;

  @ApiProperty({ example: 1 })
  jobsCounted: number;

  @ApiProperty({ example: true, description: 'Decided by paid hours (the threshold in hours); the headcount is information only.' })
  quotaApplies: boolean;

  @ApiProperty({
    example: false,
    description: 'Whether a quota levy was imposed for this year and sector; false unless a source confirms it.',
  })
  levyImposed: boolean;

  @ApiProperty({ example: 25 })
  thresholdEmployees: number;

  @ApiProperty({ example: 40575 })
  thresholdHours: number;

  @ApiProperty({ type: QuotaRequirementDto, nullable: true, description: 'Null when no quota percentage is set for the sector and year.' })
  requirement: QuotaRequirementDto | null;

  @ApiProperty({ type: Number, nullable: true, example: 250000, description: 'Estimated quota levy in euro cents (levy regime).' })
  estimatedLevyCents: number | null;

  @ApiProperty({ type: Number, nullable: true, example: null, description: 'Bonus in euro cents (inclusiveness regime).' })
  bonusCents: number | null;

  @ApiProperty({ type: [GapClosingOptionDto] })
  closingTheGap: GapClosingOptionDto[];

  @ApiProperty({
    type: [QuotaMonthDto],
    description: 'Target-group hours from placements per month (hiring only), for a chart. Reported hours have no dates and are not in it.',
  })
  months: QuotaMonthDto[];

  @ApiProperty({ type: QuotaSourcesDto })
  sources: QuotaSourcesDto;

  @ApiProperty({ type: [ParameterUsedDto] })
  parametersUsed: ParameterUsedDto[];

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];
}
