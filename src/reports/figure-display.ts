import type { FigureDto } from './dto/report.dto.js';

/**
 * The marker of a suppressed rate, share or median. A count under the threshold reads "< 5"; the same
 * marker beside a percentage or a number of days would read "less than 5%" or "less than 5 days", so
 * derived figures get this one, explained on the page and in the exports ("niet getoond: minder dan 5 mensen").
 */
export const NOT_SHOWN = '–';

/** How a suppressed count reads: "< 5". */
export const fewerThan = (threshold: number): string => `< ${threshold}`;

/**
 * How a figure is shown. For funders (threshold set) a count below the
 * threshold is "< n", and a rate, share or median over such a count is
 * suppressed as NOT_SHOWN. Where there is nothing to show (no one to divide
 * by, no pairs for a median) the display is empty.
 */
export class Figures {
  constructor(private readonly threshold: number | null) {}

  private small(...counts: number[]): boolean {
    return this.threshold !== null && counts.some((count) => count < this.threshold!);
  }

  count(value: number): FigureDto {
    return this.small(value) ? { value: null, display: fewerThan(this.threshold!) } : { value, display: String(value) };
  }

  /** `part` of `whole`, as a fraction; suppressed when either count is small. */
  rate(part: number, whole: number): FigureDto {
    if (this.small(part, whole)) return { value: null, display: NOT_SHOWN };
    if (whole === 0) return { value: null, display: '' };
    const value = Math.round((part / whole) * 1000) / 1000;
    return { value, display: `${Math.round((part / whole) * 100)}%` };
  }

  /** A median (or share) over `people`; suppressed when they are few. */
  over(people: number, value: number | null, display: (value: number) => string = String): FigureDto {
    if (this.small(people)) return { value: null, display: NOT_SHOWN };
    return value === null ? { value: null, display: '' } : { value, display: display(value) };
  }
}
