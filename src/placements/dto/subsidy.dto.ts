import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { SingleLine } from '../../platform/http/line-breaks.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateWageValueAssessmentDto {
  @ApiProperty({ example: 'J. de Boer (arbeidsdeskundige, Dariuz)' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  assessorName: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-04-15' })
  @IsIsoDate()
  assessedOn: string;

  @ApiProperty({
    example: 55,
    minimum: 0,
    maximum: 100,
    description: 'Loonwaarde: the share of the job wage the work is worth, in percent.',
  })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  percentage: number;

  @ApiProperty({ example: 'Medewerker productie bakkerij' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  referenceJob: string;

  @ApiProperty({ example: 'Dariuz-methode, observatie op de werkplek' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  method: string;

  @ApiPropertyOptional({ example: 'loonwaarderapport-2026-04-15.pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @SingleLine()
  reportDocument?: string;
}

export class WageValueAssessmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'J. de Boer' })
  assessorName: string;

  @ApiProperty({ type: String, format: 'date' })
  assessedOn: string;

  @ApiProperty({ example: 55 })
  percentage: number;

  @ApiProperty({ example: 'Medewerker productie bakkerij' })
  referenceJob: string;

  @ApiProperty({ example: 'Dariuz-methode' })
  method: string;

  @ApiProperty({ type: String, nullable: true })
  reportDocument: string | null;

  @ApiProperty({ type: String, format: 'date', description: "From the organisation's re-assessment interval." })
  nextReassessmentOn: string;
}

export class MonthQueryDto {
  @ApiProperty({ example: '2026-05', description: 'The month, YYYY-MM.' })
  @Matches(MONTH, { message: 'must be a month (YYYY-MM)' })
  @SingleLine()
  month: string;
}

export class SubsidyStatementRequestDto extends MonthQueryDto {}

export class ExplanationLineDto {
  @ApiProperty({ example: 'Het wettelijk minimumloon is € 14,71 per uur.' })
  nl: string;

  @ApiProperty({ example: 'The statutory minimum wage is € 14.71 an hour.' })
  en: string;
}

export class ParameterUsedDto {
  @ApiProperty({ example: 'minimumWagePerHour' })
  key: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The scope the value is for; absent for national values.' })
  scope?: string | null;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }], example: 14.71 })
  value: number | string;

  @ApiProperty({ type: String, format: 'date' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  validTo: string | null;

  @ApiProperty({ example: 'Staatscourant' })
  source: string;

  @ApiPropertyOptional({ enum: ['national', 'organisation', 'provisional'], description: 'Who stands behind the value.' })
  origin?: 'national' | 'organisation' | 'provisional';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For organisation values: who entered it.' })
  recordedBy?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'For organisation values: when.' })
  recordedAt?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    description: 'For provisional values: the period whose value is not known yet, and the start of the value used instead.',
    properties: { periodStart: { type: 'string', format: 'date' }, lastKnownFrom: { type: 'string', format: 'date' } },
  })
  provisional?: { periodStart: string; lastKnownFrom: string };
}

export class SubsidyCorrectionDto {
  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ example: 153038 })
  previousAmountCents: number;

  @ApiProperty({ example: 159072 })
  amountCents: number;

  @ApiProperty({ example: 6034, description: 'New minus previous, in euro cents.' })
  differenceCents: number;

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];
}

export class WageCostSubsidyDto {
  @ApiProperty({ example: '2026-05' })
  month: string;

  @ApiProperty({ example: 123456, description: 'Loonkostensubsidie for the month, in euro cents.' })
  amountCents: number;

  @ApiProperty({ example: 55 })
  wageValuePercent: number;

  @ApiProperty({ description: 'Whether this is the calculation as reported earlier (then it never changes).' })
  reported: boolean;

  @ApiProperty({
    description: 'True when a value used is not published yet (e.g. the minimum wage of a new half-year); it is corrected later.',
  })
  provisional: boolean;

  @ApiProperty({
    type: [SubsidyCorrectionDto],
    description: 'Correction statements for a month first reported with a provisional value, oldest first.',
  })
  corrections: SubsidyCorrectionDto[];

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];

  @ApiProperty({ type: [ParameterUsedDto] })
  parametersUsed: ParameterUsedDto[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The runs of days with the same parameters, with every factor.' })
  segments: object[];
}

export class CreateSubsidyDecisionDto {
  @ApiProperty({ enum: ['applied', 'granted', 'refused'] })
  @IsIn(['applied', 'granted', 'refused'])
  status: 'applied' | 'granted' | 'refused';

  @ApiProperty({ type: String, format: 'date', example: '2026-04-02' })
  @IsIsoDate()
  appliedOn: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-04-20' })
  @IsOptional()
  @IsIsoDate()
  decidedOn?: string;

  @ApiPropertyOptional({ example: 98765, description: 'Granted amount per month, in euro cents.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  monthlyAmountCents?: number;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-04-01' })
  @IsOptional()
  @IsIsoDate()
  periodStart?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-03-31' })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;

  @ApiPropertyOptional({ example: 'Z2026-00123' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @SingleLine()
  reference?: string;
}

export class PaymentReceiptDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-28' })
  @IsIsoDate()
  receivedOn: string;
}

export class SubsidyPaymentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-05' })
  month: string;

  @ApiProperty({ type: String, format: 'date' })
  dueOn: string;

  @ApiProperty({ example: 98765 })
  amountCents: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  receivedOn: string | null;

  @ApiProperty({ description: 'Not received by the end of the grace period.' })
  late: boolean;
}

export class SubsidyStatusDto {
  @ApiProperty({ enum: ['none', 'applied', 'granted', 'refused'] })
  status: 'none' | 'applied' | 'granted' | 'refused';

  @ApiProperty({ type: Number, nullable: true })
  monthlyAmountCents: number | null;

  @ApiProperty({ type: [SubsidyPaymentDto] })
  payments: SubsidyPaymentDto[];

  @ApiProperty({
    type: ExplanationLineDto,
    nullable: true,
    description: "Set while this month's subsidy is provisional because a value (such as the minimum wage) is not yet known in Werkbrug.",
  })
  provisional: ExplanationLineDto | null;
}

export class NoRiskPolicyDto {
  @ApiProperty({ type: String, format: 'date', example: '2031-03-31' })
  lastCoveredDay: string;

  @ApiProperty({ example: 5 })
  years: number;

  @ApiProperty({ type: ParameterUsedDto })
  parameter: ParameterUsedDto;
}
