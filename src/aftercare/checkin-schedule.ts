import { addDays, addMonths } from '../rules/calculations/dates.js';
import type { MonitoringFrequency } from './handover-checklist.js';

/** Days after the start for the intensive first weeks of a tapering rhythm; monthly after that. */
const TAPERING_DAYS = [1, 7, 14, 28, 42, 56];

/**
 * The check-in dates of a monitoring plan from `start` up to and including `end`.
 * The first comes soon after the start (the first working day is accompanied);
 * "only on request" plans just that first one.
 */
export function checkinDates(frequency: MonitoringFrequency, start: string, end: string): string[] {
  const dates: string[] = [];
  const push = (date: string) => {
    if (date <= end && !dates.includes(date)) dates.push(date);
  };
  if (frequency === 'on_request') {
    push(addDays(start, 7));
    return dates;
  }
  if (frequency === 'tapering') {
    for (const days of TAPERING_DAYS) push(addDays(start, days));
    for (let month = 3; ; month++) {
      const date = addMonths(start, month);
      if (date > end) break;
      push(date);
    }
    return dates;
  }
  const step = (n: number): string =>
    frequency === 'weekly'
      ? addDays(start, 7 * n)
      : frequency === 'biweekly'
        ? addDays(start, 14 * n)
        : addMonths(start, frequency === 'monthly' ? n : 3 * n);
  for (let n = 1; ; n++) {
    const date = step(n);
    if (date > end) break;
    push(date);
  }
  return dates;
}
