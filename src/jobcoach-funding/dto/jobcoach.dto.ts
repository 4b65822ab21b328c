import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { JOBCOACH_GRANT_STATUSES, type JobcoachGrantStatus } from '../entities/jobcoach.entities.js';
import { MultiLine } from '../../platform/http/line-breaks.js';

export class CreateJobcoachGrantDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-04-20', description: 'The day the request was sent to UWV.' })
  @IsIsoDate()
  requestedOn: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-05-01' })
  @IsIsoDate()
  periodStart: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-10-31',
    description: 'At most six months after the start, less one day; defaults to that.',
  })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;
}

export class JobcoachDecisionDto {
  @ApiProperty({ enum: ['granted', 'refused'], example: 'granted' })
  @IsIn(['granted', 'refused'])
  status: 'granted' | 'refused';

  @ApiProperty({ type: String, format: 'date', example: '2026-05-12' })
  @IsIsoDate()
  decidedOn: string;

  @ApiPropertyOptional({ example: 60, description: 'Required for a grant: the hours of jobcoaching granted for the period.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(2000)
  hoursGranted?: number;

  @ApiPropertyOptional({ example: 'Contract korter dan zes maanden', description: 'Required for a refusal.' })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-05-01', description: 'The granted period, when UWV changed it.' })
  @IsOptional()
  @IsIsoDate()
  periodStart?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-10-31' })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;
}

export class JobcoachWarningDto {
  @ApiProperty({
    example: 'under_12_hours',
    enum: ['no_contract', 'contract_type_refused', 'contract_shorter_than_6_months', 'under_12_hours', 'wage_value_below_35'],
  })
  code: string;

  @ApiProperty({
    example: 'Het contract is 10 uur per week; UWV vraagt minstens 12 uur (uitzondering vanaf 8 uur bij een loonwaarde van minstens 20%).',
  })
  nl: string;

  @ApiProperty({
    example: 'The contract is 10 hours a week; UWV asks for at least 12 (exception from 8 hours with a wage value of at least 20%).',
  })
  en: string;
}

export class JobcoachGrantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ enum: JOBCOACH_GRANT_STATUSES, example: 'granted' })
  status: JobcoachGrantStatus;

  @ApiProperty({ type: String, format: 'date', example: '2026-04-20' })
  requestedOn: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-05-12' })
  decidedOn: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date', example: '2026-05-01' })
  periodStart: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-10-31' })
  periodEnd: string;

  @ApiProperty({ type: Number, nullable: true, example: 60 })
  hoursGranted: number | null;

  @ApiProperty({ example: 12.5 })
  hoursUsed: number;

  @ApiProperty({ type: Number, nullable: true, example: 47.5, description: 'Null until hours are granted.' })
  hoursLeft: number | null;

  @ApiProperty({ type: [JobcoachWarningDto], description: 'Given when the grant was requested: reasons UWV may refuse. Not a refusal.' })
  warnings: JobcoachWarningDto[];
}

export class RegisterJobcoachHoursDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-14' })
  @IsIsoDate()
  workedOn: string;

  @ApiProperty({ example: 2.5, minimum: 0.25, maximum: 24 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(24)
  hours: number;

  @ApiProperty({
    example: 'Werkplekbezoek: takenlijst voor de inpakafdeling samen met leidinggevende opgesteld.',
    description: 'What was done, in work terms. Goes into the report for UWV: never medical information.',
  })
  @IsString()
  @Length(10, 2000)
  @MultiLine()
  justification: string;
}

export class JobcoachHoursDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  grantId: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-05-14' })
  workedOn: string;

  @ApiProperty({ example: 2.5 })
  hours: number;

  @ApiProperty({ example: 'Werkplekbezoek: takenlijst voor de inpakafdeling samen met leidinggevende opgesteld.' })
  justification: string;
}

export class JobcoachReportEntryDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-14' })
  workedOn: string;

  @ApiProperty({ example: 2.5 })
  hours: number;

  @ApiProperty({ example: 'Werkplekbezoek: takenlijst voor de inpakafdeling samen met leidinggevende opgesteld.' })
  justification: string;
}

export class JobcoachReportMonthDto {
  @ApiProperty({ example: '2026-05' })
  month: string;

  @ApiProperty({ example: 6.5 })
  hours: number;

  @ApiProperty({ type: [JobcoachReportEntryDto] })
  entries: JobcoachReportEntryDto[];
}

/** The period report for UWV: hours and justifications only, no medical or benefit information. */
export class JobcoachReportDto {
  @ApiProperty({ format: 'uuid' })
  grantId: string;

  @ApiProperty({ enum: JOBCOACH_GRANT_STATUSES, example: 'granted' })
  status: JobcoachGrantStatus;

  @ApiProperty({ type: String, format: 'date', example: '2026-05-01' })
  periodStart: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-10-31' })
  periodEnd: string;

  @ApiProperty({ type: Number, nullable: true, example: 60 })
  hoursGranted: number | null;

  @ApiProperty({ example: 12.5 })
  hoursUsed: number;

  @ApiProperty({ type: Number, nullable: true, example: 47.5 })
  hoursLeft: number | null;

  @ApiProperty({ type: [JobcoachReportMonthDto], description: 'Every month of the period, also those without hours.' })
  months: JobcoachReportMonthDto[];
}
