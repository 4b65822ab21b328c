import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TARGET_GROUPS, type TargetGroup } from '../../participants/target-groups.js';
import { IsIsoDate } from '../../reference-data/validation.js';
import { FUNNEL_STAGES, type FunnelStage } from '../outcome-figures.js';

export const SECTORS = ['public', 'private'] as const;
export type Sector = (typeof SECTORS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export class ReportQueryDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-01-01',
    description: 'First day of registration (default: 1 January of this year).',
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', description: 'Last day of registration (default: today).' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: one team. Not for funders.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins and team leads: one coach. Not for funders.' })
  @IsOptional()
  @IsUUID()
  coachMembershipId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One funder. A funder user always sees their own funder only.' })
  @IsOptional()
  @IsUUID()
  funderId?: string;

  @ApiPropertyOptional({ enum: TARGET_GROUPS, example: 'wajong' })
  @IsOptional()
  @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup;

  @ApiPropertyOptional({
    enum: SECTORS,
    example: 'private',
    description: "The employer's sector: only participants placed at such an employer.",
  })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;
}

export class ReportExportQueryDto extends ReportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS, example: 'csv' })
  @IsIn(EXPORT_FORMATS)
  format: (typeof EXPORT_FORMATS)[number];
}

/**
 * One figure: its value, and how it is shown. Suppressed for a funder: a count as "< 5", a rate, share or
 * median as "–" (so it never reads as "less than 5%" or "less than 5 days").
 */
export class FigureDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description: 'Null where the figure is suppressed (small cell), and where there is nothing to show (no one to divide by, no pairs).',
  })
  value: number | null;

  @ApiProperty({
    example: '12',
    description:
      'The figure as pages and exports show it: a count, a percentage, days or hours. Suppressed for a funder (fewer people than ' +
      'smallCellThreshold): a count reads "< 5" (the threshold), a rate, share or median reads "–" (en dash, U+2013: not shown, ' +
      'fewer than the threshold people), never "< 5". Empty where there is nothing to show.',
  })
  display: string;
}

export class ReportScopeDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' })
  from: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-12-31' })
  to: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  funderId: string | null;

  @ApiProperty({ enum: TARGET_GROUPS, nullable: true, example: 'wajong' })
  targetGroup: TargetGroup | null;

  @ApiProperty({ enum: SECTORS, nullable: true, example: 'private' })
  sector: Sector | null;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-12-31',
    description: 'The day the figures were counted on (running work is followed until this day).',
  })
  countedOn: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5,
    description: 'For funders: cells counting fewer people than this are suppressed. Null where nothing is suppressed.',
  })
  smallCellThreshold: number | null;
}

export class FunnelStageDto {
  @ApiProperty({ enum: FUNNEL_STAGES, example: 'contract' })
  stage: FunnelStage;

  @ApiProperty({
    type: FigureDto,
    description:
      'People who reached the stage. Up to the contract: this stage or a later one (a contract without a trial counts at the trial too), so a count is never above the one before.',
  })
  count: FigureDto;

  @ApiProperty({
    type: FigureDto,
    nullable: true,
    description: "The rate's base: the previous stage, or for the durable stages those followed long enough.",
  })
  base: FigureDto | null;

  @ApiProperty({
    type: FigureDto,
    nullable: true,
    description: 'Of the base, the share that reached this stage (0 to 1); "–" where suppressed, empty where the base is 0.',
  })
  conversion: FigureDto | null;
}

export class StageStepDto {
  @ApiProperty({ enum: FUNNEL_STAGES, example: 'registered' })
  from: FunnelStage;

  @ApiProperty({ enum: FUNNEL_STAGES, example: 'contract' })
  to: FunnelStage;

  @ApiProperty({
    type: FigureDto,
    description: 'People with both stages, the later one on or after the earlier one: the median counts these.',
  })
  people: FigureDto;

  @ApiProperty({
    type: FigureDto,
    description:
      'People with both stages but the later one dated before the earlier one (say a trial that started before the registration): left out of the median.',
  })
  leftOut: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'Median days from the one stage to the other (never negative); "–" where suppressed.' })
  medianDays: FigureDto;
}

export class ReasonCountDto {
  @ApiProperty({
    example: 'health',
    description:
      'A drop-out reason code (or not_recorded: a drop-out without one), a risk flag reason (a check-in signal code) or an ' +
      'early-warning rule. For funders the health-related codes are one: health_wellbeing ("Gezondheid en welzijn").',
  })
  reason: string;

