import { compareDates, isIsoDate } from './dates.js';

/**
 * Rule parameters: every amount, rate and period the calculations use is a
 * dated row (valid from, valid to, value, source), never a constant in code.
 * Rates are fractions (0.08 is 8%), amounts are euros, hours are hours.
 */
export type NumericParameterKey =
  | 'minimumWagePerHour'
  | 'holidayPayRate'
  | 'employerCostAllowanceRate'
  | 'subsidyCapRate'
  | 'quotaJobHoursPerYear'
  | 'quotaJobHoursPerWeek'
  | 'averageJobHoursPerYear'
  | 'quotaThresholdEmployees'
  | 'quotaLevyPerMissingJob'
  /** Scoped per sector: 1 when a source confirms the levy was activated for that year, else 0 (no row is 0 too). */
  | 'quotaLevyImposed'
  /** Scoped per sector ('public' | 'private'); one row per calendar year. */
  | 'quotaPercentage'
  | 'inclusivenessBonusPerJob'
  | 'loonkostenvoordeelPerHour'
  | 'loonkostenvoordeelMaxPerYear'
  | 'loonkostenvoordeelYears'
  /** 1 for employments starting on a day the LKV runs for the whole employment (from 2026-01-01). */
  | 'loonkostenvoordeelWholeEmployment'
  /** Scoped per target group; 'default' applies to groups without their own row. */
  | 'noRiskPolicyYears'
  | 'reassessmentIntervalMonths'
  | 'durablePlacementMonths'
  | 'trialPlacementNormalMonths'
  | 'trialPlacementMaxMonths'
  | 'jobcoachGrantPeriodMonths'
  | 'jobcoachMaxMonths'
  | 'jobcoachMinContractMonths'
  | 'jobcoachMinHoursPerWeek'
  | 'jobcoachExceptionMinHoursPerWeek'
  | 'jobcoachMinWageValuePercent'
  | 'jobcoachExceptionMinWageValuePercent'
  /** Reports for funders show a cell counting fewer people than this as "< n" (small-cell suppression). */
  | 'reportSmallCellThreshold'
  /** UWV: the yearly average satisfaction score (1-10) a jobcoach organisation must reach. */
  | 'jobcoachSatisfactionMinimum'
  /** Organisation rule: a survey score at or below this raises a task for the coach. */
  | 'satisfactionLowScore'
  /** Organisation rule: a respondent gets no new survey for a placement sooner than this many months after the last one. */
  | 'surveyMinIntervalMonths'
  /** Organisation rule: an average of survey scores is shown only over at least this many answers (fewer could point at one person). */
  | 'surveyMinimumAnswers'
  /** Early warning (organisation keys): what predicts drop-out, see src/rules/calculations/early-warning.ts. */
  | 'earlyWarningMaxHoursPerWeek'
  | 'earlyWarningMissedCheckinsInARow'
  | 'earlyWarningRenewalTalkWeeks'
  | 'earlyWarningContactGraceDays';

/** Parameters whose value is a date rather than a number. */
export type DateParameterKey = 'inclusivenessRegimeStart';

export type RuleParameterKey = NumericParameterKey | DateParameterKey;

export const NUMERIC_PARAMETER_KEYS: readonly NumericParameterKey[] = [
  'minimumWagePerHour',
  'holidayPayRate',
  'employerCostAllowanceRate',
  'subsidyCapRate',
  'quotaJobHoursPerYear',
  'quotaJobHoursPerWeek',
  'averageJobHoursPerYear',
  'quotaThresholdEmployees',
  'quotaLevyPerMissingJob',
  'quotaLevyImposed',
  'quotaPercentage',
  'inclusivenessBonusPerJob',
  'loonkostenvoordeelPerHour',
  'loonkostenvoordeelMaxPerYear',
  'loonkostenvoordeelYears',
  'loonkostenvoordeelWholeEmployment',
  'noRiskPolicyYears',
  'reassessmentIntervalMonths',
  'durablePlacementMonths',
  'trialPlacementNormalMonths',
  'trialPlacementMaxMonths',
  'jobcoachGrantPeriodMonths',
  'jobcoachMaxMonths',
  'jobcoachMinContractMonths',
  'jobcoachMinHoursPerWeek',
  'jobcoachExceptionMinHoursPerWeek',
  'jobcoachMinWageValuePercent',
  'jobcoachExceptionMinWageValuePercent',
  'reportSmallCellThreshold',
  'jobcoachSatisfactionMinimum',
  'satisfactionLowScore',
  'surveyMinIntervalMonths',
  'surveyMinimumAnswers',
  'earlyWarningMaxHoursPerWeek',
  'earlyWarningMissedCheckinsInARow',
  'earlyWarningRenewalTalkWeeks',
  'earlyWarningContactGraceDays',
];

export const DATE_PARAMETER_KEYS: readonly DateParameterKey[] = ['inclusivenessRegimeStart'];

interface DatedRow {
  scope?: string;
  /** First day the value applies, YYYY-MM-DD. */
  validFrom: string;
  /** Last day the value applies (inclusive), or null while open-ended. */
  validTo: string | null;
  /** Where the value comes from, in words a reviewer can check. */
  source: string;
  /** Who stands behind the value; national reference data when absent. */
  origin?: ParameterOrigin;
  /** For organisation values: who entered it and when (ISO timestamp). */
  recordedBy?: string | null;
  recordedAt?: string | null;
  /** For provisional values: the period start whose value is not known yet, and the start of the value used instead. */
  provisional?: { periodStart: string; lastKnownFrom: string };
}

