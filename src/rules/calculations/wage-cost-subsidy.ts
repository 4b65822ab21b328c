import {
  compareDates,
  daysInclusive,
  daysInMonth,
  eachDay,
  firstDayOfMonth,
  isIsoDate,
  lastDayOfMonth,
  maxDate,
  minDate,
  parseMonth,
} from './dates.js';
import { type ExplanationLine, formatCents, formatEuro, formatLongDate, formatMonth, formatNumber, formatPercent } from './explain.js';
import { Fraction } from './fraction.js';
import { toCents } from './money.js';
import { type AnyParameterValue, type ParameterSource, type ParameterValue, ParameterLog } from './parameters.js';
import { explainParametersUsed, isProvisional, provisionalNotes } from './sources.js';

/**
 * Wage-cost subsidy (loonkostensubsidie, Participatiewet art. 10d) for one
 * placement and one calendar month, the way the ministry calculates it:
 *
 *   minimum wage  = WML per hour x monthly hours x (1 + holiday pay)
 *   wage value    = loonwaarde % x actual hourly wage x monthly hours x (1 + holiday pay)
 *   subsidy       = min(max(minimum wage - wage value, 0), cap rate x minimum wage)
 *   total         = subsidy x (1 + employer-cost allowance)
 *
 * with monthly hours = hours per week x 52 / 12. A month in which the
 * employment starts or ends, or a parameter changes, is split into runs of
 * days with the same parameter rows; each run gets its share days / days in
 * the month of the full-month amount under its own parameters.
 */
export interface WageCostSubsidyInput {
  /** 'YYYY-MM' */
  month: string;
  /** Contract hours per week. */
  hoursPerWeek: number;
  /** The job's actual gross hourly wage in euros, excluding holiday pay. */
  hourlyWage: number;
  /** Loonwaarde: the wage value an assessor set, as a percentage (0-100) of the job's wage. */
  wageValuePercent: number;
  employmentStart: string;
  /** Last day of employment, if known. */
  employmentEnd?: string | null;
}

/** A run of days in the month with the same parameter rows. Money in cents, rounded for display. */
export interface SubsidySegment {
  from: string;
  to: string;
  days: number;
  daysInMonth: number;
  monthlyHours: number;
  minimumWagePerHour: number;
  holidayPayRate: number;
  subsidyCapRate: number;
  employerCostAllowanceRate: number;
  /** WML for the monthly hours, including holiday pay. */
  minimumWageMonthlyCents: number;
  /** Loonwaarde for the monthly hours, including holiday pay. */
  wageValueMonthlyCents: number;
  differenceCents: number;
  capCents: number;
  capApplied: boolean;
  subsidyBeforeAllowanceCents: number;
  allowanceCents: number;
  fullMonthCents: number;
  /** This run's share of the month. */
  amountCents: number;
}

export interface WageCostSubsidyResult {
  month: string;
  /** The exact sum of all runs, rounded once to whole cents. */
  amountCents: number;
  segments: SubsidySegment[];
  /** True when a value used is not published yet: the amount is corrected once it is. */
  provisional: boolean;
  parametersUsed: AnyParameterValue[];
  explanation: ExplanationLine[];
}

interface DayRows {
  minimumWage: ParameterValue;
  holidayPay: ParameterValue;
  cap: ParameterValue;
  allowance: ParameterValue;
}

interface ExactSegment {
  from: string;
  to: string;
  rows: DayRows;
  monthlyHours: Fraction;
  minimumWage: Fraction;
  wageValue: Fraction;
  difference: Fraction;
  cap: Fraction;
  base: Fraction;
  allowance: Fraction;
  fullMonth: Fraction;
  amount: Fraction;
}

const WEEKS_PER_YEAR = 52;
const MONTHS_PER_YEAR = 12;

const ROW_NAMES: Record<keyof DayRows, ExplanationLine> = {
  minimumWage: { nl: 'het minimumloon', en: 'the minimum wage' },
  holidayPay: { nl: 'het vakantiegeld', en: 'the holiday pay rate' },
  cap: { nl: 'het maximum', en: 'the cap' },
  allowance: { nl: 'de tegemoetkoming in de werkgeverslasten', en: 'the employer-cost allowance' },
};

export function calculateWageCostSubsidy(input: WageCostSubsidyInput, parameters: ParameterSource): WageCostSubsidyResult {
  validate(input);
  const monthStart = firstDayOfMonth(input.month);
  const monthEnd = lastDayOfMonth(input.month);
  const from = maxDate(monthStart, input.employmentStart);
  const to = input.employmentEnd ? minDate(monthEnd, input.employmentEnd) : monthEnd;
  const log = new ParameterLog();
  const runs = compareDates(from, to) > 0 ? [] : runsOfEqualRows(from, to, parameters, log);
  const segments = runs.map((run) => calculateRun(input, run.from, run.to, run.rows));
  const total = Fraction.sum(segments.map((segment) => segment.amount));
  const parametersUsed = log.list();
  return {
    month: input.month,
    amountCents: toCents(total),
    segments: segments.map((segment) => report(input.month, segment)),
    provisional: isProvisional(parametersUsed),
    parametersUsed,
    explanation: [...provisionalNotes(parametersUsed), ...explain(input, segments, total), ...explainParametersUsed(parametersUsed)],
  };
}

