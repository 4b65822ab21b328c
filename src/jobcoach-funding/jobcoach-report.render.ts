import { createPdfDocument, PDF_FONT } from '../platform/pdf/pdf-document.js';
import { formatLongDate, formatMonth, formatNumber } from '../rules/calculations/explain.js';
import type { JobcoachLogbookDto, JobcoachReportDto } from './dto/jobcoach.dto.js';

/**
 * The UWV period report and the logbook as files: CSV (semicolons and a BOM, as Dutch Excel opens it) and PDF.
 * They show the DTO's fields only, so they hold nothing the JSON report does not.
 */

const hours = (value: number) => formatNumber(value, 'nl');

/** One CSV cell; a leading =, +, - or @ is neutralised so a spreadsheet never runs a justification as a formula. */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Array<Array<string | number>>): string {
  return `\ufeff${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

export function reportCsv(report: JobcoachReportDto): string {
  const rows: Array<Array<string | number>> = [
    ['Urenverantwoording jobcoaching'],
    ['Jobcoachorganisatie', report.organisationName],
    ['Werkgever', report.employerName],
    ['Werknemer', report.participantName],
    ['Periode', report.periodStart, report.periodEnd],
    ['Uren toegekend', report.hoursGranted === null ? '' : hours(report.hoursGranted)],
    ['Uren gebruikt', hours(report.hoursUsed)],
    ['Uren over', report.hoursLeft === null ? '' : hours(report.hoursLeft)],
    [],
    ['Doel', 'Uren'],
    ...report.goals.map((goal) => [goal.name, hours(goal.hours)]),
    [],
    ['Afspraak', 'Uren'],
    ...report.agreements.map((agreement) => [agreement.name, hours(agreement.hours)]),
    [],
    ['Datum', 'Uren', 'Doelen', 'Afspraken', 'Wat is er gedaan'],
    ...report.months.flatMap((month) =>
      month.entries.map((entry) => [
        entry.workedOn,
        hours(entry.hours),
        entry.goals.join(', '),
        entry.agreements.join(', '),
        entry.justification,
      ]),
    ),
  ];
  if (report.hoursWithoutReason > 0) rows.push([], ['Uren zonder doel of afspraak', hours(report.hoursWithoutReason)]);
  return csv(rows);
}

export function logbookCsv(logbook: JobcoachLogbookDto): string {
  return csv([
    ['Logboek jobcoaching'],
    ['Jobcoachorganisatie', logbook.organisationName],
    ['Werkgever', logbook.employerName],
    ['Werknemer', logbook.participantName],
    ['Periode', logbook.periodStart ?? '', logbook.periodEnd ?? ''],
    [],
    ['Periode van', 'Periode tot en met', 'Datum', 'Uren', 'Doelen', 'Afspraken', 'Wat is er gedaan'],
    ...logbook.entries.map((entry) => [
      entry.periodStart,
      entry.periodEnd,
      entry.workedOn,
      hours(entry.hours),
      entry.goals.map((goal) => goal.name).join(', '),
      entry.agreements.map((agreement) => agreement.name).join(', '),
      entry.justification,
    ]),
  ]);
}

/** The period report as a PDF for UWV: whom it is about, totals, hours per goal and per agreement, then every entry by month. */
export function reportPdf(report: JobcoachReportDto): Promise<Buffer> {
  const { document, bytes } = createPdfDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Urenverantwoording jobcoaching', Author: 'Werkbrug' },
    lang: 'nl-NL',
    tagged: true,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const heading = (text: string, size = 14) => document.font(PDF_FONT.bold).fontSize(size).text(text).font(PDF_FONT.regular);
  heading('Urenverantwoording jobcoaching', 18);
  document
    .moveDown(0.5)
    .fontSize(11)
    .text(`Jobcoachorganisatie: ${report.organisationName}`)
    .text(`Werkgever: ${report.employerName}`)
    .text(`Werknemer: ${report.participantName}`)
    .text(`Periode: ${formatLongDate(report.periodStart, 'nl')} tot en met ${formatLongDate(report.periodEnd, 'nl')}`)
    .text(`Uren toegekend: ${report.hoursGranted === null ? '–' : hours(report.hoursGranted)}`)
    .text(`Uren gebruikt: ${hours(report.hoursUsed)}`)
    .text(`Uren over: ${report.hoursLeft === null ? '–' : hours(report.hoursLeft)}`);
  if (report.hoursWithoutReason > 0) document.text(`Uren zonder doel of afspraak: ${hours(report.hoursWithoutReason)}`);
  document.moveDown();
  heading('Uren per doel');
  for (const goal of report.goals) document.fontSize(11).text(`${goal.name}: ${hours(goal.hours)} uur`);
  if (report.goals.length === 0) document.fontSize(11).text('Geen doelen.');
  document.moveDown();
  heading('Uren per afspraak');
  for (const agreement of report.agreements) document.fontSize(11).text(`${agreement.name}: ${hours(agreement.hours)} uur`);
  if (report.agreements.length === 0) document.fontSize(11).text('Geen uren op afspraken.');
  document.fontSize(9).moveDown(0.5).text('Een uur dat bij twee doelen hoort, telt bij allebei mee. In het totaal telt het één keer.');
  for (const month of report.months) {
    document.moveDown();
    heading(`${formatMonth(month.month, 'nl')}: ${hours(month.hours)} uur`, 12);
    for (const entry of month.entries) {
      const served = [...entry.goals, ...entry.agreements].join(', ');
      document
        .fontSize(11)
        .font(PDF_FONT.bold)
        .text(`${formatLongDate(entry.workedOn, 'nl')}, ${hours(entry.hours)} uur`)
        .font(PDF_FONT.regular)
        .text(`Voor: ${served || '–'}`)
        .text(entry.justification)
        .moveDown(0.3);
    }
  }
  document.end();
  return bytes;
}

/**
 * The logbook's file name: the employee's name and the placement's reference (the start of its id), so files of
 * different people never look alike in a download folder or an application to UWV. Nothing medical, no other data.
 */
export function logbookFileName(logbook: JobcoachLogbookDto): string {
  const name = logbook.participantName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `logboek-jobcoach-${name ? `${name}-` : ''}${logbook.placementId.slice(0, 8)}.csv`;
}
