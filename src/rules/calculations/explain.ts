import { parseDate } from './dates.js';
import { Fraction } from './fraction.js';
import { toCents } from './money.js';

/** One plain-language sentence, in Dutch and in English. */
export interface ExplanationLine {
  nl: string;
  en: string;
}

export type Language = keyof ExplanationLine;

const MONTHS: Record<Language, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  nl: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** An amount in euros, rounded to cents for display: '€ 1.529,84' in Dutch, '€1,529.84' in English. */
export function formatEuro(euros: Fraction | number, language: Language): string {
  return formatCents(toCents(euros instanceof Fraction ? euros : Fraction.of(euros)), language);
}

export function formatCents(cents: number, language: Language): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const { decimal } = SEPARATORS[language];
  const text = `${groupDigits(Math.floor(absolute / 100), language)}${decimal}${String(absolute % 100).padStart(2, '0')}`;
  return language === 'nl' ? `${sign}€ ${text}` : `${sign}€${text}`;
}

/** At most `maxDecimals` decimals, trailing zeros dropped: '25,5' / '25.5', '40.575' / '40,575'. */
export function formatNumber(value: number | Fraction, language: Language, maxDecimals = 2): string {
  const numeric = typeof value === 'number' ? value : value.toNumber();
  const [whole = '0', decimals = ''] = Math.abs(numeric).toFixed(maxDecimals).split('.');
  const trimmed = decimals.replace(/0+$/, '');
  const sign = numeric < 0 && Number(`${whole}.${trimmed || '0'}`) !== 0 ? '-' : '';
  return `${sign}${groupDigits(Number(whole), language)}${trimmed ? SEPARATORS[language].decimal + trimmed : ''}`;
}

/** A rate given as a fraction: 0.235 becomes '23,5%' / '23.5%'. */
export function formatPercent(rate: number | Fraction, language: Language, maxDecimals = 2): string {
  const numeric = typeof rate === 'number' ? rate : rate.toNumber();
  return `${formatNumber(numeric * 100, language, maxDecimals)}%`;
}

/** '1 juli 2024' / '1 July 2024'. */
export function formatLongDate(date: string, language: Language): string {
  const { year, month, day } = parseDate(date);
  return `${day} ${MONTHS[language][month - 1]} ${year}`;
}

/** 'juli 2024' / 'July 2024' for '2024-07'. */
export function formatMonth(month: string, language: Language): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[language][m - 1]} ${year}`;
}

function groupDigits(whole: number, language: Language): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, SEPARATORS[language].group);
}
