import { type ExplanationLine, formatLongDate, formatNumber } from './explain.js';
import type { AnyParameterValue } from './parameters.js';

/** One line per value a calculation used: the value, from when it applies and where it comes from. */
export function explainParametersUsed(rows: readonly AnyParameterValue[]): ExplanationLine[] {
  return rows.map((row) => {
    const scope = row.scope === undefined ? '' : ` (${row.scope})`;
    const value = (language: 'nl' | 'en') =>
      typeof row.value === 'number' ? formatNumber(row.value, language, 4) : formatLongDate(row.value, language);
    return {
      nl: `Gebruikte waarde ${row.key}${scope} = ${value('nl')}, geldig vanaf ${formatLongDate(row.validFrom, 'nl')}; ${originOf(row, 'nl')}: ${row.source}`,
      en: `Value used ${row.key}${scope} = ${value('en')}, valid from ${formatLongDate(row.validFrom, 'en')}; ${originOf(row, 'en')}: ${row.source}`,
    };
  });
}

/** True when any value used is provisional (not yet published). */
export function isProvisional(rows: readonly AnyParameterValue[]): boolean {
  return rows.some((row) => row.origin === 'provisional');
}

/** Plain-language notes for each provisional value, for pages and API answers. */
export function provisionalNotes(rows: readonly AnyParameterValue[]): ExplanationLine[] {
  return rows
    .filter((row) => row.origin === 'provisional' && row.provisional)
    .map((row) => ({
      nl: `Voorlopig: ${row.key === 'minimumWagePerHour' ? 'het minimumloon' : row.key} per ${formatLongDate(row.provisional!.periodStart, 'nl')} is nog niet bekend in Werkbrug. Er is gerekend met de laatst bekende waarde (${formatNumber(Number(row.value), 'nl', 4)}, geldig vanaf ${formatLongDate(row.provisional!.lastKnownFrom, 'nl')}); het bedrag wordt gecorrigeerd zodra de nieuwe waarde bekend is.`,
      en: `Provisional: ${row.key === 'minimumWagePerHour' ? 'the minimum wage' : row.key} from ${formatLongDate(row.provisional!.periodStart, 'en')} is not yet known in Werkbrug. The last known value (${formatNumber(Number(row.value), 'en', 4)}, valid from ${formatLongDate(row.provisional!.lastKnownFrom, 'en')}) was used; the amount is corrected once the new value is known.`,
    }));
}

function originOf(row: AnyParameterValue, language: 'nl' | 'en'): string {
  const at = row.recordedAt ? formatLongDate(row.recordedAt.slice(0, 10), language) : null;
  switch (row.origin) {
    case 'organisation': {
      const who = [row.recordedBy, at].filter(Boolean).join(', ');
      const suffix = who ? ` (${who})` : '';
      return language === 'nl' ? `ingevoerd door uw organisatie${suffix}, bron` : `entered by your organisation${suffix}, source`;
    }
    case 'provisional':
      return language === 'nl' ? 'voorlopige waarde, bron' : 'provisional value, source';
    default:
      return language === 'nl' ? 'landelijke gegevens, bron' : 'national reference data, source';
  }
}
