import type { Locale } from '../../platform/mail/mail-template.service.js';
import {
  ADAPTATIONS,
  BARRIERS,
  INSTRUMENTS,
  INTERMEDIATE_GOALS,
  type TaxonomyItem,
  WORK_BEHAVIOUR_DIMENSIONS,
} from '../../reference-data/taxonomies.js';
import { translate } from '../i18n.js';
import { translateOr } from '../help/page-support.js';

/** One block of the readable export: a title, its facts, and blocks inside it (a placement's check-ins). */
export interface DataCard {
  title?: string;
  rows: Array<{ label: string; value: string }>;
  cards: DataCard[];
}

export interface DataSection {
  title: string;
  cards: DataCard[];
  empty: boolean;
}

/** Technical keys a person has no use for: record ids, versions, map coordinates, calendar bookkeeping. */
const HIDDEN = new Set(['id', 'version', 'latitude', 'longitude', 'calendar_uid', 'calendar_sequence', 'explanation', 'kind']);
const ID_KEY = /(^|_)id$/;

/** What the export's keys (camelCase or snake_case, as the tables have them) mean, in plain words. */
const TAXONOMY_VALUES = new Map<string, TaxonomyItem>(
  [...BARRIERS, ...INTERMEDIATE_GOALS, ...INSTRUMENTS, ...WORK_BEHAVIOUR_DIMENSIONS, ...ADAPTATIONS].map((item) => [item.code, item]),
);

function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Which words a page shows for keys and coded values; options for the occupation names when known. */
export interface ViewOptions {
  locale: Locale;
  occupationName?: (code: string) => string | undefined;
}

function date(value: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

function dateTime(value: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(value);
}

function isMidnightUtc(value: Date): boolean {
  return value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
}

function label(key: string, locale: Locale): string {
  const name = snake(key);
  return translateOr(
    locale,
    `myData.key.${name}`,
    translateOr(locale, `myData.key.${name.replace(/_(at|on)$/, '')}`, name.replace(/_/g, ' ')),
  );
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length === 0;
  return false;
}

function isOccupationKey(key: string): boolean {
  return /occupation|isco/.test(key);
}

/** One value in words: dates in Dutch, yes/no, numbers with a decimal comma, codes by their name. */
function words(key: string, value: unknown, options: ViewOptions): string {
  const { locale } = options;
  // A date column arrives as midnight UTC: it is a day, not a moment ("om 02:00" would be made up).
  if (value instanceof Date) return isMidnightUtc(value) ? date(value.toISOString().slice(0, 10), locale) : dateTime(value, locale);
  if (typeof value === 'boolean') return translate(locale, value ? 'myData.yes' : 'myData.no');
  if (typeof value === 'number') return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB').format(value);
  if (Array.isArray(value)) return value.map((item) => words(key, item, options)).join(', ');
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return date(text, locale);
  if (/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(text)) return date(text.slice(0, 10), locale);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return dateTime(new Date(text), locale);
  if (/^-?\d+(\.\d+)?$/.test(text) && !isOccupationKey(key)) return words(key, Number(text), options);
  if (isOccupationKey(key) && /^\d{1,4}$/.test(text)) {
    const name = options.occupationName?.(text);
    return name ?? translate(locale, 'myData.occupationCode', { code: text });
  }
  const taxonomy = TAXONOMY_VALUES.get(text);
  if (taxonomy) return taxonomy[locale];
  return translateOr(locale, `myData.value.${snake(key)}.${text}`, translateOr(locale, `myData.value.${text}`, text));
}

/** A record as a card: plain facts as rows, nested records and lists of records as cards inside it. */
function card(record: Record<string, unknown>, options: ViewOptions, title?: string): DataCard {
  const rows: DataCard['rows'] = [];
  const cards: DataCard[] = [];
  for (const [key, value] of Object.entries(record)) {
    const name = snake(key);
    if (HIDDEN.has(name) || ID_KEY.test(name) || isEmpty(value)) continue;
    if (Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)) {
      for (const item of value as Array<Record<string, unknown>>) {
        const own = titleOf(item, options);
        cards.push(card(item, options, own ? `${label(key, options.locale)}: ${own}` : label(key, options.locale)));
      }
    } else if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      cards.push(card(value as Record<string, unknown>, options, label(key, options.locale)));
    } else {
      rows.push({ label: label(key, options.locale), value: words(key, value, options) });
    }
  }
  return { title, rows, cards };
}

/** A record's own name, when it has one (the employer of a placement, the subject of a mail). */
const TITLE_KEYS = ['employer', 'vacancy', 'subject', 'category', 'purpose', 'code', 'role'];

function titleOf(record: Record<string, unknown>, options: ViewOptions): string | undefined {
  const key = TITLE_KEYS.find((name) => typeof record[name] === 'string' && record[name] !== '');
  return key ? words(key, record[key], options) : undefined;
}

/** The export's sections as cards; `titles` are the sections' own Dutch headings. */
export function readableExport(
  sections: Record<string, unknown>,
  titles: Array<{ section: string; titleNl: string }>,
  options: ViewOptions,
): DataSection[] {
  return titles.map(({ section, titleNl }) => {
    const data = sections[section];
    const title = options.locale === 'nl' ? titleNl : translateOr('en', `myData.section.${section}`, titleNl);
    const records = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
    const cards = records.map((record) =>
      card(record as Record<string, unknown>, options, titleOf(record as Record<string, unknown>, options)),
    );
    return { title, cards, empty: cards.every((item) => item.rows.length === 0 && item.cards.length === 0) };
  });
}
