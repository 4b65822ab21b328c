import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { AGREEMENT_ITEMS, type AgreementItem } from '../../aftercare/handover-checklist.js';
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
    enum: [
      'no_contract',
      'contract_type_refused',
      'contract_shorter_than_6_months',
      'under_12_hours',
      'wage_value_below_35',
      'logbook_incomplete',
    ],
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

/** One agreement of a handover meeting's checklist: the meeting and the item. */
export class AgreementReferenceDto {
  @ApiProperty({ format: 'uuid', example: '7d1c5a2e-3b4f-4c6d-8e9f-0a1b2c3d4e5f' })
  @IsUUID()
  handoverId: string;

  @ApiProperty({ enum: AGREEMENT_ITEMS, example: 'shopFloorGuidance' })
  @IsIn(AGREEMENT_ITEMS)
  item: AgreementItem;
}

/** What hours served: at least one goal or one agreement (the service checks that, naming goalIds). */
export class JobcoachHoursLinksDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['3f2b8c1e-6a4d-4e7f-9b0c-1d2e3f4a5b6c'],
    description: "The participant's trajectory goals these hours served. At least one goal or one agreement is required.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  goalIds?: string[];

  @ApiPropertyOptional({
    type: [AgreementReferenceDto],
    description: "Agreements of the placement's handover that these hours served. At least one goal or one agreement is required.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AgreementReferenceDto)
  agreements?: AgreementReferenceDto[];
}

export class RegisterJobcoachHoursDto extends JobcoachHoursLinksDto {
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

export class JobcoachGoalRefDto {
  @ApiProperty({ format: 'uuid' })
  goalId: string;

  @ApiProperty({ example: 'guidance_at_work' })
  code: string;

  @ApiProperty({ example: 'Begeleiding op de werkplek' })
  name: string;
}

export class JobcoachAgreementRefDto {
  @ApiProperty({ format: 'uuid' })
  handoverId: string;

  @ApiProperty({ enum: AGREEMENT_ITEMS, example: 'shopFloorGuidance' })
  item: string;

  @ApiProperty({ example: 'Begeleiding op de werkvloer' })
  name: string;
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

  @ApiProperty({ type: [JobcoachGoalRefDto], description: 'The goals the hours served.' })
  goals: JobcoachGoalRefDto[];

  @ApiProperty({ type: [JobcoachAgreementRefDto], description: 'The handover agreements the hours served.' })
  agreements: JobcoachAgreementRefDto[];
}

export class JobcoachReportEntryDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-14' })
  workedOn: string;

  @ApiProperty({ example: 2.5 })
  hours: number;

  @ApiProperty({ example: 'Werkplekbezoek: takenlijst voor de inpakafdeling samen met leidinggevende opgesteld.' })
  justification: string;

  @ApiProperty({ type: [String], example: ['Begeleiding op de werkplek'], description: 'Names of the goals the hours served.' })
  goals: string[];

  @ApiProperty({ type: [String], example: ['Begeleiding op de werkvloer'], description: 'Names of the agreements the hours served.' })
  agreements: string[];
}

export class JobcoachGoalHoursDto extends JobcoachGoalRefDto {
  @ApiProperty({ example: 8.5, description: 'Hours registered for this goal in the period.' })
  hours: number;
}

export class JobcoachAgreementHoursDto extends JobcoachAgreementRefDto {
  @ApiProperty({ example: 4, description: 'Hours registered for this agreement in the period.' })
  hours: number;
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

  @ApiProperty({ example: 'WerkFit Utrecht', description: 'The jobcoach organisation that gives the support and sends the report.' })
  organisationName: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof', description: 'The employer where the employee works.' })
  employerName: string;

  @ApiProperty({ example: 'Fatima El Amrani', description: 'The employee the jobcoaching is for (first and last name; nothing medical).' })
  participantName: string;

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

  @ApiProperty({
    type: [JobcoachGoalHoursDto],
    description:
      'Hours per goal of the participant, also goals without hours. An hour that served two goals counts under both; the total counts it once.',
  })
  goals: JobcoachGoalHoursDto[];

  @ApiProperty({
    type: [JobcoachAgreementHoursDto],
    description: 'Hours per handover agreement that hours were linked to. An hour that served two agreements counts under both.',
  })
  agreements: JobcoachAgreementHoursDto[];

  @ApiProperty({
    example: 0,
    description: 'Hours linked to no goal and no agreement (registered before the logbook); UWV does not pay for them.',
  })
  hoursWithoutReason: number;
}

export class JobcoachReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'pdf'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'pdf'])
  format?: 'json' | 'csv' | 'pdf';
}

export class JobcoachLogbookQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class JobcoachLogbookEntryDto extends JobcoachHoursDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-01', description: "The grant period's first day." })
  periodStart: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-10-31' })
  periodEnd: string;
}

/** The logbook of a placement for a follow-up application: every hour of every grant, with what it served. */
export class JobcoachLogbookDto {
  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ example: 'WerkFit Utrecht', description: 'The jobcoach organisation that gives the support.' })
  organisationName: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof', description: 'The employer where the employee works.' })
  employerName: string;

  @ApiProperty({ example: 'Fatima El Amrani', description: 'The employee the jobcoaching is for (first and last name; nothing medical).' })
  participantName: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-01', description: 'Start of the first grant period.' })
  periodStart: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-02-28', description: 'End of the last grant period.' })
  periodEnd: string | null;

  @ApiProperty({ type: [JobcoachGrantDto] })
  grants: JobcoachGrantDto[];

  @ApiProperty({ type: [JobcoachLogbookEntryDto] })
  entries: JobcoachLogbookEntryDto[];

  @ApiProperty({ example: 0, description: 'Entries linked to no goal and no agreement; a follow-up application needs them linked.' })
  entriesWithoutReason: number;
}