function validate(input: WageCostSubsidyInput): void {
  parseMonth(input.month);
  if (!(Number.isFinite(input.hoursPerWeek) && input.hoursPerWeek > 0)) throw new RangeError('hoursPerWeek must be a positive number');
  if (!(Number.isFinite(input.hourlyWage) && input.hourlyWage >= 0)) throw new RangeError('hourlyWage must be zero or more');
  if (!(Number.isFinite(input.wageValuePercent) && input.wageValuePercent >= 0 && input.wageValuePercent <= 100)) {
    throw new RangeError('wageValuePercent must be between 0 and 100');
  }
  if (!isIsoDate(input.employmentStart)) throw new RangeError(`Not a valid employmentStart: "${input.employmentStart}"`);
  if (input.employmentEnd && !isIsoDate(input.employmentEnd)) throw new RangeError(`Not a valid employmentEnd: "${input.employmentEnd}"`);
}

function runsOfEqualRows(from: string, to: string, parameters: ParameterSource, log: ParameterLog) {
  const runs: { from: string; to: string; rows: DayRows }[] = [];
  for (const day of eachDay(from, to)) {
    const rows: DayRows = {
      minimumWage: parameters.valueOn('minimumWagePerHour', day),
      holidayPay: parameters.valueOn('holidayPayRate', day),
      cap: parameters.valueOn('subsidyCapRate', day),
      allowance: parameters.valueOn('employerCostAllowanceRate', day),
    };
    const last = runs.at(-1);
    if (last && changedRows(last.rows, rows).length === 0) {
      last.to = day;
    } else {
      Object.values(rows).forEach((row) => log.record(row));
      runs.push({ from: day, to: day, rows });
    }
  }
  return runs;
}

function changedRows(a: DayRows, b: DayRows): (keyof DayRows)[] {
  return (Object.keys(a) as (keyof DayRows)[]).filter((name) => a[name].validFrom !== b[name].validFrom);
}

function calculateRun(input: WageCostSubsidyInput, from: string, to: string, rows: DayRows): ExactSegment {
  const monthlyHours = Fraction.of(input.hoursPerWeek).times(WEEKS_PER_YEAR).dividedBy(MONTHS_PER_YEAR);
  const withHolidayPay = Fraction.ONE.plus(rows.holidayPay.value);
  const minimumWage = Fraction.of(rows.minimumWage.value).times(monthlyHours).times(withHolidayPay);
  const wageValue = Fraction.of(input.wageValuePercent).dividedBy(100).times(input.hourlyWage).times(monthlyHours).times(withHolidayPay);
  const difference = Fraction.max(minimumWage.minus(wageValue), Fraction.ZERO);
  const cap = minimumWage.times(rows.cap.value);
  const base = Fraction.min(difference, cap);
  const allowance = base.times(rows.allowance.value);
  const fullMonth = base.plus(allowance);
  const { year, month } = parseMonth(from.slice(0, 7));
  const amount = fullMonth.times(Fraction.ratio(daysInclusive(from, to), daysInMonth(year, month)));
  return { from, to, rows, monthlyHours, minimumWage, wageValue, difference, cap, base, allowance, fullMonth, amount };
}

function report(month: string, segment: ExactSegment): SubsidySegment {
  const { year, month: m } = parseMonth(month);
  return {
    from: segment.from,
    to: segment.to,
    days: daysInclusive(segment.from, segment.to),
    daysInMonth: daysInMonth(year, m),
    monthlyHours: segment.monthlyHours.toNumber(),
    minimumWagePerHour: segment.rows.minimumWage.value,
    holidayPayRate: segment.rows.holidayPay.value,
    subsidyCapRate: segment.rows.cap.value,
    employerCostAllowanceRate: segment.rows.allowance.value,
    minimumWageMonthlyCents: toCents(segment.minimumWage),
    wageValueMonthlyCents: toCents(segment.wageValue),
    differenceCents: toCents(segment.difference),
    capCents: toCents(segment.cap),
    capApplied: segment.difference.compare(segment.cap) > 0,
    subsidyBeforeAllowanceCents: toCents(segment.base),
    allowanceCents: toCents(segment.allowance),
    fullMonthCents: toCents(segment.fullMonth),
    amountCents: toCents(segment.amount),
  };
}

