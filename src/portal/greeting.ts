import type { Locale } from '../platform/mail/mail-template.service.js';

const PARTS_OF_DAY: Record<Locale, Array<[fromHour: number, greeting: string]>> = {
  nl: [
    [0, 'Goedenacht'],
    [6, 'Goedemorgen'],
    [12, 'Goedemiddag'],
    [18, 'Goedenavond'],
  ],
  en: [
    // "Good night" is a goodbye in English: a neutral hello at night.
    [0, 'Hello'],
    [6, 'Good morning'],
    [12, 'Good afternoon'],
    [18, 'Good evening'],
  ],
};

/** The greeting for the time of day in the Netherlands (night from 0:00 to 6:00), wherever the server runs. */
export function greetingFor(now: Date, locale: Locale): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Amsterdam' }).format(now));
  const parts = PARTS_OF_DAY[locale];
  return parts.filter(([from]) => hour >= from).at(-1)![1];
}