export type ParameterOrigin = 'national' | 'organisation' | 'provisional';

export interface ParameterValue extends DatedRow {
  key: NumericParameterKey;
  value: number;
}

export interface DateParameterValue extends DatedRow {
  key: DateParameterKey;
  /** YYYY-MM-DD */
  value: string;
}

export type AnyParameterValue = ParameterValue | DateParameterValue;

export interface ParameterSource {
  /** The row valid on `date`; throws MissingParameterError when there is none. */
  valueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue;
  findValueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue | undefined;
  dateOn(key: DateParameterKey, date: string, scope?: string): DateParameterValue;
}

export class MissingParameterError extends Error {
  constructor(
    readonly key: RuleParameterKey,
    readonly date: string,
    readonly scope?: string,
  ) {
    super(`No value for rule parameter "${key}"${scope === undefined ? '' : ` (scope "${scope}")`} valid on ${date}`);
    this.name = 'MissingParameterError';
  }
}

export class InvalidParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterError';
  }
}

/**
 * Parameter rows held in memory. The database layer loads its rows and hands
 * them to this class, so lookups behave the same in tests and in production.
 * Rows are checked on construction: valid dates, a source, and no two rows
 * for the same key and scope valid on the same day.
 */
export class InMemoryParameterSource implements ParameterSource {
  private readonly byKey = new Map<string, AnyParameterValue[]>();

  constructor(rows: readonly AnyParameterValue[]) {
    for (const row of rows) {
      validateRow(row);
      const slot = slotOf(row.key, row.scope);
      const list = this.byKey.get(slot) ?? [];
      list.push(row);
      this.byKey.set(slot, list);
    }
    for (const list of this.byKey.values()) {
      list.sort((a, b) => compareDates(a.validFrom, b.validFrom));
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1]!;
        if (previous.validTo === null || compareDates(previous.validTo, list[i]!.validFrom) >= 0) {
          throw new InvalidParameterError(
            `Rule parameter "${describe(previous)}" has overlapping rows from ${previous.validFrom} and ${list[i]!.validFrom}`,
          );
        }
      }
    }
  }

  valueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue {
    const row = this.findValueOn(key, date, scope);
    if (!row) throw new MissingParameterError(key, date, scope);
    return row;
  }

  findValueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue | undefined {
    const row = this.find(key, date, scope);
    return row && isNumeric(row) ? row : undefined;
  }

  dateOn(key: DateParameterKey, date: string, scope?: string): DateParameterValue {
    const row = this.find(key, date, scope);
    if (!row || isNumeric(row)) throw new MissingParameterError(key, date, scope);
    return row;
  }

  rows(): AnyParameterValue[] {
    return [...this.byKey.values()].flat();
  }

  private find(key: RuleParameterKey, date: string, scope: string | undefined): AnyParameterValue | undefined {
    if (!isIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: "${date}"`);
    // Valid YYYY-MM-DD strings order like the dates they name, which keeps this hot lookup cheap.
    return this.byKey.get(slotOf(key, scope))?.find((row) => row.validFrom <= date && (row.validTo === null || date <= row.validTo));
  }
}

/** Collects the distinct rows a calculation used, in the order first used, for its result. */
export class ParameterLog {
  private readonly used = new Map<string, AnyParameterValue>();

  record<T extends AnyParameterValue>(row: T): T {
    this.used.set(`${slotOf(row.key, row.scope)}@${row.validFrom}`, row);
    return row;
  }

  list(): AnyParameterValue[] {
    return [...this.used.values()];
  }
}

function isNumeric(row: AnyParameterValue): row is ParameterValue {
  return typeof row.value === 'number';
}

function slotOf(key: RuleParameterKey, scope: string | undefined): string {
  return scope === undefined ? key : `${key}/${scope}`;
}

function describe(row: AnyParameterValue): string {
  return row.scope === undefined ? row.key : `${row.key}/${row.scope}`;
}

function validateRow(row: AnyParameterValue): void {
  const name = describe(row);
  const numeric = (NUMERIC_PARAMETER_KEYS as readonly string[]).includes(row.key);
  if (!numeric && !(DATE_PARAMETER_KEYS as readonly string[]).includes(row.key)) {
    throw new InvalidParameterError(`Unknown rule parameter "${row.key}"`);
  }
  if (!isIsoDate(row.validFrom)) throw new InvalidParameterError(`Rule parameter "${name}" has an invalid validFrom "${row.validFrom}"`);
  if (row.validTo !== null && (!isIsoDate(row.validTo) || compareDates(row.validTo, row.validFrom) < 0)) {
    throw new InvalidParameterError(`Rule parameter "${name}" from ${row.validFrom} has an invalid validTo "${row.validTo}"`);
  }
  if (numeric ? !(typeof row.value === 'number' && Number.isFinite(row.value)) : !(typeof row.value === 'string' && isIsoDate(row.value))) {
    throw new InvalidParameterError(`Rule parameter "${name}" from ${row.validFrom} has an invalid value "${String(row.value)}"`);
  }
  if (!row.source.trim()) throw new InvalidParameterError(`Rule parameter "${name}" from ${row.validFrom} has no source`);
}
