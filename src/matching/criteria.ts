/** Criteria of the weighted match score and the hard filters before it, with their defaults. */
export const CRITERIA = ['occupation', 'skills', 'workplace', 'supervision', 'adaptations', 'growth', 'employerExperience'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const DEFAULT_WEIGHTS: Record<Criterion, number> = {
  occupation: 3,
  skills: 2,
  workplace: 2,
  supervision: 1,
  adaptations: 2,
  growth: 1,
  employerExperience: 1,
};

export const FILTERS = ['hours', 'shifts', 'distance', 'certificates', 'capacity', 'exclusions', 'consent'] as const;
export type MatchFilter = (typeof FILTERS)[number];

/** The farthest a participant travels per means of transport (km), whatever their own maximum. */
export const MODE_MAX_KM = { walk: 5, bike: 15, public_transport: 40, car: 60 } as const;

/** Occupation fit: same ISCO unit group (4 digits), minor group (3), sub-major group (2). */
export const OCCUPATION_FIT = { unit: 1, minor: 0.6, subMajor: 0.3 } as const;

/** Organisation settings may override weights; unknown keys and bad values are ignored. */
export function effectiveWeights(settings: unknown): Record<Criterion, number> {
  const weights = { ...DEFAULT_WEIGHTS };
  if (settings && typeof settings === 'object') {
    for (const criterion of CRITERIA) {
      const value = (settings as Record<string, unknown>)[criterion];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100) weights[criterion] = value;
    }
  }
  return weights;
}

/**
 * The score as people see it: a whole number from 0 to 100. The one rounding
 * of a match score for display, used by the API's displayScore and every page.
 */
export function displayScore(score: number | null): number | null {
  return score === null || score === undefined ? null : Math.round(Number(score));
}
