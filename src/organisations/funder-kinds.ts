/** Who pays for a trajectory: a municipality (Participatiewet), UWV (Wajong, WIA), or another funder. */
export const FUNDER_KINDS = ['municipality', 'uwv', 'other'] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];