function explain(input: WageCostSubsidyInput, segments: readonly ExactSegment[], total: Fraction): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  const month: ExplanationLine = { nl: formatMonth(input.month, 'nl'), en: formatMonth(input.month, 'en') };
  const monthStart = firstDayOfMonth(input.month);
  const monthEnd = lastDayOfMonth(input.month);
  if (segments.length === 0) {
    lines.push({ nl: `In ${month.nl} was er geen dienstverband.`, en: `There was no employment in ${month.en}.` });
  }
  if (compareDates(input.employmentStart, monthStart) > 0 && compareDates(input.employmentStart, monthEnd) <= 0) {
    lines.push({
      nl: `Het dienstverband begon op ${formatLongDate(input.employmentStart, 'nl')}; alleen de dagen vanaf dan tellen.`,
      en: `Employment started on ${formatLongDate(input.employmentStart, 'en')}; only the days from then on count.`,
    });
  }
  if (input.employmentEnd && compareDates(input.employmentEnd, monthStart) >= 0 && compareDates(input.employmentEnd, monthEnd) < 0) {
    lines.push({
      nl: `Het dienstverband eindigde op ${formatLongDate(input.employmentEnd, 'nl')}; alleen de dagen tot en met dan tellen.`,
      en: `Employment ended on ${formatLongDate(input.employmentEnd, 'en')}; only the days up to and including then count.`,
    });
  }
  segments.forEach((segment, index) => {
    const previous = segments[index - 1];
    if (previous) {
      const changed = changedRows(previous.rows, segment.rows).map((name) => ROW_NAMES[name]);
      lines.push({
        nl: `Op ${formatLongDate(segment.from, 'nl')} veranderde${changed.length > 1 ? 'n' : ''} ${joinNames(changed, 'nl')}; daarom is de maand naar dagen verdeeld.`,
        en: `On ${formatLongDate(segment.from, 'en')} ${joinNames(changed, 'en')} changed, so the month is split by days.`,
      });
    }
    const prefix: ExplanationLine =
      segments.length > 1
        ? {
            nl: `Van ${formatLongDate(segment.from, 'nl')} tot en met ${formatLongDate(segment.to, 'nl')}: `,
            en: `From ${formatLongDate(segment.from, 'en')} to ${formatLongDate(segment.to, 'en')}: `,
          }
        : { nl: '', en: '' };
    lines.push(...explainSegment(input, segment, month, prefix));
  });
  lines.push({
    nl: `Loonkostensubsidie voor ${month.nl}: ${formatEuro(total, 'nl')} (pas aan het eind afgerond op hele centen).`,
    en: `Wage-cost subsidy (loonkostensubsidie) for ${month.en}: ${formatEuro(total, 'en')} (rounded to whole cents only at the end).`,
  });
  return lines;
}

