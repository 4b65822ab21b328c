import ExcelJS from 'exceljs';
import type { Locale } from '../platform/mail/mail-template.service.js';
import type { AftercareReportDto, FigureDto, OutcomeReportDto } from './dto/report.dto.js';
import { fewerThan, NOT_SHOWN } from './figure-display.js';
import { reportLabel, riskReasonLabel, riskRuleLabel } from './report-labels.js';

/**
 * One cell of the export. `text` is the cell as shown (a suppressed count "< 5", a suppressed rate or
 * median "–"); `number` is set where the cell is a figure, so XLSX stores a number (a percentage as a
 * fraction with a % format) and CSV never guards it as a formula.
 */
export interface ExportCell {
  text: string;
  number?: number;
  percent?: boolean;
}

/** One table of the export: a sheet in XLSX, a section in CSV. */
export interface ExportTable {
  title: string;
  columns: string[];
  rows: ExportCell[][];
}

/** The filters in use, by name (staff names are fine; never a participant's). Null: not filtered. */
export interface ExportNames {
  funder?: string | null;
  team?: string | null;
  coach?: string | null;
}

const text = (value: string): ExportCell => ({ text: value });
const whole = (value: number): ExportCell => ({ text: String(value), number: value });

/** A count, days or hours: the number where it is shown, else the marker as text ("< 5", "–") or an empty cell. */
function figure(value: FigureDto | null): ExportCell {
  if (!value) return { text: '' };
  return value.value === null ? { text: value.display } : { text: value.display, number: value.value };
}

/** A rate or share (0 to 1), stored as a fraction shown as a percentage. */
function percent(value: FigureDto | null): ExportCell {
  const cell = figure(value);
  return cell.number === undefined ? cell : { ...cell, percent: true };
}

/** The report's tables as they are exported; built from the DTOs, so a suppressed cell stays suppressed. */
export function exportTables(
  outcomes: OutcomeReportDto,
  aftercare: AftercareReportDto,
  locale: Locale,
  names: ExportNames = {},
): ExportTable[] {
  const t = (key: string, values: Record<string, unknown> = {}) => reportLabel(locale, key, values);
  const scope = outcomes.scope;
  const staff = scope.smallCellThreshold === null;
  const about: string[][] = [
    [t('about.period'), scope.from],
    [t('about.periodTo'), scope.to],
    [t('about.countedOn'), scope.countedOn],
    [t('about.funder'), names.funder ?? t('about.all')],
    // Team and coach narrow staff's figures only; a funder always sees all of its own trajectories.
    ...(staff
      ? [
          [t('about.team'), names.team ?? t('about.all')],
          [t('about.coach'), names.coach ?? t('about.all')],
        ]
      : []),
    [t('about.targetGroup'), scope.targetGroup ? t(`targetGroup.${scope.targetGroup}`) : t('about.all')],
    [t('about.sector'), scope.sector ? t(`sector.${scope.sector}`) : t('about.all')],
  ];
  if (scope.smallCellThreshold !== null) {
    const threshold = scope.smallCellThreshold;
    about.push([t('about.threshold'), t('about.thresholdValue', { threshold, marker: fewerThan(threshold) })]);
    about.push([t('about.notShown'), t('about.notShownValue', { threshold, marker: NOT_SHOWN })]);
  }
  const tables: ExportTable[] = [
    { title: t('sheet.about'), columns: [t('col.what'), t('col.value')], rows: about.map((row) => row.map(text)) },
    {
      title: t('sheet.funnel'),
      columns: [t('col.stage'), t('col.count'), t('col.base'), t('col.conversion')],
      rows: outcomes.funnel.map((stage) => [
        text(t(`stage.${stage.stage}`)),
        figure(stage.count),
        figure(stage.base),
        percent(stage.conversion),
      ]),
    },
    {
      title: t('sheet.steps'),
      columns: [t('col.from'), t('col.to'), t('col.people'), t('col.medianDays'), t('col.leftOut')],
      rows: outcomes.steps.map((step) => [
        text(t(`stage.${step.from}`)),
        text(t(`stage.${step.to}`)),
        figure(step.people),
        figure(step.medianDays),
        figure(step.leftOut),
      ]),
    },
    {
      title: t('sheet.reasons'),
      columns: [t('col.reason'), t('col.count')],
      rows: outcomes.dropoutReasons.map((reason) => [text(t(`reason.${reason.reason}`)), figure(reason.count)]),
    },
    {
      title: t('sheet.retention'),
      columns: [t('col.monthsWorking'), t('col.share'), t('col.atRisk'), ...(staff ? [t('col.ended'), t('col.censored')] : [])],
      rows: outcomes.retention.map((point) => [
        whole(point.month),
        percent(point.share),
        figure(point.atRisk),
        ...(staff ? [figure(point.ended), figure(point.censored)] : []),
      ]),
    },
    {
      title: t('sheet.checkins'),
      columns: [t('col.month'), ...(staff ? [t('col.coach')] : []), t('col.planned'), t('col.held'), t('col.missed'), t('col.overdue')],
      rows: aftercare.checkins.map((row) => [
        text(row.month),
        ...(staff ? [text(row.coachName ?? '')] : []),
        figure(row.planned),
        figure(row.held),
        figure(row.missed),
        figure(row.overdue),
      ]),
    },
    {
      title: t('sheet.help'),
      columns: [
        t('col.month'),
        t('col.requests'),
        t('col.inTime'),
        t('col.late'),
        t('col.openPastDeadline'),
        t('col.escalated'),
        t('col.medianHours'),
      ],
      rows: aftercare.helpRequests.map((row) => [
        text(row.month),
        figure(row.requests),
        figure(row.inTime),
        figure(row.late),
        figure(row.openPastDeadline),
        figure(row.escalated),
        figure(row.medianHoursToContact),
      ]),
    },
    {
      title: t('sheet.risks'),
      columns: [t('col.reason'), t('col.placements')],
      rows: [
        [text(t('risks.raised')), figure(aftercare.riskFlags.raised)],
        ...aftercare.riskFlags.byReason.map((reason) => [text(riskReasonLabel(locale, reason.reason)), figure(reason.count)]),
      ],
    },
    {
      title: t('sheet.warnings'),
      columns: [t('col.warning'), t('col.placements')],
      rows: aftercare.riskFlags.byRule.map((rule) => [text(riskRuleLabel(locale, rule.reason)), figure(rule.count)]),
    },
  ];
  // A part with no rows says why, as the page does, rather than headings over nothing. For a funder the words
  // hold for none and for a few alike, so they give away no 0 that "< 5" hides.
  const empty = staff ? t('empty.staff') : t('empty.funder', { threshold: scope.smallCellThreshold });
  // The sentence fills the row's first cell, the others stay empty: a row of one cell would read as a section title.
  const note = (table: ExportTable) => [text(empty), ...table.columns.slice(1).map(() => text(''))];
  return tables.map((table) => (table.rows.length > 0 ? table : { ...table, rows: [note(table)] }));
}

