import type { Locale } from '../platform/mail/mail-template.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function calendarDay(date: Date): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(date);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * How long ago (or until) a moment, in words: "3 dagen geleden", "gisteren",
 * "2 uur geleden", "over 4 dagen". Days count on the Dutch calendar, so a
 * request from last night is "gisteren" this morning.
 */
export function relativeTime(now: Date, then: Date | string, locale: Locale): string {
  const moment = typeof then === 'string' ? new Date(then.length === 10 ? `${then}T12:00:00Z` : then) : then;
  const format = new Intl.RelativeTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { numeric: 'auto' });
  const days = calendarDay(moment) - calendarDay(now);
  if (days !== 0 || (typeof then === 'string' && then.length === 10)) return format.format(days, 'day');
  const minutes = Math.round((moment.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes === 0 ? -1 : minutes, 'minute');
  return format.format(Math.round(minutes / 60), 'hour');
}
