import type { Locale } from '../../platform/mail/mail-template.service.js';
import type { AftercareReportDto, FigureDto, OutcomeReportDto } from '../../reports/dto/report.dto.js';
import { reportLabel } from '../../reports/report-labels.js';
import { translate } from '../i18n.js';

/**
 * The reports' charts as plain numbers for SVGs drawn on the server (no
 * script), in the quota chart's style. Each chart has a table under it with
 * the same figures; a suppressed figure draws nothing and reads "< 5".
 *
 * The drawing is 360 units wide, about a phone's width: the 14-unit text then
 * reads at about 14 px on a phone (390 px wide). A wider drawing shrinks on a
 * phone, and its text with it (640 units read at about 7 px). On a wide screen
 * the chart grows to at most 28rem (.chart--report), so text stays under 18 px.
 */

export const CHART_WIDTH = 360;
const WIDTH = CHART_WIDTH;

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface FunnelChart {
  width: number;
  height: number;
  labelWidth: number;
  rows: Array<{ y: number; textY: number; label: string; barWidth: number; value: string; valueX: number }>;
  description: string;
}

/** Horizontal bars, one per stage, longest for the first stage; the stage's name above its bar (readable on a phone). */
export function funnelChart(report: OutcomeReportDto, locale: Locale): FunnelChart {
  const row = 52;
  const left = 8;
  const right = WIDTH - 72;
  const highest = Math.max(1, ...report.funnel.map((stage) => stage.count.value ?? 0));
  const rows = report.funnel.map((stage, index) => {
    const value = stage.count.value;
    const barWidth = value === null ? 0 : round(((right - left) * value) / highest);
    const y = 12 + index * row + 22;
    return {
      y,
      textY: y - 6,
      label: reportLabel(locale, `stage.${stage.stage}`),
      barWidth: Math.max(value ? 2 : 0, barWidth),
      value: stage.count.display,
      valueX: round(left + Math.max(value ? 2 : 0, barWidth) + 8),
    };
  });
  // The number where it is shown (so the sentence chooses "1 persoon" or "2 mensen"), else its marker ("< 5"),
  // kept on one line in the sentence.
  const said = (figure: FigureDto | undefined) => (figure ? (figure.value ?? figure.display.replaceAll(' ', '\u00a0')) : 0);
  const first = said(report.funnel[0]?.count);
  const contract = said(report.funnel.find((stage) => stage.stage === 'contract')?.count);
  return {
    width: WIDTH,
    height: 12 + report.funnel.length * row,
    labelWidth: left,
    rows,
    description: translate(locale, 'reports.funnel.description', { registered: first, contract }),
  };
}

export interface RetentionChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  path: string;
  points: Array<{ x: number; y: number }>;
  ticks: Array<{ y: number; label: string }>;
  months: Array<{ x: number; label: string }>;
  description: string;
}

/** A step line of the share still working by month since the contract start; suppressed months break the line. */
export function retentionChart(report: OutcomeReportDto, locale: Locale): RetentionChart {
  const height = 240;
  const plot = { left: 56, right: WIDTH - 16, top: 20, bottom: height - 44 };
  const last = Math.max(1, ...report.retention.map((point) => point.month));
  const x = (month: number) => round(plot.left + ((plot.right - plot.left) * month) / last);
  const y = (share: number) => round(plot.bottom - (plot.bottom - plot.top) * share);
  let path = '';
  let previous: { month: number; share: number } | null = null;
  const points: Array<{ x: number; y: number }> = [];
  for (const point of report.retention) {
    const share = point.share.value;
    if (share === null) {
      previous = null;
      continue;
    }
    if (previous && previous.month === point.month - 1) path += ` H ${x(point.month)} V ${y(share)}`;
    else path += ` M ${x(point.month)} ${y(share)}`;
    points.push({ x: x(point.month), y: y(share) });
    previous = { month: point.month, share };
  }
  // Month labels at least about 32 units apart, so two-digit months never touch.
  const step = last <= 6 ? 1 : last <= 12 ? 2 : last <= 24 ? 3 : 6;
  const months = Array.from({ length: Math.floor(last / step) + 1 }, (_, index) => index * step).map((month) => ({
    x: x(month),
    label: String(month),
  }));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => ({ y: y(share), label: `${share * 100}%` }));
  const at = (month: number) => {
    const share = report.retention.find((point) => point.month === month)?.share;
    if (!share) return translate(locale, 'reports.retention.notYet');
    return share.value === null ? translate(locale, 'reports.notShownCell') : share.display;
  };
  return {
    width: WIDTH,
    height,
    plot,
    path: path.trim(),
    points,
    ticks,
    months,
    description: report.retention.length
      ? translate(locale, 'reports.retention.description', { six: at(6), twelve: at(12) })
      : translate(locale, 'reports.retention.none'),
  };
}

export interface AftercareChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  bars: Array<{
    x: number;
    width: number;
    heldY: number;
    heldHeight: number;
    missedY: number;
    missedHeight: number;
    labelX: number;
    /** Empty where the month is left unlabelled, so the labels of many months never overlap. */
    month: string;
  }>;
  ticks: Array<{ y: number; label: string }>;
  description: string;
}

/** Per month, a bar of the check-ins held with the missed ones stacked on top (all coaches together). */
export function aftercareChart(report: AftercareReportDto, locale: Locale): AftercareChart {
  const height = 220;
  const plot = { left: 56, right: WIDTH - 16, top: 20, bottom: height - 40 };
  const months = new Map<string, { held: number; missed: number }>();
  const suppressed = report.checkins.some((row) => row.held.value === null || row.missed.value === null);
  for (const row of report.checkins) {
    const sum = months.get(row.month) ?? { held: 0, missed: 0 };
    sum.held += row.held.value ?? 0;
    sum.missed += row.missed.value ?? 0;
    months.set(row.month, sum);
  }
  const entries = [...months.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const highest = Math.max(1, ...entries.map(([, sum]) => sum.held + sum.missed));
  const top = Math.ceil(highest * 1.15);
  const y = (value: number) => round(plot.bottom - ((plot.bottom - plot.top) * value) / top);
  const slot = (plot.right - plot.left) / Math.max(1, entries.length);
  const monthFormat = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { month: 'short', timeZone: 'UTC' });
  // A short month name at 14 units is about 32 wide: label every month, or every second, third ... one.
  const labelEvery = Math.max(1, Math.ceil(36 / slot));
  const bars = entries.map(([month, sum], index) => {
    const width = round(Math.max(4, slot * 0.6));
    const x = round(plot.left + index * slot + (slot - width) / 2);
    return {
      x,
      width,
      heldY: y(sum.held),
      heldHeight: round(plot.bottom - y(sum.held)),
      missedY: y(sum.held + sum.missed),
      missedHeight: round(y(sum.held) - y(sum.held + sum.missed)),
      labelX: round(x + width / 2),
      month: index % labelEvery === 0 ? monthFormat.format(new Date(`${month}-15T00:00:00Z`)) : '',
    };
  });
  const ticks = [0, 0.5, 1].map((share) => ({ y: y(top * share), label: String(Math.round(top * share)) }));
  const held = entries.reduce((total, [, sum]) => total + sum.held, 0);
  const missed = entries.reduce((total, [, sum]) => total + sum.missed, 0);
  // With small cells hidden, a total of what is left would undercount: say so instead.
  const description = suppressed
    ? translate(locale, 'reports.aftercare.descriptionSuppressed', { threshold: report.scope.smallCellThreshold })
    : translate(locale, 'reports.aftercare.description', { held, missed });
  return { width: WIDTH, height, plot, bars, ticks, description };
}
