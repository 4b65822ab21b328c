import { compareDates, daysInclusive, daysInYear, formatDate, isIsoDate, maxDate, minDate, periodLastDay } from './dates.js';
import { type ExplanationLine, formatEuro, formatLongDate, formatNumber } from './explain.js';
import { Fraction } from './fraction.js';
import { toCents } from './money.js';
import { type AnyParameterValue, type ParameterSource, ParameterLog } from './parameters.js';
import { explainParametersUsed } from './sources.js';

/**
 * Loonkostenvoordeel banenafspraak (LKV, Wet tegemoetkomingen loondomein):
 * an amount per paid hour, at most a maximum per calendar year. Employments
 * starting on a day loonkostenvoordeelWholeEmployment is 1 (from 2026-01-01)
 * get it for the whole employment; earlier ones keep the number of years
 * valid on the contract start (transition). The hourly amount and maximum
 * are those valid on the first eligible day of each calendar year.
 *
 * Hours are known per calendar year only, so in the year the period ends they
 * are assumed to be spread evenly over the days employed in that year (from 1
 * January, or the contract start) and only the share up to the end counts.
 */
export interface LoonkostenvoordeelInput {
  contractStart: string;
  /** Last day of employment, if known. */
  contractEnd?: string | null;
  paidHoursByYear: readonly { year: number; paidHours: number }[];
}

export interface LoonkostenvoordeelYear {
  year: number;
  paidHours: number;
  /** First and last eligible day in this year; null when no day is eligible. */
  eligibleFrom: string | null;
  eligibleTo: string | null;
  eligibleHours: number;
  perHour: number | null;
  maxPerYear: number | null;
  capped: boolean;
  amountCents: number;
}

export interface LoonkostenvoordeelResult {
  contractStart: string;
  /** Null when the LKV runs for the whole employment. */
  years: number | null;
  wholeEmployment: boolean;
  /** Last day of the eligible period; null while the employment (and with it the LKV) has no end. */
  eligibleUntil: string | null;
  perYear: LoonkostenvoordeelYear[];
  totalCents: number;
  parametersUsed: AnyParameterValue[];
  explanation: ExplanationLine[];
}

