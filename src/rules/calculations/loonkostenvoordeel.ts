import { compareDates, daysInclusive, formatDate, isIsoDate, maxDate, minDate, periodLastDay } from './dates.js';
import { type ExplanationLine, formatEuro, formatLongDate, formatNumber } from './explain.js';
import { Fraction } from './fraction.js';
import { toCents } from './money.js';
import { type AnyParameterValue, type ParameterSource, ParameterLog } from './parameters.js';

/**
 * Loonkostenvoordeel banenafspraak (LKV, Wet tegemoetkomingen loondomein):
 * an amount per paid hour, at most a maximum per calendar year, for a number
 * of years from the start of the contract. The number of years is taken as
 * valid on the contract start; the hourly amount and maximum as valid on the
 * first eligible day of each calendar year.
 *
 * Hours are known per calendar year only, so in the year the period ends they
 * are assumed to be spread evenly over the days employed in that year (from 1
 * January, or the contract start) and only the share up to the end counts.
 */
export interface LoonkostenvoordeelInput {
  contractStart: string;
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
  years: number;
  /** Last day of the eligible period. */
  eligibleUntil: string;
  perYear: LoonkostenvoordeelYear[];
  totalCents: number;
  parametersUsed: AnyParameterValue[];
  explanation: ExplanationLine[];
}

export function calculateLoonkostenvoordeel(input: LoonkostenvoordeelInput, parameters: ParameterSource): LoonkostenvoordeelResult {
  validate(input);
  const log = new ParameterLog();
  const years = log.record(parameters.valueOn('loonkostenvoordeelYears', input.contractStart)).value;
  const eligibleUntil = periodLastDay(input.contractStart, years * 12);
  const explanation: ExplanationLine[] = [
    {
      nl: `Het loonkostenvoordeel banenafspraak (LKV) is een vast bedrag per verloond uur met een maximum per kalenderjaar, gedurende ${formatNumber(years, 'nl')} jaar vanaf de start van het dienstverband: van ${formatLongDate(input.contractStart, 'nl')} tot en met ${formatLongDate(eligibleUntil, 'nl')}.`,
      en: `The loonkostenvoordeel banenafspraak (LKV, a wage-cost benefit for target-group employees) is a fixed amount per paid hour with a maximum per calendar year, for ${formatNumber(years, 'en')} years from the start of employment: from ${formatLongDate(input.contractStart, 'en')} to ${formatLongDate(eligibleUntil, 'en')}.`,
    },
  ];
  const perYear = [...input.paidHoursByYear]
    .sort((a, b) => a.year - b.year)
    .map(({ year, paidHours }) => {
      const yearStart = formatDate({ year, month: 1, day: 1 });
      const yearEnd = formatDate({ year, month: 12, day: 31 });
      const employedFrom = maxDate(yearStart, input.contractStart);
      const eligibleTo = minDate(yearEnd, eligibleUntil);
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
      const employedDays = daysInclusive(employedFrom, yearEnd);
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
  return { contractStart: input.contractStart, years, eligibleUntil, perYear, totalCents, parametersUsed: log.list(), explanation };
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
