export const RESPONDENTS = ['participant', 'employer_contact'] as const;
export type Respondent = (typeof RESPONDENTS)[number];

/** Werkbrug's default moments when an organisation set none: 3 and 12 months into the placement, then every 12 months. */
export const DEFAULT_SURVEY_MOMENTS = [3, 12] as const;
export const DEFAULT_SURVEY_REPEAT_MONTHS = 12;

/** How long a survey link works: long enough for a holiday, short enough that the answer is about that moment. */
export const SURVEY_LINK_DAYS = 30;

/** How often the workers look for due surveys (and once at worker start). */
export const SURVEY_SEND_EVERY_MS = 60 * 60_000;

/**
 * The latest moment (months since the start) due on `today`: the organisation's moments,
 * then every `repeatEvery` months after the last one. Earlier moments that were missed are not sent late.
 */
export function latestDueMoment(moments: readonly number[], repeatEvery: number, monthsSinceStart: number): number | undefined {
  const sorted = [...moments].sort((a, b) => a - b);
  const last = sorted.at(-1);
  if (last === undefined || monthsSinceStart < sorted[0]!) return undefined;
  if (monthsSinceStart >= last && repeatEvery > 0) return last + Math.floor((monthsSinceStart - last) / repeatEvery) * repeatEvery;
  return sorted.filter((moment) => moment <= monthsSinceStart).at(-1);
}

/** Whole months from `start` to `today` (YYYY-MM-DD), counting a month once its day has come (31 Jan + 1 month = 28/29 Feb). */
export function wholeMonthsBetween(start: string, today: string): number {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let months = (ty - sy) * 12 + (tm - sm);
  const lastDayOfTodayMonth = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (td < Math.min(sd, lastDayOfTodayMonth)) months -= 1;
  return months;
}
