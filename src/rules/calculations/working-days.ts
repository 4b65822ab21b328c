/**
 * Dutch working days: Monday to Friday, minus the national public holidays
 * that are a general day off. Good Friday is not one (many collective
 * agreements give it, the law does not), and Liberation Day counts only in
 * lustrum years (2025, 2030, ...), as most collective agreements have it.
 *
 * Computed, not looked up, so there is no yearly table to forget. If the
 * `date-holidays` package is added later, `dutchPublicHolidays` is the one
 * function to replace.
 */

export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const holidayCache = new Map<number, Map<string, string>>();

/** The general public holidays of a year: date (YYYY-MM-DD) to name. */
export function dutchPublicHolidays(year: number): Map<string, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const kingsDay = dayOfWeek(isoDate(year, 4, 27)) === 0 ? isoDate(year, 4, 26) : isoDate(year, 4, 27);
  const holidays = new Map<string, string>([
    [isoDate(year, 1, 1), "New Year's Day"],
    [addCalendarDays(easter, 1), 'Easter Monday'],
    [kingsDay, "King's Day"],
    [addCalendarDays(easter, 39), 'Ascension Day'],
    [addCalendarDays(easter, 50), 'Whit Monday'],
    [isoDate(year, 12, 25), 'Christmas Day'],
    [isoDate(year, 12, 26), 'Boxing Day'],
  ]);
  if (year % 5 === 0) holidays.set(isoDate(year, 5, 5), 'Liberation Day');
  holidayCache.set(year, holidays);
  return holidays;
}

export function isDutchPublicHoliday(date: string): boolean {
  return dutchPublicHolidays(Number(date.slice(0, 4))).has(date);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isDutchPublicHoliday(date);
}

/**
 * The moment `n` working days after `instant`, at the same wall-clock time in
 * `timeZone`. A request on Friday at 15:00 with one working day is due on
 * Monday at 15:00; one made on a Saturday is due on Monday at the same time
 * as well. `n = 0` returns the instant itself.
 */
export function addWorkingDays(instant: Date, n: number, timeZone: string = DUTCH_TIME_ZONE): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number of working days, zero or more');
  if (n === 0) return new Date(instant);
  const local = zonedParts(instant, timeZone);
  let date = local.date;
  for (let left = n; left > 0;) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return fromZoned(date, local.hour, local.minute, local.second, local.millisecond, timeZone);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string = DUTCH_TIME_ZONE): string {
  return zonedParts(instant, timeZone).date;
}

export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday ... 6 = Saturday. */
function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

interface ZonedParts {
  date: string;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const local = zonedParts(instant, timeZone);
  const [year, month, day] = local.date.split('-').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, local.hour, local.minute, local.second, local.millisecond);
  return asUtc - instant.getTime();
}

/** The instant of a wall-clock time in a zone; a time skipped by the spring DST change moves forward an hour. */
function fromZoned(date: string, hour: number, minute: number, second: number, millisecond: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  const corrected = wall - offsetAt(new Date(guess), timeZone);
  if (corrected !== guess) guess = corrected;
  return new Date(guess);
}
