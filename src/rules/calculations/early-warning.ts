import { addDays } from './dates.js';
import { formatLongDate } from './explain.js';

/**
 * Early warning: what predicts drop-out in supported employment (DOMAIN.md,
 * "What predicts whether work lasts"), as small pure rules over one
 * placement's facts. Each rule answers one finding or none; the aftercare
 * capability stores findings as risks and clears a risk when its rule stops
 * answering it.
 *
 * A finding's `occurrence` names the situation it is about (this contract
 * start, this run of missed check-ins, this contract end): the same
 * occurrence is never raised twice, so a risk a coach closed stays closed
 * while a new situation raises a new one.
 *
 * Adding a rule: a fact in `PlacementFacts`, a threshold in
 * `EarlyWarningThresholds` (a dated rule parameter), a function below and an
 * entry in `EARLY_WARNING_RULES`. Reasons never carry medical data.
 */

export const RISK_RULES = ['low_hours', 'missed_checkins', 'contact_below_plan', 'renewal_talk_due', 'low_satisfaction'] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export interface PlacementFacts {
  status: string;
  contractStart: string | null;
  contractEnd: string | null;
  hoursPerWeek: number | null;
  /** The monitoring plan's rhythm (weekly, monthly, on_request, ...). */
  monitoringFrequency: string | null;
  /** The participant opted out of contact: contact rules do not apply. */
  optedOutOfContact: boolean;
  /** Check-ins that took place or were missed, oldest first. */
  settledCheckins: ReadonlyArray<{ id: string; dueOn: string; status: 'done' | 'missed' }>;
  /** The plan's contact moments: the due dates of its check-ins (not cancelled), oldest first. */
  plannedContactDates: readonly string[];
  /** The day of the latest contact with participant or employer, if any. */
  lastContactOn: string | null;
  /** The contract end dates a renewal talk was recorded for. */
  renewalTalksFor: readonly string[];
  /**
   * The newest satisfaction survey answer about the coach's support (the surveys capability's), with whether it is
   * at or below the organisation's low score on the day it was given.
   */
  latestSatisfaction: { score: number; respondent: 'participant' | 'employer_contact'; answeredOn: string; low: boolean } | null;
}

/** Each is a dated rule parameter, looked up by the caller (hours on the contract start, the rest today). */
export interface EarlyWarningThresholds {
  maxHoursPerWeek: number;
  missedCheckinsInARow: number;
  renewalTalkWeeks: number;
  contactGraceDays: number;
}

export interface RiskFinding {
  rule: RiskRule;
  occurrence: string;
  /** What the reason and next action are built from: dates and counts only. */
  details: Record<string, string | number>;
  /** Plain Dutch (B1): why this placement is at risk. */
  reason: string;
  /** Plain Dutch: what the coach does next. */
  nextAction: string;
}

export type EarlyWarningRule = (facts: PlacementFacts, thresholds: EarlyWarningThresholds, today: string) => RiskFinding | undefined;

const WORKING = ['contract', 'aftercare'];
const FREQUENCY_NL: Record<string, string> = {
  weekly: 'elke week',
  biweekly: 'elke twee weken',
  monthly: 'elke maand',
  quarterly: 'elk kwartaal',
  tapering: 'eerst vaak, daarna elke maand',
};
const COUNT_NL = ['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'];

const date = (day: string) => formatLongDate(day, 'nl');
const count = (n: number) => COUNT_NL[n] ?? String(n);
const hours = (n: number) => String(n).replace('.', ',');

/** Few hours a week from the contract start: people who work 20 hours or less quit more often. */
export const lowHours: EarlyWarningRule = (facts, thresholds, today) => {
  if (!WORKING.includes(facts.status) || !facts.contractStart || facts.contractStart > today || facts.hoursPerWeek === null) return;
  if (facts.hoursPerWeek > thresholds.maxHoursPerWeek) return;
  return {
    rule: 'low_hours',
    occurrence: `contract.${facts.contractStart}`,
    details: { hoursPerWeek: facts.hoursPerWeek, maxHoursPerWeek: thresholds.maxHoursPerWeek, contractStart: facts.contractStart },
    reason: `Werkt ${hours(facts.hoursPerWeek)} uur per week sinds ${date(facts.contractStart)}. Wie ${hours(thresholds.maxHoursPerWeek)} uur of minder werkt, stopt vaker.`,
    nextAction: 'Plan een gesprek over uitbreiding van uren',
  };
};

