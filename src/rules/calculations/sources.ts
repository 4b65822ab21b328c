import { parameterLabel, parameterValue } from './parameter-labels.js';
import { type ExplanationLine, formatLongDate } from './explain.js';
import type { AnyParameterValue } from './parameters.js';

/** One line per value a calculation used: the value, from when it applies and where it comes from. */
export function explainParametersUsed(rows: readonly AnyParameterValue[]): ExplanationLine[] {
  return rows.map((row) => {
    const line = (language: 'nl' | 'en') => {
      const scope = row.scope === undefined ? '' : ` (${row.scope})`;
      // A provisional value is the last known one: it says since when that one applies, not the period it stands in for.
      const from = formatLongDate(
        row.origin === 'provisional' && row.provisional ? row.provisional.lastKnownFrom : row.validFrom,
        language,
      );
      const used = language === 'nl' ? 'Gebruikt' : 'Used';
      const valid = language === 'nl' ? 'geldig vanaf' : 'valid from';
      return `${used}: ${parameterLabel(row.key, language)}${scope} ${parameterValue(row.key, row.value, language)}, ${valid} ${from}; ${originOf(row, language)}: ${row.source}`;
    };
    return { nl: line('nl'), en: line('en') };
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
      nl: `Voorlopig: ${row.key === 'minimumWagePerHour' ? 'het minimumloon' : `de waarde voor ${parameterLabel(row.key, 'nl')}`} per ${formatLongDate(row.provisional!.periodStart, 'nl')} is nog niet bekend in Werkbrug. Er is gerekend met de laatst bekende waarde (${parameterValue(row.key, row.value, 'nl')}, geldig vanaf ${formatLongDate(row.provisional!.lastKnownFrom, 'nl')}); het bedrag wordt gecorrigeerd zodra de nieuwe waarde bekend is.`,
      en: `Provisional: ${row.key === 'minimumWagePerHour' ? 'the minimum wage' : `the value for ${parameterLabel(row.key, 'en')}`} from ${formatLongDate(row.provisional!.periodStart, 'en')} is not yet known in Werkbrug. The last known value (${parameterValue(row.key, row.value, 'en')}, valid from ${formatLongDate(row.provisional!.lastKnownFrom, 'en')}) was used; the amount is corrected once the new value is known.`,
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