function explainSegment(input: WageCostSubsidyInput, s: ExactSegment, month: ExplanationLine, prefix: ExplanationLine): ExplanationLine[] {
  const line = (nl: string, en: string): ExplanationLine => ({ nl: capitalise(prefix.nl + nl), en: capitalise(prefix.en + en) });
  const hours = { nl: formatNumber(input.hoursPerWeek, 'nl'), en: formatNumber(input.hoursPerWeek, 'en') };
  const lines = [
    line(
      `een maand telt ${formatNumber(s.monthlyHours, 'nl')} uur: ${hours.nl} uur per week × 52 weken / 12 maanden.`,
      `a month counts ${formatNumber(s.monthlyHours, 'en')} hours: ${hours.en} hours a week × 52 weeks / 12 months.`,
    ),
    line(
      `het wettelijk minimumloon voor ${hours.nl} uur per week is ${formatEuro(s.minimumWage, 'nl')} per maand, inclusief ${formatPercent(s.rows.holidayPay.value, 'nl')} vakantiegeld (${formatEuro(s.rows.minimumWage.value, 'nl')} per uur, geldig vanaf ${formatLongDate(s.rows.minimumWage.provisional?.lastKnownFrom ?? s.rows.minimumWage.validFrom, 'nl')}${s.rows.minimumWage.provisional ? ', voorlopig' : ''}).`,
      `the statutory minimum wage for ${hours.en} hours a week is ${formatEuro(s.minimumWage, 'en')} a month, including ${formatPercent(s.rows.holidayPay.value, 'en')} holiday pay (${formatEuro(s.rows.minimumWage.value, 'en')} an hour, valid from ${formatLongDate(s.rows.minimumWage.provisional?.lastKnownFrom ?? s.rows.minimumWage.validFrom, 'en')}${s.rows.minimumWage.provisional ? ', provisional' : ''}).`,
    ),
    line(
      `de loonwaarde (wat de werknemer in deze functie aan werk levert, vastgesteld door een deskundige) is ${formatNumber(input.wageValuePercent, 'nl')}% van het uurloon van ${formatEuro(input.hourlyWage, 'nl')}; voor deze uren is dat ${formatEuro(s.wageValue, 'nl')} per maand inclusief vakantiegeld. Dat deel van het loon draagt u zelf.`,
      `the wage value (loonwaarde: the share of the work in this job the employee delivers, set by a qualified assessor) is ${formatNumber(input.wageValuePercent, 'en')}% of the hourly wage of ${formatEuro(input.hourlyWage, 'en')}; for these hours that is ${formatEuro(s.wageValue, 'en')} a month including holiday pay. You bear that part of the wage yourself.`,
    ),
  ];
  if (!s.difference.isPositive()) {
    lines.push(
      line(
        'de loonwaarde is gelijk aan of hoger dan het minimumloon, dus er is geen loonkostensubsidie.',
        'the wage value equals or exceeds the minimum wage, so there is no wage-cost subsidy.',
      ),
    );
    return lines;
  }
  const capApplied = s.difference.compare(s.cap) > 0;
  lines.push(
    line(
      `het verschil tussen minimumloon en loonwaarde is ${formatEuro(s.difference, 'nl')} per maand.`,
      `the difference between the minimum wage and the wage value is ${formatEuro(s.difference, 'en')} a month.`,
    ),
    line(
      `de subsidie is ten hoogste ${formatPercent(s.rows.cap.value, 'nl')} van het minimumloon inclusief vakantiegeld, ${formatEuro(s.cap, 'nl')}; ${capApplied ? 'het verschil is hoger, dus geldt dit maximum' : 'het verschil blijft daaronder'}.`,
      `the subsidy is at most ${formatPercent(s.rows.cap.value, 'en')} of the minimum wage including holiday pay, ${formatEuro(s.cap, 'en')}; ${capApplied ? 'the difference is higher, so this maximum applies' : 'the difference stays below it'}.`,
    ),
    line(
      `daarbovenop komt ${formatPercent(s.rows.allowance.value, 'nl')} tegemoetkoming in de werkgeverslasten: ${formatEuro(s.allowance, 'nl')}. Samen ${formatEuro(s.fullMonth, 'nl')} voor een hele maand.`,
      `on top of that comes ${formatPercent(s.rows.allowance.value, 'en')} towards employer costs: ${formatEuro(s.allowance, 'en')}. Together ${formatEuro(s.fullMonth, 'en')} for a whole month.`,
    ),
  );
  const days = daysInclusive(s.from, s.to);
  const { year, month: m } = parseMonth(input.month);
  const total = daysInMonth(year, m);
  if (days < total) {
    lines.push(
      line(
        `dit geldt voor ${days} van de ${total} dagen van ${month.nl}: ${formatEuro(s.fullMonth, 'nl')} × ${days}/${total} = ${formatEuro(s.amount, 'nl')}.`,
        `this applies to ${days} of the ${total} days of ${month.en}: ${formatEuro(s.fullMonth, 'en')} × ${days}/${total} = ${formatEuro(s.amount, 'en')}.`,
      ),
    );
  }
  return lines;
}

function joinNames(names: readonly ExplanationLine[], language: 'nl' | 'en'): string {
  const words = names.map((name) => name[language]);
  const and = language === 'nl' ? 'en' : 'and';
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${and} ${words.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface SubsidyCorrection {
  month: string;
  previousAmountCents: number;
  amountCents: number;
  /** New minus previous: what is still to be paid (positive) or paid too much (negative). */
  differenceCents: number;
  explanation: ExplanationLine[];
}

/** A new statement for a month whose stored statement used a provisional value; the stored one stays as it was. */
export function subsidyCorrection(previous: { month: string; amountCents: number }, current: WageCostSubsidyResult): SubsidyCorrection {
  const differenceCents = current.amountCents - previous.amountCents;
  const month: ExplanationLine = { nl: formatMonth(previous.month, 'nl'), en: formatMonth(previous.month, 'en') };
  const sign = (language: 'nl' | 'en') => (differenceCents > 0 ? '+' : '') + formatCents(differenceCents, language);
  return {
    month: previous.month,
    previousAmountCents: previous.amountCents,
    amountCents: current.amountCents,
    differenceCents,
    explanation: [
      {
        nl: `Correctie voor ${month.nl}: eerder opgegeven met een voorlopige waarde ${formatCents(previous.amountCents, 'nl')}, nu ${formatCents(current.amountCents, 'nl')}; verschil ${sign('nl')}.`,
        en: `Correction for ${month.en}: previously reported with a provisional value ${formatCents(previous.amountCents, 'en')}, now ${formatCents(current.amountCents, 'en')}; difference ${sign('en')}.`,
      },
    ],
  };
}