/** The latest check-ins were missed, one after the other. */
export const missedCheckins: EarlyWarningRule = (facts, thresholds) => {
  if (!WORKING.includes(facts.status)) return;
  const streak: Array<{ id: string; dueOn: string }> = [];
  for (let i = facts.settledCheckins.length - 1; i >= 0 && facts.settledCheckins[i].status === 'missed'; i--) {
    streak.unshift(facts.settledCheckins[i]);
  }
  if (streak.length === 0 || streak.length < thresholds.missedCheckinsInARow) return;
  const last = streak[streak.length - 1];
  return {
    rule: 'missed_checkins',
    // The run of misses, named by its first: a third miss in the same run is the same risk.
    occurrence: `run.${streak[0].id}`,
    details: { missed: streak.length, lastMissedOn: last.dueOn },
    reason: `${capitalise(count(streak.length))} nazorggesprekken op rij gemist, de laatste op ${date(last.dueOn)}.`,
    nextAction: `Bel deelnemer: ${count(streak.length)} gemiste check-ins`,
  };
};

/** A contact moment of the plan passed, plus the grace days, without any contact since the contact before it. */
export const contactBelowPlan: EarlyWarningRule = (facts, thresholds, today) => {
  if (facts.status !== 'aftercare' || facts.optedOutOfContact) return;
  if (!facts.monitoringFrequency || facts.monitoringFrequency === 'on_request') return;
  const since = facts.lastContactOn;
  const skipped = facts.plannedContactDates.find((day) => since === null || day > since);
  if (!skipped || addDays(skipped, thresholds.contactGraceDays) > today) return;
  const plan = FREQUENCY_NL[facts.monitoringFrequency] ?? facts.monitoringFrequency;
  return {
    rule: 'contact_below_plan',
    occurrence: `since.${since ?? 'start'}`,
    details: { lastContactOn: since ?? '', plannedOn: skipped, graceDays: thresholds.contactGraceDays },
    reason: since
      ? `Minder contact dan afgesproken (${plan}). Het laatste contact was op ${date(since)}; er was contact gepland op ${date(skipped)}.`
      : `Minder contact dan afgesproken (${plan}). Er is nog geen contact geweest; er was contact gepland op ${date(skipped)}.`,
    nextAction: 'Neem contact op met deelnemer en werkgever, zoals in het plan staat',
  };
};

/** The contract ends soon and nobody talked about what comes after. */
export const renewalTalkDue: EarlyWarningRule = (facts, thresholds, today) => {
  if (!WORKING.includes(facts.status) || !facts.contractEnd) return;
  if (addDays(facts.contractEnd, -7 * thresholds.renewalTalkWeeks) > today) return;
  if (facts.renewalTalksFor.includes(facts.contractEnd)) return;
  return {
    rule: 'renewal_talk_due',
    occurrence: `end.${facts.contractEnd}`,
    details: { contractEnd: facts.contractEnd, weeks: thresholds.renewalTalkWeeks },
    reason: `Het contract loopt af op ${date(facts.contractEnd)}. Er is nog geen gesprek over verlenging vastgelegd.`,
    nextAction: `Plan een verlengingsgesprek vóór ${date(facts.contractEnd)}`,
  };
};

/** The newest survey answer scored the coach's support low: dissatisfaction goes before quitting. */
export const lowSatisfaction: EarlyWarningRule = (facts, _thresholds, _today) => {
  const answer = facts.latestSatisfaction;
  if (!WORKING.includes(facts.status) || !answer?.low) return;
  const who = answer.respondent === 'participant' ? 'De deelnemer' : 'De werkgever';
  return {
    rule: 'low_satisfaction',
    // The answer itself: a later, better answer ends it; a new low answer is a new situation.
    occurrence: `answer.${answer.respondent}.${answer.answeredOn}`,
    details: { score: answer.score, respondent: answer.respondent, answeredOn: answer.answeredOn },
    reason: `${who} gaf de begeleiding een ${answer.score} (op ${date(answer.answeredOn)}).`,
    nextAction:
      answer.respondent === 'participant'
        ? 'Bespreek met de deelnemer wat er beter kan in de begeleiding'
        : 'Bel de werkgever over wat er beter kan in de begeleiding',
  };
};

export const EARLY_WARNING_RULES: readonly EarlyWarningRule[] = [
  lowHours,
  missedCheckins,
  contactBelowPlan,
  renewalTalkDue,
  lowSatisfaction,
];

/** Every finding for the placement today, in the rules' order. */
export function evaluateEarlyWarning(facts: PlacementFacts, thresholds: EarlyWarningThresholds, today: string): RiskFinding[] {
  return EARLY_WARNING_RULES.map((rule) => rule(facts, thresholds, today)).filter((found): found is RiskFinding => found !== undefined);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
