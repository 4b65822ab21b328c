/** What a participant asks help about (life domains). */
export const PARTICIPANT_HELP_CATEGORIES = ['work', 'money', 'health', 'home', 'conflict_at_work', 'transport', 'other'] as const;
/** What an employer asks help about: its employee and the arrangements around them. */
export const EMPLOYER_HELP_CATEGORIES = [
  'employee_functioning',
  'conflict_at_work',
  'absence',
  'subsidy',
  'contract_hours',
  'workplace_adaptation',
  'other',
] as const;
export const HELP_CATEGORIES = [...new Set([...PARTICIPANT_HELP_CATEGORIES, ...EMPLOYER_HELP_CATEGORIES])] as Array<
  (typeof PARTICIPANT_HELP_CATEGORIES)[number] | (typeof EMPLOYER_HELP_CATEGORIES)[number]
>;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];

export const HELP_URGENCIES = ['low', 'normal', 'high'] as const;
export type HelpUrgency = (typeof HELP_URGENCIES)[number];

export const HELP_CHANNELS = ['phone', 'visit', 'video', 'app', 'email'] as const;
export type HelpChannel = (typeof HELP_CHANNELS)[number];

export const HELP_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** Statuses in which a request still needs someone's attention. */
export const OPEN_HELP_STATUSES: readonly HelpStatus[] = ['new', 'acknowledged', 'in_progress'];

export type TransitionActor = 'staff' | 'requester';

/**
 * The allowed status changes and who may make them. Only staff acknowledge,
 * start and resolve; closing a resolved request or reopening it ("it is not
 * solved yet") is open to the requester as well.
 */
export const HELP_TRANSITIONS: Record<HelpStatus, Partial<Record<HelpStatus, readonly TransitionActor[]>>> = {
  new: { acknowledged: ['staff'] },
  acknowledged: { in_progress: ['staff'], resolved: ['staff'] },
  in_progress: { resolved: ['staff'] },
  resolved: { closed: ['staff', 'requester'], in_progress: ['staff', 'requester'] },
  closed: {},
};

/** Days the organisation has to acknowledge a request when it set nothing itself. */
export const DEFAULT_HELP_RESPONSE_WORKING_DAYS = 1;
