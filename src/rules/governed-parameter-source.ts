import { addDays, compareDates, isIsoDate } from './calculations/dates.js';
import { formatLongDate } from './calculations/explain.js';
import {
  type AnyParameterValue,
  type DateParameterKey,
  type DateParameterValue,
  InMemoryParameterSource,
  MissingParameterError,
  type NumericParameterKey,
  type ParameterSource,
  type ParameterValue,
  type RuleParameterKey,
} from './calculations/parameters.js';

/**
 * Rules an organisation sets for itself: its own value wins over the Werkbrug default.
 * Every other key is national law: the national reference data decides wherever it has a value.
 */
export const ORGANISATION_KEYS: readonly RuleParameterKey[] = [
  'reassessmentIntervalMonths',
  'durablePlacementMonths',
  'satisfactionLowScore',
  'surveyMinIntervalMonths',
  'surveyMinimumAnswers',
  'earlyWarningMaxHoursPerWeek',
  'earlyWarningMissedCheckinsInARow',
  'earlyWarningRenewalTalkWeeks',
  'earlyWarningContactGraceDays',
];

/**
 * Parameters published on fixed days of the year ('MM-DD'). When the value for the current
 * period is not in the data yet, the last known value is used and marked provisional.
 */
export const PUBLICATION_RHYTHM: Partial<Record<NumericParameterKey, readonly string[]>> = {
  minimumWagePerHour: ['01-01', '07-01'],
};

const PARAMETER_NAMES: Partial<Record<RuleParameterKey, string>> = {
  minimumWagePerHour: 'het minimumloon',
};

export function isOrganisationKey(key: RuleParameterKey): boolean {
  return ORGANISATION_KEYS.includes(key);
}

/** The start of the publication period `date` falls in, or undefined for parameters without a rhythm. */
export function publicationPeriod(key: NumericParameterKey, date: string): { start: string; end: string } | undefined {
  const days = PUBLICATION_RHYTHM[key];
  if (!days || !isIsoDate(date)) return undefined;
  const year = Number(date.slice(0, 4));
  const starts = [
    ...days.map((day) => `${year - 1}-${day}`),
    ...days.map((day) => `${year}-${day}`),
    ...days.map((day) => `${year + 1}-${day}`),
  ];
  const start = starts.filter((candidate) => candidate <= date).at(-1)!;
  const next = starts.find((candidate) => candidate > date)!;
  return { start, end: addDays(next, -1) };
}

/**
 * The parameters one organisation's calculations use. National reference data is authoritative:
 * an organisation value counts only on days the national data has no value, and an open-ended one
 * stops by itself the day before a later national value begins. Organisation keys (local rules)
 * are the exception: there the organisation's own value comes first. A parameter with a publication
 * rhythm whose current value is in neither falls back to the last known value, marked provisional.
 */
export class GovernedParameterSource implements ParameterSource {
  private readonly national: InMemoryParameterSource;
  private readonly organisation: InMemoryParameterSource;
  private readonly nationalRows: readonly AnyParameterValue[];

  constructor(nationalRows: readonly AnyParameterValue[], organisationRows: readonly AnyParameterValue[]) {
    this.nationalRows = nationalRows.map((row) => ({ ...row, origin: row.origin ?? 'national' }));
    this.national = new InMemoryParameterSource(this.nationalRows);
    this.organisation = new InMemoryParameterSource(
      organisationRows
        .map((row) => (isOrganisationKey(row.key) ? row : this.clampToUncovered(row)))
        .filter((row): row is AnyParameterValue => row !== undefined)
        .map((row) => ({ ...row, origin: 'organisation' as const })),
    );
  }

  valueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue {
    const row = this.findValueOn(key, date, scope);
    if (!row) throw new MissingParameterError(key, date, scope);
    return row;
  }

  findValueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue | undefined {
    const found = isOrganisationKey(key)
      ? (this.organisation.findValueOn(key, date, scope) ?? this.national.findValueOn(key, date, scope))
      : (this.national.findValueOn(key, date, scope) ?? this.organisation.findValueOn(key, date, scope));
    return found ?? this.provisionalValueOn(key, date, scope);
  }

  dateOn(key: DateParameterKey, date: string, scope?: string): DateParameterValue {
    try {
      return this.national.dateOn(key, date, scope);
    } catch (error) {
      if (error instanceof MissingParameterError) return this.organisation.dateOn(key, date, scope);
      throw error;
    }
  }

  /** True when national reference data has a value for `key` on some day from `from` to `to` (open: onwards). */
  nationalCovers(key: RuleParameterKey, scope: string | undefined, from: string, to: string | null): AnyParameterValue | undefined {
    return this.nationalRows.find(
      (row) =>
        row.key === key &&
        (row.scope ?? null) === (scope ?? null) &&
        (to === null || compareDates(row.validFrom, to) <= 0) &&
        (row.validTo === null || compareDates(from, row.validTo) <= 0),
    );
  }

  /** The days an organisation row really applies: none when national data covers its start, else up to the next national value. */
  effectiveRange(
    row: Pick<AnyParameterValue, 'key' | 'scope' | 'validFrom' | 'validTo'>,
  ): { validFrom: string; validTo: string | null } | undefined {
    if (isOrganisationKey(row.key)) return { validFrom: row.validFrom, validTo: row.validTo };
    const clamped = this.clampToUncovered({ ...row, value: 0, source: '-' } as AnyParameterValue);
    return clamped ? { validFrom: clamped.validFrom, validTo: clamped.validTo } : undefined;
  }

  private clampToUncovered(row: AnyParameterValue): AnyParameterValue | undefined {
    if (this.nationalCovers(row.key, row.scope, row.validFrom, row.validFrom)) return undefined;
    const nextNational = this.nationalRows
      .filter((other) => other.key === row.key && (other.scope ?? null) === (row.scope ?? null) && other.validFrom > row.validFrom)
      .map((other) => other.validFrom)
      .sort()[0];
    if (!nextNational) return row;
    const stop = addDays(nextNational, -1);
    return row.validTo !== null && compareDates(row.validTo, stop) <= 0 ? row : { ...row, validTo: stop };
  }

  private provisionalValueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue | undefined {
    const period = publicationPeriod(key, date);
    if (!period) return undefined;
    const lastKnown = this.lastKnownBefore(key, period.start, scope);
    if (!lastKnown) return undefined;
    const name = PARAMETER_NAMES[key] ?? key;
    return {
      ...lastKnown,
      validFrom: period.start,
      validTo: period.end,
      origin: 'provisional',
      provisional: { periodStart: period.start, lastKnownFrom: lastKnown.validFrom },
      source:
        `Voorlopig: ${name} per ${formatLongDate(period.start, 'nl')} is nog niet bekend in Werkbrug; ` +
        `gerekend met de laatst bekende waarde, geldig vanaf ${formatLongDate(lastKnown.validFrom, 'nl')} (${lastKnown.source}).`,
    };
  }

  private lastKnownBefore(key: NumericParameterKey, periodStart: string, scope?: string): ParameterValue | undefined {
    const dayBefore = addDays(periodStart, -1);
    for (let day = dayBefore, steps = 0; steps < 40; steps++) {
      const row = this.national.findValueOn(key, day, scope) ?? this.organisation.findValueOn(key, day, scope);
      if (row) return row;
      const previous = publicationPeriod(key, day);
      if (!previous) return undefined;
      day = addDays(previous.start, -1);
    }
    return undefined;
  }
}