  @ApiProperty({ type: FigureDto })
  count: FigureDto;
}

export class RetentionPointDto {
  @ApiProperty({ example: 6, description: 'Whole months since the contract start.' })
  month: number;

  @ApiProperty({ type: FigureDto, description: 'Share still working (Kaplan-Meier; running work censored at today), 0 to 1.' })
  share: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'People followed at least this many months.' })
  atRisk: FigureDto;

  @ApiProperty({ type: FigureDto, nullable: true, description: 'Work that ended in the month after this point (not for funders).' })
  ended: FigureDto | null;

  @ApiProperty({ type: FigureDto, nullable: true, description: 'Still working, followed no further than this month (not for funders).' })
  censored: FigureDto | null;
}

export class OutcomeReportDto {
  @ApiProperty({ type: ReportScopeDto })
  scope: ReportScopeDto;

  @ApiProperty({ type: [FunnelStageDto] })
  funnel: FunnelStageDto[];

  @ApiProperty({ type: [StageStepDto] })
  steps: StageStepDto[];

  @ApiProperty({
    type: [ReasonCountDto],
    description:
      'Why work ended, per person. Staff: the reasons that occurred, most first. Funders: every drop-out reason code and ' +
      'not_recorded, always in the same order, each "< 5" or its count (so whether a row is there tells nothing); health as health_wellbeing.',
  })
  dropoutReasons: ReasonCountDto[];

  @ApiProperty({ type: [RetentionPointDto] })
  retention: RetentionPointDto[];
}

export class CheckinMonthDto {
  @ApiProperty({ example: '2026-05' })
  month: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for funders (all coaches together).' })
  coachMembershipId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sanne de Vries', description: 'Null for funders.' })
  coachName: string | null;

  @ApiProperty({ type: FigureDto, description: 'Check-ins due in the month (cancelled ones left out).' })
  planned: FigureDto;

  @ApiProperty({ type: FigureDto })
  held: FigureDto;

  @ApiProperty({ type: FigureDto })
  missed: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'Still planned with the day passed: neither held nor marked missed.' })
  overdue: FigureDto;
}

export class HelpRequestMonthDto {
  @ApiProperty({ example: '2026-05' })
  month: string;

  @ApiProperty({ type: FigureDto })
  requests: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'First contact within the working-day deadline.' })
  inTime: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'First contact after the deadline.' })
  late: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'No first contact yet, deadline passed.' })
  openPastDeadline: FigureDto;

  @ApiProperty({ type: FigureDto })
  escalated: FigureDto;

  @ApiProperty({ type: FigureDto, description: 'Median hours from the request to the first contact.' })
  medianHoursToContact: FigureDto;
}

export class RiskFlagsDto {
  @ApiProperty({
    type: FigureDto,
    description:
      'Placements with a risk raised in the period: a check-in risk flag or an early-warning risk (or both), each placement counted once.',
  })
  raised: FigureDto;

  @ApiProperty({
    type: [ReasonCountDto],
    description:
      'Placements per check-in signal behind their risk flag. Staff: the signals that occurred, most first. Funders: every signal code, ' +
      'always in the same order, each "< 5" or its count (so whether a row is there tells nothing); the health-related signals ' +
      '(sickness, unsure_about_reporting_sick, relapse) as one row, health_wellbeing.',
  })
  byReason: ReasonCountDto[];

  @ApiProperty({
    type: [ReasonCountDto],
    description:
      'Placements per early-warning rule (low_hours, missed_checkins, contact_below_plan, renewal_talk_due, low_satisfaction) with ' +
      'a risk raised in the period. Staff: the rules that occurred, most first. Funders: every rule in the same order, each "< 5" or its count.',
  })
  byRule: ReasonCountDto[];
}

export class AftercareReportDto {
  @ApiProperty({ type: ReportScopeDto })
  scope: ReportScopeDto;

  @ApiProperty({ type: [CheckinMonthDto] })
  checkins: CheckinMonthDto[];

  @ApiProperty({ type: [HelpRequestMonthDto] })
  helpRequests: HelpRequestMonthDto[];

  @ApiProperty({ type: RiskFlagsDto })
  riskFlags: RiskFlagsDto;
}
