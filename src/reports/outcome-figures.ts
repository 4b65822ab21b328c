/*
 * Dates are ISO strings (YYYY-MM-DD) from the owners' queries. The report walks
 * 100,000 people, so the helpers here compare the strings and count days with
 * plain arithmetic instead of the validating date functions of rules/.
 */
const compareDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function toEpochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Same day of the month `months` later; a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The outcome figures as pure calculations over owners' rows: no Nest, no
 * database. A participant's stages come from the owners (registration,
 * profile, matching, placements); these functions count, divide and take
 * medians, and say which cells a funder may not see.
 */

export const FUNNEL_STAGES = [
  'registered',
  'profileComplete',
  'matched',
  'introduced',
  'trialPlacement',
  'contract',
  'working6Months',
  'working12Months',
  'working36Months',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** The durable stages and the months after the contract start each one looks at. */
export const DURABLE_MONTHS: Partial<Record<FunnelStage, number>> = { working6Months: 6, working12Months: 12, working36Months: 36 };

const DURABLE_ENTRIES = Object.entries(DURABLE_MONTHS) as Array<[FunnelStage, number]>;

/** Stage pairs whose days in between the report gives as a median. */
export const STAGE_STEPS: ReadonlyArray<readonly [FunnelStage, FunnelStage]> = [
  ['registered', 'profileComplete'],
  ['profileComplete', 'matched'],
  ['matched', 'introduced'],
  ['introduced', 'trialPlacement'],
  ['trialPlacement', 'contract'],
  ['registered', 'contract'],
];

/** The longest retention curve: three years, the UWV cohort's horizon. */
export const RETENTION_MONTHS = 36;

export interface PlacementInput {
  participantId: string;
  status: string;
  trialStart: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  closedOn: string | null;
  outflowTo: string | null;
  dropoutReason: string | null;
}

export interface ParticipantStages {
  registeredOn: string;
  profileCompleteOn: string | null;
  matchedOn: string | null;
  introducedOn: string | null;
  placements: readonly PlacementInput[];
}

/** A participant's work, as the durable stages and the retention curve read it. */
export interface Employment {
  start: string;
  /** The day the work ended, or null while it runs (or the participant left support for work). */
  endedOn: string | null;
}

/**
 * Work ends when the placement was closed or dropped out, unless the
 * participant left support for work (outflow to work): then they are still working.
 */
export function employmentOf(placements: readonly PlacementInput[]): Employment | null {
  const withContract = placements
    .filter((placement) => placement.contractStart)
    .sort((a, b) => compareDates(a.contractStart!, b.contractStart!));
  const first = withContract[0];
  if (!first) return null;
  const ended = ['closed', 'dropped_out'].includes(first.status) && first.outflowTo !== 'work';
  return { start: first.contractStart!, endedOn: ended ? (first.closedOn ?? first.contractEnd ?? first.contractStart!) : null };
}

/** Whole months from `from` to `to` (0 when `to` is before the first monthly anniversary). */
export function fullMonths(from: string, to: string): number {
  if (compareDates(to, from) < 0) return 0;
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  if (compareDates(addMonths(from, months), to) > 0) months -= 1;
  return Math.max(0, months);
}

function earliest(dates: Array<string | null>): string | null {
  let first: string | null = null;
  for (const date of dates) if (date && (first === null || date < first)) first = date;
  return first;
}

/** The day each stage was reached (null: not reached; for durable stages: not reached or not followed long enough). */
export function stageDates(
  participant: ParticipantStages,
  today: string,
  employment: Employment | null = employmentOf(participant.placements),
): Record<FunnelStage, string | null> & { eligible: Partial<Record<FunnelStage, boolean>> } {
  const result: Record<FunnelStage, string | null> & { eligible: Partial<Record<FunnelStage, boolean>> } = {
    registered: participant.registeredOn,
    profileComplete: participant.profileCompleteOn,
    matched: participant.matchedOn,
    introduced: participant.introducedOn,
    trialPlacement: earliest(participant.placements.map((placement) => placement.trialStart)),
    contract: employment?.start ?? null,
    working6Months: null,
    working12Months: null,
    working36Months: null,
    eligible: {},
  };
  for (const [stage, months] of DURABLE_ENTRIES) {
    if (!employment) continue;
    const anniversary = addMonths(employment.start, months);
    // Only people whose contract started long enough ago count, in the numerator and the denominator alike.
    if (compareDates(anniversary, today) > 0) continue;
    result.eligible[stage] = true;
    if (employment.endedOn === null || compareDates(employment.endedOn, anniversary) >= 0) result[stage] = anniversary;
  }
  return result;
}

export interface FunnelStageFigure {
  stage: FunnelStage;
  /**
   * People who reached the stage. For the stages up to the contract: this stage or a later one (someone who
   * got a contract without a trial counts at the trial too), so a stage's count is never above the one before.
   */
  count: number;
  /** The people the conversion rate divides by: the previous stage's count, or for durable stages those followed long enough. */
  base: number | null;
  /** Of the base, how many reached this stage. */
  converted: number | null;
}

export interface StageStepFigure {
  from: FunnelStage;
  to: FunnelStage;
  /** People whose later stage is on or after the earlier one: the median counts these. */
  pairs: number;
  /** People with both dates, but the later stage before the earlier one (say a trial before the registration): left out of the median. */
  leftOut: number;
  medianDays: number | null;
}

export interface ReasonFigure {
  reason: string;
  count: number;
}

export interface RetentionPoint {
  month: number;
  /** Share still working at this many months (Kaplan-Meier), 1 at month 0. */
  share: number;
  /** People followed at least this many months (at risk). */
  atRisk: number;
  /** Work that ended in the month after this point. */
  ended: number;
  /** Followed until today, still working, no further. */
  censored: number;
}

export interface OutcomeFigures {
  funnel: FunnelStageFigure[];
  steps: StageStepFigure[];
  dropoutReasons: ReasonFigure[];
  retention: RetentionPoint[];
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function days(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The stages on the way to work, in order; the durable stages after them have their own base. */
const PATH_STAGES = FUNNEL_STAGES.filter((stage) => !DURABLE_MONTHS[stage]);

/**
 * The furthest stage on the way to work a participant reached (index in
 * PATH_STAGES), -1 for none. A stage can be skipped (a contract without a
 * trial) or not be in Werkbrug (a placement made without an introduction
 * through a match), so the funnel counts "this stage or further".
 */
function furthestPathStage(dates: Record<FunnelStage, string | null>): number {
  for (let index = PATH_STAGES.length - 1; index >= 0; index--) if (dates[PATH_STAGES[index]!] !== null) return index;
  return -1;
}

export function outcomeFigures(participants: readonly ParticipantStages[], today: string): OutcomeFigures {
  const employments = participants.map((participant) => employmentOf(participant.placements));
  const dated = participants.map((participant, index) => stageDates(participant, today, employments[index]!));
  const furthest = dated.map(furthestPathStage);
  // Stages on the way to work: a person counts at every stage up to the furthest one reached, so each
  // count is part of the one before and the conversion is always "count of the previous count"
  // (before, someone with a trial but no recorded introduction showed as 1 of 1 and 0%).
  const reachedOrPast = PATH_STAGES.map((_stage, index) => furthest.filter((reached) => reached >= index).length);
  const funnel = FUNNEL_STAGES.map((stage, index): FunnelStageFigure => {
    if (DURABLE_MONTHS[stage]) {
      const count = dated.filter((dates) => dates[stage] !== null).length;
      const eligible = dated.filter((dates) => dates.eligible[stage]);
      return { stage, count, base: eligible.length, converted: count };
    }
    const count = reachedOrPast[index]!;
    if (index === 0) return { stage, count, base: null, converted: null };
    return { stage, count, base: reachedOrPast[index - 1]!, converted: count };
  });
  const steps = STAGE_STEPS.map(([from, to]): StageStepFigure => {
    const spans = dated.filter((dates) => dates[from] && dates[to]).map((dates) => days(dates[from]!, dates[to]!));
    // A later stage dated before the earlier one (a trial that started before the registration) is no time
    // the step took: it is left out of the median, and counted apart so the report can say so.
    const forward = spans.filter((span) => span >= 0);
    return { from, to, pairs: forward.length, leftOut: spans.length - forward.length, medianDays: median(forward) };
  });
  return { funnel, steps, dropoutReasons: dropoutReasons(participants), retention: retentionCurve(participants, today, employments) };
}

/** Why work ended, per person (their first placement that ended with a recorded end: drop-out or a closure with a reason). */
export function dropoutReasons(participants: readonly ParticipantStages[]): ReasonFigure[] {
  const counts = new Map<string, number>();
  for (const participant of participants) {
    const ended = participant.placements.filter(
      (placement) => placement.status === 'dropped_out' || (placement.status === 'closed' && placement.dropoutReason !== null),
    );
    if (!ended.length) continue;
    const reason =
      ended.sort((a, b) => compareDates(a.closedOn ?? '9999-12-31', b.closedOn ?? '9999-12-31'))[0]!.dropoutReason ?? 'not_recorded';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * Share still working by whole month since the contract start, Kaplan-Meier
 * style: work still running is censored at today (it counts while followed,
 * never as a success beyond that), work that ended is an event in the month it ended.
 */
export function retentionCurve(
  participants: readonly ParticipantStages[],
  today: string,
  employments: ReadonlyArray<Employment | null> = participants.map((participant) => employmentOf(participant.placements)),
): RetentionPoint[] {
  const spells = employments
    .filter((employment): employment is Employment => employment !== null && compareDates(employment.start, today) <= 0)
    .map((employment) => ({
      months: fullMonths(employment.start, employment.endedOn ?? today),
      ended: employment.endedOn !== null,
    }));
  if (!spells.length) return [];
  let longest = 0;
  for (const spell of spells) longest = Math.max(longest, spell.months);
  const horizon = Math.min(RETENTION_MONTHS, longest);
  // Per whole month: how many spells end there (an event) or stop being followed there (censored).
  const endedAt = new Array<number>(longest + 1).fill(0);
  const censoredAt = new Array<number>(longest + 1).fill(0);
  for (const spell of spells) (spell.ended ? endedAt : censoredAt)[spell.months]! += 1;
  const points: RetentionPoint[] = [];
  let share = 1;
  let atRisk = spells.length;
  for (let month = 0; month <= horizon && atRisk > 0; month++) {
    const ended = endedAt[month]!;
    const censored = censoredAt[month]!;
    points.push({ month, share, atRisk, ended, censored });
    share = share * (1 - ended / atRisk);
    atRisk -= ended + censored;
  }
  return points;
}
