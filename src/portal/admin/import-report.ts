import type { InvalidParam } from '../../platform/http/problem.js';
import type { Locale } from '../../platform/mail/mail-template.service.js';
import { CASEWORKER_RULE } from '../../identity/caseworker.js';
import type { ImportKind } from '../../imports/csv-columns.js';
import { columnLabel } from '../../imports/csv-dialect.js';
import { COACH_EMAIL_RULE } from '../../imports/imports.service.js';
import { translate } from '../i18n.js';
import { formErrors } from '../portal-context.js';

/** One refused field of one row, as the page and the downloaded report say it. */
export interface RejectionLine {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  reason: string;
}

/** The import's own rules (not the API's field checks), in the page's words. */
const IMPORT_REASONS: Array<{ pattern: RegExp; key: string }> = [
  { pattern: /is required to import a row/, key: 'admin.imports.reason.key' },
  { pattern: /must be at most 100 characters/, key: 'admin.imports.reason.keyLength' },
  { pattern: /is required for an address/, key: 'admin.imports.reason.address' },
  { pattern: /must be at least hoursMin/, key: 'admin.imports.reason.hours' },
  { pattern: /matches more than one employer/, key: 'admin.imports.reason.employerTwice' },
  { pattern: /must name an employer of this organisation/, key: 'admin.imports.reason.employerUnknown' },
  { pattern: new RegExp(escape(COACH_EMAIL_RULE)), key: 'admin.imports.reason.coachEmail' },
  { pattern: new RegExp(escape(CASEWORKER_RULE)), key: 'admin.imports.reason.coach' },
  { pattern: /was imported at the same time/, key: 'admin.imports.reason.sameTime' },
  { pattern: /cannot be stored/, key: 'admin.imports.reason.cannotStore' },
  { pattern: /must be one of the following values: (.+)$/, key: 'admin.imports.reason.choice' },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `tasks[2].description` is the column `tasks`; `addresses.0.postcode` was named by its column already. */
function columnOf(name: string): string {
  return name.replace(/\[\d+\].*$/, '').split('.')[0]!;
}

/** The rejections of a run, one line per refused column of a row, in plain words. */
export function rejectionLines(
  kind: ImportKind,
  rejections: Array<{ row: number; reasons: InvalidParam[] }>,
  locale: Locale,
): RejectionLine[] {
  return rejections.flatMap(({ row, reasons }) => {
    const byColumn = new Map<string, string>();
    const general: InvalidParam[] = [];
    for (const reason of reasons) {
      const column = columnOf(reason.name);
      const label = column === 'row' ? translate(locale, 'admin.imports.reason.row') : columnLabel(kind, column);
      const known = IMPORT_REASONS.map((entry) => ({ ...entry, match: entry.pattern.exec(reason.reason) })).find((entry) => entry.match);
      if (known && !byColumn.has(column)) byColumn.set(column, translate(locale, known.key, { label, values: known.match![1] ?? '' }));
      else if (!known) general.push({ name: column, reason: reason.reason });
    }
    const labels = Object.fromEntries(general.map((param) => [param.name, columnLabel(kind, param.name)]));
    for (const { field, message } of formErrors(general, labels, locale).list) if (!byColumn.has(field)) byColumn.set(field, message);
    return [...byColumn].map(([column, reason]) => ({
      row: row + 1,
      column: column === 'row' ? '' : columnLabel(kind, column),
      reason,
    }));
  });
}

/** The report as a CSV file that Dutch Excel opens as columns: semicolons, and a byte-order mark for the accents. */
export function rejectionCsv(lines: RejectionLine[], locale: Locale): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ['admin.imports.report.row', 'admin.imports.report.column', 'admin.imports.report.reason'].map((key) =>
    translate(locale, key),
  );
  const rows = lines.map((line) => [line.row, line.column, line.reason].map(cell).join(';'));
  return `\ufeff${[header.join(';'), ...rows].join('\r\n')}\r\n`;
}

/** One updated row, as the page says it: the row as a spreadsheet numbers it, and the columns that changed by their names. */
export interface UpdateLine {
  row: number;
  columns: string;
}

export function updateLines(kind: ImportKind, updates: Array<{ row: number; fields: string[] }>): UpdateLine[] {
  return updates.map(({ row, fields }) => ({ row: row + 1, columns: fields.map((field) => columnLabel(kind, field)).join(', ') }));
}
