import type { Locale } from '../platform/mail/mail-template.service.js';

const PARTS_OF_DAY: Record<Locale, Array<[fromHour: number, greeting: string]>> = {
  nl: [
    [0, 'Goedenavond'],
    [6, 'Goedemorgen'],
    [12, 'Goedemiddag'],
    [18, 'Goedenavond'],
  ],
  en: [
    [0, 'Good evening'],
    [6, 'Good morning'],
    [12, 'Good afternoon'],
    [18, 'Good evening'],
  ],
};

/** The greeting for the time of day in the Netherlands, wherever the server runs. */
export function greetingFor(now: Date, locale: Locale): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Amsterdam' }).format(now));
  const parts = PARTS_OF_DAY[locale];
  return parts.filter(([from]) => hour >= from).at(-1)![1];
}
