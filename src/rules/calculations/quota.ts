import { compareDates, daysInclusive, firstDayOfMonth, isIsoDate, lastDayOfMonth, maxDate, minDate, monthsOfYear } from './dates.js';
import { type ExplanationLine, formatEuro, formatLongDate, formatNumber, formatPercent } from './explain.js';
import { Fraction } from './fraction.js';
import { toCents } from './money.js';
import { type AnyParameterValue, MissingParameterError, type ParameterSource, ParameterLog } from './parameters.js';
import { explainParametersUsed } from './sources.js';

/**
 * Banenafspraak (the Dutch jobs agreement for people in the target-group
 * register) status of one employer (fiscal number) for one calendar year:
 * target-group hours counted as jobs of quotaJobHoursPerYear hours, the
 * quota requirement (quota percentage x the employer's total paid hours),
 * and what a shortfall costs or how many people would close it.
 *
 * Quota figures are per calendar year, so the parameters valid on 1 January
 * of that year apply to the whole year; the regime in force on that day too.
 */
export type Sector = 'public' | 'private';

/**
 * Seconded and agency workers count at the employer that hires them in.
 * 'hiring': this employer has the work done (its own staff or a worker it
 * hires in), so the hours count here. 'lending': this employer lends the
 * worker out; the hours count at the hirer, not here.
 */
export type CountsAt = 'hiring' | 'lending';

export interface TargetGroupHours {
  paidHours: number;
  countsAt: CountsAt;
  origin?: 'placement' | 'employer';
  reference?: string;
}

export interface QuotaInput {
  /** The employer's payroll tax number (loonheffingennummer); the quota is assessed per fiscal number. */
  fiscalNumber: string;
  year: number;
  sector: Sector;
  totalPaidHours: number;
  employeeCount: number;
  targetGroup: readonly TargetGroupHours[];
  /** Set (1-11) when the hours are year-to-date figures: they are extrapolated linearly to the full year. */
  monthsElapsed?: number;
  /** Contract sizes for "what closes the gap"; defaults to 12, 16, 20 and 25.5 hours a week. */
  hoursPerWeekOptions?: readonly number[];
}

export interface QuotaRequirement {
  quotaPercentage: number;
  requiredHours: number;
  jobsRequired: number;
  /** Jobs required minus jobs counted; negative when there is a surplus. */
  shortfallJobs: number;
  missingJobs: number;
  surplusJobs: number;
  missingHours: number;
}

export interface GapClosingOption {
  hoursPerWeek: number;
  /** Quota hours one more person at this size adds in the rest of the year. */
  hoursPerPerson: number;
  additionalPeople: number;
}

export type QuotaRegime = 'levy' | 'inclusiveness';

export interface QuotaStatus {
  fiscalNumber: string;
  year: number;
  sector: Sector;
  regime: QuotaRegime;
  /** 12 for full-year figures, else the months the figures were extrapolated from. */
  monthsBasis: number;
  totalPaidHours: number;
  targetGroupHours: number;
  /** Hours of target-group workers this employer lends out: they count at the hirer. */
  lentOutHours: number;
  jobsCounted: number;
  /** Decided by paid hours alone (the threshold in hours); headcount is shown as information. */
  quotaApplies: boolean;
  /** Whether a levy was actually imposed for this year and sector (a dated flag, false unless a source confirms it). */
  levyImposed: boolean;
  thresholdEmployees: number;
  thresholdHours: number;
  /** Null when no quota percentage is set for this sector and year. */
  requirement: QuotaRequirement | null;
  /** Levy regime only, and only for a year with an imposed levy; null otherwise (or without a quota percentage). */
  estimatedLevyCents: number | null;
  /** Inclusiveness regime only: the bonus per counted job. */
  bonusCents: number | null;
  closingTheGap: GapClosingOption[];
  parametersUsed: AnyParameterValue[];
  explanation: ExplanationLine[];
}

export interface ProgressionEntry {
  hoursPerWeek: number;
  start: string;
  end?: string | null;
  countsAt: CountsAt;
}

export interface ProgressionMonth {
  /** 'YYYY-MM' */
  month: string;
  hours: number;
  cumulativeHours: number;
  cumulativeJobs: number;
}

export interface QuotaProgression {
  year: number;
  months: ProgressionMonth[];
  parametersUsed: AnyParameterValue[];
}