/** A number as written out: "12", "-3", "27.5", "83%". */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?%?$/;

/**
 * A CSV cell. Text starting with =, +, -, @, a tab or a carriage return would run as a formula in a
 * spreadsheet: it gets a leading ' (and quotes). Figures, plain numbers (negative ones too) and empty
 * cells stay as they are.
 */
export function csvCell(cell: ExportCell | string): string {
  const { text: value, number } = typeof cell === 'string' ? { text: cell, number: undefined } : cell;
  const risky = number === undefined && /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value);
  const safe = risky ? `'${value}` : value;
  return risky || /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV (semicolon-separated, as Dutch spreadsheets open it): each table under its title, a blank line between. */
export function toCsv(tables: readonly ExportTable[]): string {
  const lines: string[] = [];
  for (const table of tables) {
    if (lines.length) lines.push('');
    lines.push(csvCell(table.title));
    lines.push(table.columns.map((column) => csvCell(column)).join(';'));
    for (const row of table.rows) lines.push(row.map((cell) => csvCell(cell)).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * One workbook, a sheet per table. Figures are numbers (a percentage as a fraction with a % format), so a
 * spreadsheet can add them up; a suppressed cell is its marker as text ("< 5", "–"), so it never turns back
 * into a number; nothing to show is an empty cell.
 */
export async function toXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Werkbrug';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title.slice(0, 31));
    sheet.addRow(table.columns).font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow(cells.map((cell) => (cell.number !== undefined ? cell.number : cell.text === '' ? null : cell.text)));
      cells.forEach((cell, index) => {
        if (cell.percent) row.getCell(index + 1).numFmt = '0%';
        else if (cell.number !== undefined && !Number.isInteger(cell.number)) row.getCell(index + 1).numFmt = '0.0';
      });
    }
    sheet.columns.forEach((column) => {
      column.width = 24;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