export function calculateLoonkostenvoordeel(input: LoonkostenvoordeelInput, parameters: ParameterSource): LoonkostenvoordeelResult {
  validate(input);
  const log = new ParameterLog();
  const whole = parameters.findValueOn('loonkostenvoordeelWholeEmployment', input.contractStart);
  const wholeEmployment = whole?.value === 1;
  let years: number | null = null;
  let eligibleUntil: string | null;
  const explanation: ExplanationLine[] = [];
  if (wholeEmployment) {
    log.record(whole!);
    eligibleUntil = input.contractEnd ?? null;
    explanation.push({
      nl: `Het loonkostenvoordeel banenafspraak (LKV) is een vast bedrag per verloond uur met een maximum per kalenderjaar. Voor een dienstverband dat op of na ${formatLongDate(whole!.validFrom, 'nl')} begint, geldt het zolang het dienstverband duurt, voor iemand in het doelgroepregister (zonder aparte doelgroepverklaring): vanaf ${formatLongDate(input.contractStart, 'nl')}${eligibleUntil ? ` tot en met ${formatLongDate(eligibleUntil, 'nl')}` : ', zonder einddatum'}.`,
      en: `The loonkostenvoordeel banenafspraak (LKV, a wage-cost benefit for target-group employees) is a fixed amount per paid hour with a maximum per calendar year. For an employment starting on or after ${formatLongDate(whole!.validFrom, 'en')} it runs for the whole employment of someone in the target-group register (no separate doelgroepverklaring): from ${formatLongDate(input.contractStart, 'en')}${eligibleUntil ? ` to ${formatLongDate(eligibleUntil, 'en')}` : ', with no end date'}.`,
    });
  } else {
    years = log.record(parameters.valueOn('loonkostenvoordeelYears', input.contractStart)).value;
    const periodEnd = periodLastDay(input.contractStart, years * 12);
    eligibleUntil = input.contractEnd ? minDate(input.contractEnd, periodEnd) : periodEnd;
    explanation.push({
      nl: `Het loonkostenvoordeel banenafspraak (LKV) is een vast bedrag per verloond uur met een maximum per kalenderjaar, gedurende ${formatNumber(years, 'nl')} jaar vanaf de start van het dienstverband: van ${formatLongDate(input.contractStart, 'nl')} tot en met ${formatLongDate(periodEnd, 'nl')}.`,
      en: `The loonkostenvoordeel banenafspraak (LKV, a wage-cost benefit for target-group employees) is a fixed amount per paid hour with a maximum per calendar year, for ${formatNumber(years, 'en')} years from the start of employment: from ${formatLongDate(input.contractStart, 'en')} to ${formatLongDate(periodEnd, 'en')}.`,
    });
  }
  const perYear = [...input.paidHoursByYear]
    .sort((a, b) => a.year - b.year)
    .map(({ year, paidHours }) => {
      const yearStart = formatDate({ year, month: 1, day: 1 });
      const yearEnd = formatDate({ year, month: 12, day: 31 });
      const employedFrom = maxDate(yearStart, input.contractStart);
      const employedTo = input.contractEnd ? minDate(yearEnd, input.contractEnd) : yearEnd;
      const eligibleTo = eligibleUntil ? minDate(employedTo, eligibleUntil) : employedTo;
      if (compareDates(employedFrom, eligibleTo) > 0) {
        explanation.push(
          compareDates(employedFrom, yearEnd) > 0
            ? { nl: `${year}: vóór de start van het dienstverband, geen LKV.`, en: `${year}: before employment started, no LKV.` }
            : { nl: `${year}: na de LKV-periode, geen LKV.`, en: `${year}: after the LKV period, no LKV.` },
        );
        return notEligible(year, paidHours);
      }
      const perHour = log.record(parameters.valueOn('loonkostenvoordeelPerHour', employedFrom)).value;
      const maxPerYear = log.record(parameters.valueOn('loonkostenvoordeelMaxPerYear', employedFrom)).value;
      const eligibleDays = daysInclusive(employedFrom, eligibleTo);
      const employedDays = daysInclusive(employedFrom, employedTo);
      const eligibleHours = Fraction.of(paidHours).times(Fraction.ratio(eligibleDays, employedDays));
      const uncapped = eligibleHours.times(perHour);
      const capped = uncapped.compare(maxPerYear) > 0;
      const amount = capped ? Fraction.of(maxPerYear) : uncapped;
      explanation.push(
        explainYear({ year, paidHours, eligibleTo, eligibleDays, employedDays, eligibleHours, perHour, maxPerYear, uncapped, amount }),
      );
      return {
        year,
        paidHours,
        eligibleFrom: employedFrom,
        eligibleTo,
        eligibleHours: eligibleHours.toNumber(),
        perHour,
        maxPerYear,
        capped,
        amountCents: toCents(amount),
      };
    });
  const totalCents = perYear.reduce((sum, year) => sum + year.amountCents, 0);
  explanation.push({ nl: `Totaal LKV: ${formatEuro(totalCents / 100, 'nl')}.`, en: `Total LKV: ${formatEuro(totalCents / 100, 'en')}.` });
  const parametersUsed = log.list();
  explanation.push(...explainParametersUsed(parametersUsed));
  return { contractStart: input.contractStart, years, wholeEmployment, eligibleUntil, perYear, totalCents, parametersUsed, explanation };
}

export interface LoonkostenvoordeelEstimateInput {
  contractStart: string;
  contractEnd?: string | null;
  hoursPerWeek: number;
}

/** Weeks a year the estimate of paid hours counts: hours per week x 52. */
const WEEKS_PER_YEAR = 52;
/** Calendar years shown for an employment without an end whose LKV has no end either. */
const OPEN_ENDED_YEARS_SHOWN = 3;

export const LKV_HOURS_ESTIMATE: ExplanationLine = {
  nl: `De verloonde uren zijn geschat uit het contract: uren per week × ${WEEKS_PER_YEAR}, naar rato van de dagen in dienst in een jaar (afgerond op twee decimalen). De loonadministratie is leidend.`,
  en: `Paid hours are estimated from the contract: hours per week × ${WEEKS_PER_YEAR}, pro rata for the days employed in a year (rounded to two decimals). The payroll administration is what counts.`,
};

/**
 * The LKV of a contract with paid hours estimated from its hours per week, for each calendar
 * year of the eligible period (for an open-ended period: the first three calendar years).
 * The placement-based answer and the what-if calculation both use this.
 */