const DEFAULT_HOURS_PER_WEEK_OPTIONS: readonly number[] = [12, 16, 20, 25.5];
const SECTOR_NAMES: Record<Sector, ExplanationLine> = {
  public: { nl: 'de overheid', en: 'the public sector' },
  private: { nl: 'het bedrijfsleven', en: 'the private sector' },
};

function activationDate(parameters: ParameterSource, log: ParameterLog, on: string): string | null {
  try {
    return log.record(parameters.dateOn('inclusivenessRegimeStart', on)).value;
  } catch (error) {
    if (error instanceof MissingParameterError) return null;
    throw error;
  }
}

export function quotaStatus(input: QuotaInput, parameters: ParameterSource): QuotaStatus {
  validate(input);
  const on = `${input.year}-01-01`;
  const log = new ParameterLog();
  const jobHoursPerYear = Fraction.of(log.record(parameters.valueOn('quotaJobHoursPerYear', on)).value);
  const jobHoursPerWeek = Fraction.of(log.record(parameters.valueOn('quotaJobHoursPerWeek', on)).value);
  const averageJobHours = log.record(parameters.valueOn('averageJobHoursPerYear', on)).value;
  const thresholdEmployees = log.record(parameters.valueOn('quotaThresholdEmployees', on)).value;
  // The new regime starts only after an activation decision: without a start date in the data, the levy regime stays.
  const regimeStart = activationDate(parameters, log, on);
  const regime: QuotaRegime = regimeStart !== null && compareDates(on, regimeStart) >= 0 ? 'inclusiveness' : 'levy';
  const percentageRow = parameters.findValueOn('quotaPercentage', on, input.sector);
  if (percentageRow) log.record(percentageRow);

  const monthsBasis = input.monthsElapsed ?? 12;
  const toFullYear = Fraction.ratio(12, monthsBasis);
  const totalPaidHours = Fraction.of(input.totalPaidHours).times(toFullYear);
  const sumHours = (countsAt: CountsAt) =>
    Fraction.sum(input.targetGroup.filter((entry) => entry.countsAt === countsAt).map((entry) => Fraction.of(entry.paidHours))).times(
      toFullYear,
    );
  const targetGroupHours = sumHours('hiring');
  const lentOutHours = sumHours('lending');
  const jobsCounted = targetGroupHours.dividedBy(jobHoursPerYear);
  const thresholdHours = Fraction.of(thresholdEmployees).times(averageJobHours);
  // The Quotumwet counts the 25-employee threshold in paid hours (25 x the average yearly hours per job).
  const quotaApplies = totalPaidHours.compare(thresholdHours) >= 0;

  const required = percentageRow ? totalPaidHours.times(percentageRow.value) : null;
  const missingHours = required && quotaApplies ? Fraction.max(required.minus(targetGroupHours), Fraction.ZERO) : Fraction.ZERO;
  const requirement =
    required && percentageRow ? describeRequirement(percentageRow.value, required, targetGroupHours, jobHoursPerYear, quotaApplies) : null;

  const rules: ExplainedRules = { jobHoursPerWeek: jobHoursPerWeek.toNumber(), jobHoursPerYear: jobHoursPerYear.toNumber(), regimeStart };
  let estimatedLevyCents: number | null = null;
  let bonusCents: number | null = null;
  let levyImposed = false;
  if (regime === 'levy' && required) {
    const imposedRow = parameters.findValueOn('quotaLevyImposed', on, input.sector);
    if (imposedRow) log.record(imposedRow);
    levyImposed = imposedRow?.value === 1;
    if (levyImposed) {
      rules.levyPerMissingJob = log.record(parameters.valueOn('quotaLevyPerMissingJob', on)).value;
      estimatedLevyCents = quotaApplies ? toCents(missingHours.dividedBy(jobHoursPerYear).times(rules.levyPerMissingJob)) : 0;
    }
  }
  if (regime === 'inclusiveness') {
    rules.bonusPerJob = log.record(parameters.valueOn('inclusivenessBonusPerJob', on)).value;
    bonusCents = toCents(jobsCounted.times(rules.bonusPerJob));
  }

  const remainingShare = monthsBasis < 12 ? Fraction.ratio(12 - monthsBasis, 12) : Fraction.ONE;
  const closingTheGap = missingHours.isPositive()
    ? (input.hoursPerWeekOptions ?? DEFAULT_HOURS_PER_WEEK_OPTIONS).map((hoursPerWeek) => {
        const hoursPerPerson = Fraction.of(hoursPerWeek).times(jobHoursPerYear).dividedBy(jobHoursPerWeek).times(remainingShare);
        return {
          hoursPerWeek,
          hoursPerPerson: hoursPerPerson.toNumber(),
          additionalPeople: Number(missingHours.dividedBy(hoursPerPerson).ceil()),
        };
      })
    : [];

  const status: Omit<QuotaStatus, 'explanation'> = {
    fiscalNumber: input.fiscalNumber,
    year: input.year,
    sector: input.sector,
    regime,
    monthsBasis,
    totalPaidHours: totalPaidHours.toNumber(),
    targetGroupHours: targetGroupHours.toNumber(),
    lentOutHours: lentOutHours.toNumber(),
    jobsCounted: jobsCounted.toNumber(),
    quotaApplies,
    levyImposed,
    thresholdEmployees,
    thresholdHours: thresholdHours.toNumber(),
    requirement,
    estimatedLevyCents,
    bonusCents,
    closingTheGap,
    parametersUsed: log.list(),
  };
  return { ...status, explanation: [...explain(input, status, rules), ...explainParametersUsed(status.parametersUsed)] };
}

