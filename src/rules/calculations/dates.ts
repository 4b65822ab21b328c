import type { ParameterSource, ParameterValue } from './parameters.js';

/**
 * Calendar arithmetic on plain 'YYYY-MM-DD' dates and 'YYYY-MM' months.
 * Everything goes through epoch days in UTC, so the host's time zone and
 * daylight saving never shift a date.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseDate(date: string): CalendarDate {
  if (!isIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: "${date}"`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

export function parseMonth(month: string): { year: number; month: number } {
  const match = MONTH.exec(month);
  const value = match ? { year: Number(match[1]), month: Number(match[2]) } : null;
  if (!value || value.month < 1 || value.month > 12) throw new RangeError(`Not a valid YYYY-MM month: "${month}"`);
  return value;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function toEpochDay(date: string): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): string {
  const d = new Date(epochDay * MS_PER_DAY);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Same day of the month `months` later; a day the target month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatDate({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/**
 * Last day of a period of `months` starting on `start`. The period ends the
 * day before its anniversary; when the anniversary day does not exist
 * (a period from 31 January, or from 29 February counted in years) it ends on
 * the last day of that month, so no day is lost and none counted twice.
 */
export function periodLastDay(start: string, months: number): string {
  const anniversary = addMonths(start, months);
  return parseDate(anniversary).day < parseDate(start).day ? anniversary : addDays(anniversary, -1);
}

/** Days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, toEpochDay(to) - toEpochDay(from) + 1);
}

export function compareDates(a: string, b: string): number {
  return toEpochDay(a) - toEpochDay(b);
}

export function maxDate(a: string, b: string): string {
  return compareDates(a, b) >= 0 ? a : b;
}

export function minDate(a: string, b: string): string {
  return compareDates(a, b) <= 0 ? a : b;
}

export function firstDayOfMonth(month: string): string {
  const { year, month: m } = parseMonth(month);
  return formatDate({ year, month: m, day: 1 });
}

export function lastDayOfMonth(month: string): string {
  const { year, month: m } = parseMonth(month);
  return formatDate({ year, month: m, day: daysInMonth(year, m) });
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every 'YYYY-MM' from `fromMonth` to `toMonth`, both included. */
export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const from = parseMonth(fromMonth);
  const to = parseMonth(toMonth);
  const months: string[] = [];
  for (let index = from.year * 12 + from.month - 1; index <= to.year * 12 + to.month - 1; index++) {
    months.push(`${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}`);
  }
  return months;
}

export function monthsOfYear(year: number): string[] {
  return monthsBetween(`${year}-01`, `${year}-12`);
}

/** The dates from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = toEpochDay(from); day <= toEpochDay(to); day++) days.push(fromEpochDay(day));
  return days;
}

export interface NoRiskPolicyPeriod {
  lastCoveredDay: string;
  years: number;
  parameter: ParameterValue;
}

/**
 * Last day the no-risk policy (no-riskpolis, Ziektewet art. 29b) covers an
 * employment that started on `contractStart`. The period per target group is
 * a parameter; groups without their own row use the 'default' row.
 */
export function noRiskPolicyEnd(contractStart: string, group: string, parameters: ParameterSource): NoRiskPolicyPeriod {
  const parameter =
    parameters.findValueOn('noRiskPolicyYears', contractStart, group) ?? parameters.valueOn('noRiskPolicyYears', contractStart, 'default');
  return { lastCoveredDay: periodLastDay(contractStart, parameter.value * 12), years: parameter.value, parameter };
}

/** First day on which a placement counts as durable: the day after `months` of continuous employment. */
export function durableFrom(contractStart: string, months: number): string {
  return addDays(periodLastDay(contractStart, months), 1);
}

/** Due date of the next wage-value assessment; a missing day of the month falls back to the month's last day. */
export function nextReassessment(assessmentDate: string, intervalMonths: number): string {
  return addMonths(assessmentDate, intervalMonths);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
