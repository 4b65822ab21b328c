import type { Locale } from '../../platform/mail/mail-template.service.js';
import type { QuotaStatusDto } from '../../quota/dto/quota.dto.js';
import { translate } from '../i18n.js';

export interface QuotaChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  bars: Array<{ x: number; y: number; width: number; height: number; labelX: number; month: string; value: string }>;
  ticks: Array<{ y: number; label: string }>;
  target?: { y: number; label: string; labelY: number };
  description: string;
}

const WIDTH = 640;
const HEIGHT = 320;
const PLOT = { left: 56, right: WIDTH - 16, top: 28, bottom: HEIGHT - 40 };

/**
 * A bar chart of the jobs counted so far per month against the jobs
 * required, as plain numbers for an SVG drawn on the server (no script).
 * The table under the chart carries the same figures as text.
 */
/** `currentYear`: a year before it is over, and its sentence says so in the past tense. */
export function quotaChart(status: QuotaStatusDto, locale: Locale, currentYear: number): QuotaChart {
  const format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
  const monthFormat = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { month: 'short', timeZone: 'UTC' });
  const required = status.requirement?.jobsRequired;
  const highest = Math.max(1, required ?? 0, ...status.months.map((month) => month.cumulativeJobs));
  const top = Math.ceil(highest * 1.15 * 2) / 2;
  const y = (value: number) => PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top);
  const slot = (PLOT.right - PLOT.left) / Math.max(1, status.months.length);
  const bars = status.months.map((month, index) => {
    const barWidth = Math.max(4, slot * 0.6);
    const x = PLOT.left + index * slot + (slot - barWidth) / 2;
    return {
      x: round(x),
      y: round(y(month.cumulativeJobs)),
      width: round(barWidth),
      height: round(PLOT.bottom - y(month.cumulativeJobs)),
      labelX: round(x + barWidth / 2),
      month: monthFormat.format(new Date(`${month.month}-15T00:00:00Z`)),
      value: format.format(month.cumulativeJobs),
    };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => ({ y: round(y(top * share)), label: format.format(top * share) }));
  const target =
    required !== undefined
      ? {
          y: round(y(required)),
          labelY: round(Math.max(PLOT.top - 8, y(required) - 6)),
          label: translate(locale, 'quota.chart.required', { jobs: format.format(required) }),
        }
      : undefined;
  const counted = format.format(status.jobsCounted);
  const tense = status.year < currentYear ? 'Past' : '';
  const description =
    required !== undefined
      ? translate(locale, `quota.chart.description${tense}`, { counted, required: format.format(required), year: status.year })
      : translate(locale, `quota.chart.descriptionWithoutTarget${tense}`, { counted, year: status.year });
  return { width: WIDTH, height: HEIGHT, plot: PLOT, bars, ticks, target, description };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