/** Target-group hours per month and cumulatively, for a chart of the year's progress. */
export function monthlyProgression(year: number, entries: readonly ProgressionEntry[], parameters: ParameterSource): QuotaProgression {
  if (!Number.isInteger(year)) throw new RangeError('year must be an integer');
  const on = `${year}-01-01`;
  const log = new ParameterLog();
  const jobHoursPerYear = Fraction.of(log.record(parameters.valueOn('quotaJobHoursPerYear', on)).value);
  const jobHoursPerWeek = Fraction.of(log.record(parameters.valueOn('quotaJobHoursPerWeek', on)).value);
  const counted = entries.filter((entry) => entry.countsAt === 'hiring');
  for (const entry of counted) {
    if (!(Number.isFinite(entry.hoursPerWeek) && entry.hoursPerWeek >= 0)) throw new RangeError('hoursPerWeek must be zero or more');
    if (!isIsoDate(entry.start) || (entry.end && !isIsoDate(entry.end))) throw new RangeError('start and end must be YYYY-MM-DD dates');
  }
  let cumulative = Fraction.ZERO;
  const months = monthsOfYear(year).map((month) => {
    const monthStart = firstDayOfMonth(month);
    const monthEnd = lastDayOfMonth(month);
    const daysInMonth = daysInclusive(monthStart, monthEnd);
    const hours = Fraction.sum(
      counted.map((entry) => {
        const from = maxDate(monthStart, entry.start);
        const to = entry.end ? minDate(monthEnd, entry.end) : monthEnd;
        const fullMonthHours = Fraction.of(entry.hoursPerWeek).times(jobHoursPerYear).dividedBy(jobHoursPerWeek).dividedBy(12);
        return fullMonthHours.times(Fraction.ratio(daysInclusive(from, to), daysInMonth));
      }),
    );
    cumulative = cumulative.plus(hours);
    return {
      month,
      hours: hours.toNumber(),
      cumulativeHours: cumulative.toNumber(),
      cumulativeJobs: cumulative.dividedBy(jobHoursPerYear).toNumber(),
    };
  });
  return { year, months, parametersUsed: log.list() };
}

function validate(input: QuotaInput): void {
  if (!Number.isInteger(input.year)) throw new RangeError('year must be an integer');
  if (!(Number.isFinite(input.totalPaidHours) && input.totalPaidHours >= 0)) throw new RangeError('totalPaidHours must be zero or more');
  if (!(Number.isInteger(input.employeeCount) && input.employeeCount >= 0)) throw new RangeError('employeeCount must be a whole number');
  if (input.targetGroup.some((entry) => !(Number.isFinite(entry.paidHours) && entry.paidHours >= 0))) {
    throw new RangeError('paidHours must be zero or more');
  }
  const months = input.monthsElapsed;
  if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= 12)) {
    throw new RangeError('monthsElapsed must be a whole number from 1 to 12');
  }
  if (input.hoursPerWeekOptions?.some((hours) => !(Number.isFinite(hours) && hours > 0))) {
    throw new RangeError('hoursPerWeekOptions must be positive numbers');
  }
}