export function estimateLoonkostenvoordeel(input: LoonkostenvoordeelEstimateInput, parameters: ParameterSource): LoonkostenvoordeelResult {
  if (!(Number.isFinite(input.hoursPerWeek) && input.hoursPerWeek > 0)) throw new RangeError('hoursPerWeek must be a positive number');
  if (input.contractEnd && !isIsoDate(input.contractEnd)) throw new RangeError(`Not a valid contractEnd: "${input.contractEnd}"`);
  const { eligibleUntil } = calculateLoonkostenvoordeel(
    { contractStart: input.contractStart, contractEnd: input.contractEnd, paidHoursByYear: [] },
    parameters,
  );
  const firstYear = Number(input.contractStart.slice(0, 4));
  const lastYear = eligibleUntil ? Number(eligibleUntil.slice(0, 4)) : firstYear + OPEN_ENDED_YEARS_SHOWN - 1;
  const paidHoursByYear: { year: number; paidHours: number }[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const from = maxDate(formatDate({ year, month: 1, day: 1 }), input.contractStart);
    const yearEnd = formatDate({ year, month: 12, day: 31 });
    const to = input.contractEnd ? minDate(yearEnd, input.contractEnd) : yearEnd;
    if (compareDates(from, to) > 0) continue;
    const days = daysInclusive(from, to);
    const paidHours = Math.round(((input.hoursPerWeek * WEEKS_PER_YEAR * days) / daysInYear(year)) * 100) / 100;
    paidHoursByYear.push({ year, paidHours });
  }
  const result = calculateLoonkostenvoordeel(
    { contractStart: input.contractStart, contractEnd: input.contractEnd, paidHoursByYear },
    parameters,
  );
  const openEnded: ExplanationLine[] =
    result.eligibleUntil === null
      ? [
          {
            nl: `Het dienstverband heeft geen einddatum; hier staan de eerste ${OPEN_ENDED_YEARS_SHOWN} kalenderjaren, het LKV loopt daarna door.`,
            en: `The employment has no end date; the first ${OPEN_ENDED_YEARS_SHOWN} calendar years are shown, the LKV continues after them.`,
          },
        ]
      : [];
  return { ...result, explanation: [LKV_HOURS_ESTIMATE, ...openEnded, ...result.explanation] };
}

function validate(input: LoonkostenvoordeelInput): void {
  if (!isIsoDate(input.contractStart)) throw new RangeError(`Not a valid contractStart: "${input.contractStart}"`);
  const seen = new Set<number>();
  for (const { year, paidHours } of input.paidHoursByYear) {
    if (!Number.isInteger(year) || seen.has(year)) throw new RangeError(`Each year must be a whole number and appear once: ${year}`);
    if (!(Number.isFinite(paidHours) && paidHours >= 0)) throw new RangeError(`paidHours for ${year} must be zero or more`);
    seen.add(year);
  }
}

function notEligible(year: number, paidHours: number): LoonkostenvoordeelYear {
  return {
    year,
    paidHours,
    eligibleFrom: null,
    eligibleTo: null,
    eligibleHours: 0,
    perHour: null,
    maxPerYear: null,
    capped: false,
    amountCents: 0,
  };
}

interface YearCalculation {
  year: number;
  paidHours: number;
  eligibleTo: string;
  eligibleDays: number;
  employedDays: number;
  eligibleHours: Fraction;
  perHour: number;
  maxPerYear: number;
  uncapped: Fraction;
  amount: Fraction;
}

function explainYear(c: YearCalculation): ExplanationLine {
  const { year, paidHours, eligibleTo, eligibleDays, employedDays, eligibleHours, perHour, maxPerYear, uncapped, amount } = c;
  const partial = eligibleDays < employedDays;
  const hours = (language: 'nl' | 'en') =>
    partial
      ? `${formatNumber(paidHours, language)} × ${eligibleDays}/${employedDays} = ${formatNumber(eligibleHours, language)}`
      : formatNumber(paidHours, language);
  const cap = uncapped.compare(maxPerYear) > 0;
  return {
    nl:
      `${year}: ` +
      (partial
        ? `alleen de uren tot en met ${formatLongDate(eligibleTo, 'nl')} tellen (${eligibleDays} van ${employedDays} dagen): `
        : '') +
      `${hours('nl')} uur × ${formatEuro(perHour, 'nl')} = ${formatEuro(uncapped, 'nl')}` +
      (cap ? `, begrensd op het maximum van ${formatEuro(maxPerYear, 'nl')} per jaar: ${formatEuro(amount, 'nl')}.` : '.'),
    en:
      `${year}: ` +
      (partial ? `only the hours up to ${formatLongDate(eligibleTo, 'en')} count (${eligibleDays} of ${employedDays} days): ` : '') +
      `${hours('en')} hours × ${formatEuro(perHour, 'en')} = ${formatEuro(uncapped, 'en')}` +
      (cap ? `, limited to the maximum of ${formatEuro(maxPerYear, 'en')} a year: ${formatEuro(amount, 'en')}.` : '.'),
  };
}
