import type { ExplanationLine } from './explain.js';

/** The name problem answers use for the rule, so a client can tell it from other refusals. */
export const TRIAL_EXTENSION_RULE = 'trial-extension-only-for-illness-or-disability';

/** What Werkbrug knows about why a participant is in a trajectory, as far as the trial extension needs it. */
export interface TrialTargetGroupFacts {
  /** 'physical' | 'mental' | 'both' when a limitation was recorded. */
  limitationKind: string | null;
  benefitType: string | null;
  targetGroupRegisterStatus: string | null;
}

/** Benefits that are paid because of illness or disability (a plain WW benefit is not). */
const ILLNESS_OR_DISABILITY_BENEFITS = ['wajong', 'wia', 'wga', 'iva', 'wao', 'waz', 'ziektewet', 'zw'];

/**
 * UWV extends a trial placement beyond the normal period (to at most the maximum in total) only
 * for people with an illness or disability: a recorded limitation, a benefit paid because of
 * illness or disability, or an entry in the target-group register (an occupational disability).
 */
export function hasIllnessOrDisability(facts: TrialTargetGroupFacts): boolean {
  const benefit = (facts.benefitType ?? '').trim().toLowerCase();
  return (
    facts.limitationKind !== null ||
    facts.targetGroupRegisterStatus === 'registered' ||
    ILLNESS_OR_DISABILITY_BENEFITS.some((name) => benefit === name || benefit.startsWith(`${name} `) || benefit.startsWith(`${name}-`))
  );
}

export function trialExtensionRefusal(normalMonths: number): ExplanationLine {
  return {
    nl: `UWV verlengt een proefplaatsing na ${normalMonths} maanden alleen voor mensen met een ziekte of handicap; bij deze deelnemer is dat niet vastgelegd.`,
    en: `UWV extends a trial placement beyond ${normalMonths} months only for people with an illness or disability; none is recorded for this participant.`,
  };
}
