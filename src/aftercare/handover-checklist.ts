/** Every agreement the handover checklist records (DOMAIN.md, "Formal handover"). */
export const AGREEMENT_ITEMS = [
  'finances',
  'trialPlacement',
  'shopFloorGuidance',
  'hours',
  'productionRequirements',
  'taskDivision',
  'contactBetweenParties',
  'evaluationMeetings',
  'wageCostSubsidy',
  'leave',
  'reportingSick',
  'otherPersonalMatters',
] as const;

export const EXPECTATION_ITEMS = ['firmFooting', 'growthOptions', 'employmentLength', 'tasks', 'aftercareLength'] as const;

export type AgreementItem = (typeof AGREEMENT_ITEMS)[number];
export type ExpectationItem = (typeof EXPECTATION_ITEMS)[number];

export const MONITORING_FORMS = ['meeting', 'phone', 'email', 'app', 'visit'] as const;
export const MONITORING_FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'quarterly', 'on_request', 'tapering'] as const;
export type MonitoringFrequency = (typeof MONITORING_FREQUENCIES)[number];
export const AFTERCARE_FUNDING = [
  'trajectory_funder',
  'career_budget',
  'individual_choice_budget',
  'personal_budget',
  'transition_payment',
  'employer',
  'health_insurer',
  'sector_fund',
  'other',
] as const;

/** An item is either filled in or explicitly not applicable: never silently empty. */
export interface ChecklistEntry {
  applicable: boolean;
  text?: string;
  /** Who does it: "employer", "coach", "participant" or a name. */
  owner?: string;
}

export interface MonitoringPlan {
  forms: Array<(typeof MONITORING_FORMS)[number]>;
  whoContacts: 'coach_to_employer' | 'employer_to_coach' | 'both';
  frequency: MonitoringFrequency;
  participantContactWishes?: string;
  aftercareFunding: (typeof AFTERCARE_FUNDING)[number];
  plannedAftercareEnd: string;
}

export interface HandoverChecklist {
  agreements: Record<AgreementItem, ChecklistEntry>;
  expectations: Record<ExpectationItem, ChecklistEntry>;
  monitoringPlan: MonitoringPlan;
}

/** What is still open, as field paths; empty when the checklist can be confirmed. */
export function missingChecklistItems(checklist: Partial<HandoverChecklist>): string[] {
  const missing: string[] = [];
  const open = (entry: ChecklistEntry | undefined) => !entry || (entry.applicable && !entry.text?.trim());
  for (const item of AGREEMENT_ITEMS) if (open(checklist.agreements?.[item])) missing.push(`agreements.${item}`);
  for (const item of EXPECTATION_ITEMS) if (open(checklist.expectations?.[item])) missing.push(`expectations.${item}`);
  if (!checklist.monitoringPlan) missing.push('monitoringPlan');
  return missing;
}
