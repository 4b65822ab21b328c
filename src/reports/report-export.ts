import ExcelJS from 'exceljs';
import type { Locale } from '../platform/mail/mail-template.service.js';
import type { AftercareReportDto, FigureDto, OutcomeReportDto } from './dto/report.dto.js';
import { reportLabel } from './report-labels.js';

/** One table of the export: a sheet in XLSX, a section in CSV. Cells are the figures as shown (suppressed ones as "< 5"). */
export interface ExportTable {
  title: string;
  columns: string[];
  rows: string[][];
}

const shown = (figure: FigureDto | null): string => (figure ? figure.display : '');

/** The report's tables as they are exported; built from the DTOs, so a suppressed cell stays suppressed. */
export function exportTables(
  outcomes: OutcomeReportDto,
  aftercare: AftercareReportDto,
  locale: Locale,
  names: { funder?: string | null } = {},
): ExportTable[] {
  const t = (key: string, values: Record<string, unknown> = {}) => reportLabel(locale, key, values);
  const scope = outcomes.scope;
  const about: string[][] = [
    [t('about.period'), scope.from],
    [t('about.periodTo'), scope.to],
    [t('about.countedOn'), scope.countedOn],
    [t('about.funder'), names.funder ?? t('about.all')],
    [t('about.targetGroup'), scope.targetGroup ? t(`targetGroup.${scope.targetGroup}`) : t('about.all')],
    [t('about.sector'), scope.sector ? t(`sector.${scope.sector}`) : t('about.all')],
  ];
  if (scope.smallCellThreshold !== null)
    about.push([t('about.threshold'), t('about.thresholdValue', { threshold: scope.smallCellThreshold })]);
  const staff = aftercare.scope.smallCellThreshold === null;
  return [
    { title: t('sheet.about'), columns: [t('col.what'), t('col.value')], rows: about },
    {
      title: t('sheet.funnel'),
      columns: [t('col.stage'), t('col.count'), t('col.base'), t('col.conversion')],
      rows: outcomes.funnel.map((stage) => [t(`stage.${stage.stage}`), shown(stage.count), shown(stage.base), shown(stage.conversion)]),
    },
    {
      title: t('sheet.steps'),
      columns: [t('col.from'), t('col.to'), t('col.people'), t('col.medianDays')],
      rows: outcomes.steps.map((step) => [t(`stage.${step.from}`), t(`stage.${step.to}`), shown(step.people), shown(step.medianDays)]),
    },
    {
      title: t('sheet.reasons'),
      columns: [t('col.reason'), t('col.count')],
      rows: outcomes.dropoutReasons.map((reason) => [t(`reason.${reason.reason}`), shown(reason.count)]),
    },
    {
      title: t('sheet.retention'),
      columns: [t('col.monthsWorking'), t('col.share'), t('col.atRisk'), ...(staff ? [t('col.ended'), t('col.censored')] : [])],
      rows: outcomes.retention.map((point) => [
        String(point.month),
        shown(point.share),
        shown(point.atRisk),
        ...(staff ? [shown(point.ended), shown(point.censored)] : []),
      ]),
    },
    {
      title: t('sheet.checkins'),
      columns: [t('col.month'), ...(staff ? [t('col.coach')] : []), t('col.planned'), t('col.held'), t('col.missed'), t('col.overdue')],
      rows: aftercare.checkins.map((row) => [
        row.month,
        ...(staff ? [row.coachName ?? ''] : []),
        shown(row.planned),
        shown(row.held),
        shown(row.missed),
        shown(row.overdue),
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
        row.month,
        shown(row.requests),
        shown(row.inTime),
        shown(row.late),
        shown(row.openPastDeadline),
        shown(row.escalated),
        shown(row.medianHoursToContact),
      ]),
    },
    {
      title: t('sheet.risks'),
      columns: [t('col.reason'), t('col.count')],
      rows: [
        [t('risks.raised'), shown(aftercare.riskFlags.raised)],
        ...aftercare.riskFlags.byReason.map((reason) => [reason.reason, shown(reason.count)]),
      ],
    },
  ];
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet; quote and prefix it.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV (semicolon-separated, as Dutch spreadsheets open it): each table under its title, a blank line between. */
export function toCsv(tables: readonly ExportTable[]): string {
  const lines: string[] = [];
  for (const table of tables) {
    if (lines.length) lines.push('');
    lines.push(csvCell(table.title));
    lines.push(table.columns.map(csvCell).join(';'));
    for (const row of table.rows) lines.push(row.map(csvCell).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One workbook, a sheet per table. Cells are text as shown, so "< 5" never turns back into a number. */
export async function toXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Werkbrug';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title.slice(0, 31));
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column) => {
      column.width = 24;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