function describeRequirement(
  percentage: number,
  required: Fraction,
  counted: Fraction,
  jobHoursPerYear: Fraction,
  quotaApplies: boolean,
): QuotaRequirement {
  const computed = required.minus(counted).dividedBy(jobHoursPerYear);
  // An employer below the threshold has no missing jobs, whatever the percentage would ask.
  const shortfall = quotaApplies ? computed : Fraction.min(computed, Fraction.ZERO);
  return {
    quotaPercentage: percentage,
    requiredHours: required.toNumber(),
    jobsRequired: required.dividedBy(jobHoursPerYear).toNumber(),
    shortfallJobs: shortfall.toNumber(),
    missingJobs: Fraction.max(shortfall, Fraction.ZERO).toNumber(),
    surplusJobs: Fraction.max(computed.negate(), Fraction.ZERO).toNumber(),
    missingHours: quotaApplies ? Fraction.max(required.minus(counted), Fraction.ZERO).toNumber() : 0,
  };
}

interface ExplainedRules {
  jobHoursPerWeek: number;
  jobHoursPerYear: number;
  regimeStart: string | null;
  levyPerMissingJob?: number;
  bonusPerJob?: number;
}

function explain(input: QuotaInput, s: Omit<QuotaStatus, 'explanation'>, rules: ExplainedRules): ExplanationLine[] {
  const { jobHoursPerWeek, jobHoursPerYear, levyPerMissingJob, bonusPerJob } = rules;
  const n = (value: number, language: 'nl' | 'en') => formatNumber(value, language);
  const lines: ExplanationLine[] = [
    {
      nl: `Banenafspraak: werkgevers zorgen samen voor banen voor mensen uit het doelgroepregister. Eén baan telt als ${n(jobHoursPerWeek, 'nl')} verloonde uren per week, ${n(jobHoursPerYear, 'nl')} uur per jaar.`,
      en: `Banenafspraak (the Dutch jobs agreement): employers jointly provide jobs for people in the target-group register. One job counts as ${n(jobHoursPerWeek, 'en')} paid hours a week, ${n(jobHoursPerYear, 'en')} hours a year.`,
    },
  ];
  if (s.monthsBasis < 12) {
    lines.push({
      nl: `Dit zijn de cijfers over ${s.monthsBasis} maanden, doorgetrokken naar een heel jaar (× 12/${s.monthsBasis}).`,
      en: `These are the figures for ${s.monthsBasis} months, extrapolated to a full year (× 12/${s.monthsBasis}).`,
    });
  }
  lines.push({
    nl: `Uw medewerkers uit de doelgroep werken ${n(s.targetGroupHours, 'nl')} uur in ${input.year}: ${n(s.jobsCounted, 'nl')} banen.`,
    en: `Your target-group employees work ${n(s.targetGroupHours, 'en')} hours in ${input.year}: ${n(s.jobsCounted, 'en')} jobs.`,
  });
  if (s.lentOutHours > 0) {
    lines.push({
      nl: `${n(s.lentOutHours, 'nl')} uur van medewerkers die u uitleent tellen mee bij de werkgever die hen inleent, niet bij u.`,
      en: `${n(s.lentOutHours, 'en')} hours of workers you lend out count at the employer that hires them in, not at yours.`,
    });
  }
  lines.push({
    nl: `De quotumregeling geldt voor werkgevers met ${n(s.thresholdEmployees, 'nl')} of meer werknemers, geteld in verloonde uren: ${n(s.thresholdEmployees, 'nl')} × ${n(s.thresholdHours / s.thresholdEmployees, 'nl')} = ${n(s.thresholdHours, 'nl')} uur per jaar. U heeft ${n(s.totalPaidHours, 'nl')} verloonde uren, dus de regeling geldt ${s.quotaApplies ? 'voor u' : 'niet voor u'}. Ter informatie: u heeft ${n(input.employeeCount, 'nl')} werknemers; het aantal personen beslist niet.`,
    en: `The quota applies to employers with ${n(s.thresholdEmployees, 'en')} or more employees, counted in paid hours: ${n(s.thresholdEmployees, 'en')} × ${n(s.thresholdHours / s.thresholdEmployees, 'en')} = ${n(s.thresholdHours, 'en')} hours a year. You have ${n(s.totalPaidHours, 'en')} paid hours, so it ${s.quotaApplies ? 'applies' : 'does not apply'} to you. For information: you have ${n(input.employeeCount, 'en')} employees; headcount does not decide.`,
  });
  const sector = SECTOR_NAMES[input.sector];
  const r = s.requirement;
  if (!r) {
    lines.push({
      nl: `Voor ${sector.nl} is het quotumpercentage voor ${input.year} niet bevestigd door een bron, dus Werkbrug rekent geen verplicht aantal banen.`,
      en: `No source confirms a quota percentage for ${sector.en} for ${input.year}, so Werkbrug calculates no required number of jobs.`,
    });
    return lines;
  }
  lines.push({
    nl: `Het quotumpercentage voor ${sector.nl} in ${input.year} is ${formatPercent(r.quotaPercentage, 'nl', 3)} van uw verloonde uren: ${n(r.requiredHours, 'nl')} uur, ${n(r.jobsRequired, 'nl')} banen.`,
    en: `The quota percentage for ${sector.en} in ${input.year} is ${formatPercent(r.quotaPercentage, 'en', 3)} of your paid hours: ${n(r.requiredHours, 'en')} hours, ${n(r.jobsRequired, 'en')} jobs.`,
  });
  if (!s.quotaApplies) {
    lines.push({
      nl: 'Omdat de regeling niet voor u geldt, komt u geen banen tekort.',
      en: 'As the quota does not apply to you, you are not short of any jobs.',
    });
  } else {
    lines.push(
      r.missingJobs > 0
        ? { nl: `U komt ${n(r.missingJobs, 'nl')} banen tekort.`, en: `You are ${n(r.missingJobs, 'en')} jobs short.` }
        : {
            nl: `U heeft ${n(r.surplusJobs, 'nl')} banen meer dan vereist.`,
            en: `You have ${n(r.surplusJobs, 'en')} jobs more than required.`,
          },
    );
  }
  if (s.regime === 'levy' && !s.levyImposed) {
    lines.push({
      nl: `Over ${input.year} is voor ${sector.nl} geen quotumheffing opgelegd, dus er is geen heffing.`,
      en: `No quota levy was imposed for ${sector.en} over ${input.year}, so there is no levy.`,
    });
  }
  if (s.estimatedLevyCents !== null && levyPerMissingJob !== undefined) {
    const levy = levyPerMissingJob;
    lines.push(
      s.quotaApplies
        ? {
            nl: `Geschatte quotumheffing: ${n(r.missingJobs, 'nl')} × ${formatEuro(levy, 'nl')} per ontbrekende baan = ${formatEuro(s.estimatedLevyCents / 100, 'nl')}.`,
            en: `Estimated quota levy: ${n(r.missingJobs, 'en')} × ${formatEuro(levy, 'en')} per missing job = ${formatEuro(s.estimatedLevyCents / 100, 'en')}.`,
          }
        : {
            nl: 'Er is geen quotumheffing, omdat de regeling niet voor u geldt.',
            en: 'There is no quota levy, as the quota does not apply to you.',
          },
    );
  }
  if (s.bonusCents !== null && bonusPerJob !== undefined) {
    const bonus = bonusPerJob;
    lines.push({
      nl: `Sinds ${formatLongDate(rules.regimeStart!, 'nl')} geldt de inclusiviteitsregeling: de opslag wordt hier niet berekend. De bonus is ${formatEuro(bonus, 'nl')} per baan: ${n(s.jobsCounted, 'nl')} × ${formatEuro(bonus, 'nl')} = ${formatEuro(s.bonusCents / 100, 'nl')}.`,
      en: `Since ${formatLongDate(rules.regimeStart!, 'en')} the inclusiveness regime applies: its surcharge is not calculated here. The bonus is ${formatEuro(bonus, 'en')} per job: ${n(s.jobsCounted, 'en')} × ${formatEuro(bonus, 'en')} = ${formatEuro(s.bonusCents / 100, 'en')}.`,
    });
  }
  const [first, ...others] = s.closingTheGap;
  if (first) {
    const rest: ExplanationLine =
      s.monthsBasis < 12 ? { nl: ' voor de rest van het jaar', en: ' for the rest of the year' } : { nl: '', en: '' };
    const people = (count: number, language: 'nl' | 'en') =>
      language === 'nl' ? (count === 1 ? '1 persoon' : `${count} mensen`) : count === 1 ? '1 person' : `${count} people`;
    lines.push({
      nl: `Om het tekort te dichten heeft u${rest.nl} nodig: ${people(first.additionalPeople, 'nl')} van ${n(first.hoursPerWeek, 'nl')} uur per week${others.map((o) => `, of ${o.additionalPeople} van ${n(o.hoursPerWeek, 'nl')} uur`).join('')}.`,
      en: `To close the gap${rest.en} you need ${people(first.additionalPeople, 'en')} at ${n(first.hoursPerWeek, 'en')} hours a week${others.map((o) => `, or ${o.additionalPeople} at ${n(o.hoursPerWeek, 'en')} hours`).join('')}.`,
    });
  }
  return lines;
}
