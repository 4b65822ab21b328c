import { MODE_MAX_KM, OCCUPATION_FIT, type Criterion, type MatchFilter } from './criteria.js';

/**
 * The filters and the score as SQL over `pp` (participant_profile), `v`
 * (vacancy) and `e` (employer). One definition serves both directions.
 */
const reach = `LEAST(pp.max_travel_km, GREATEST(
    CASE WHEN 'walk' = ANY(pp.transport_modes) THEN ${MODE_MAX_KM.walk} ELSE 0 END,
    CASE WHEN 'bike' = ANY(pp.transport_modes) THEN ${MODE_MAX_KM.bike} ELSE 0 END,
    CASE WHEN 'public_transport' = ANY(pp.transport_modes) AND v.public_transport_reachable THEN ${MODE_MAX_KM.public_transport} ELSE 0 END,
    CASE WHEN 'car' = ANY(pp.transport_modes) THEN ${MODE_MAX_KM.car} ELSE 0 END))`;

const distance = 'great_circle_km(pp.latitude, pp.longitude, v.latitude, v.longitude)';

export const REACH_SQL = reach;
export const DISTANCE_SQL = distance;

/**
 * Index-backed pre-filter for the distance filter: the participant's travel
 * area (a latitude/longitude box around them, as large as their reach could
 * ever be) overlaps the vacancy's point. Both sides have a GiST index on the
 * same expressions (migration SpeedUpMatching), so PostgreSQL can start from
 * either end. It only narrows: the exact great-circle filter still decides.
 */
export const AREA_SQL = {
  participant: 'match_participant_area(pp.latitude, pp.longitude, pp.max_travel_km, pp.transport_modes)',
  vacancy: 'match_point_box(v.latitude, v.longitude)',
} as const;

export const FILTER_SQL: Record<MatchFilter, string> = {
  hours: 'pp.hours_min <= v.hours_max AND pp.hours_max >= v.hours_min',
  shifts:
    'v.shifts <@ pp.shifts_possible AND (cardinality(v.days) = 0 OR cardinality(pp.days_available) = 0 OR v.days <@ pp.days_available)',
  distance: `pp.latitude IS NOT NULL AND v.latitude IS NOT NULL AND ${distance} <= ${reach}`,
  certificates:
    "v.required_certificates <@ pp.certificates AND (NOT v.driving_licence_required OR pp.driving_licence) AND (v.language_level IS NULL OR coalesce(pp.language_level, 'A0') >= v.language_level)",
  capacity: 'pp.capacity_hours_per_week >= v.hours_min',
  exclusions: "NOT (coalesce(v.sector, '') = ANY(pp.excluded_sectors)) AND NOT (v.core_tasks && pp.excluded_tasks)",
  consent:
    "EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = pp.participant_id AND c.purpose = 'proposal_to_employers' AND c.withdrawn_at IS NULL)",
};

// Scores are computed in float8 (not numeric): the values are the same (0, 0.5 and 1 per part, k/6 for the
// workplace mean, the same literals elsewhere) and it is several times cheaper on thousands of rows.
const fit = (demand: string, copes: string) =>
  `CASE WHEN ${demand} IS NULL THEN 1::float8 WHEN ${copes} IS NULL THEN 0.5::float8 ELSE GREATEST(0, 1 - GREATEST(0, ${demand} - ${copes}) * 0.5::float8) END`;

export const SCORE_SQL: Record<Criterion, string> = {
  occupation: `CASE WHEN v.isco_code::text = ANY(pp.occupation_wishes) THEN ${OCCUPATION_FIT.unit}::float8
    WHEN left(v.isco_code, 3) = ANY(pp.occupation_minor_groups) THEN ${OCCUPATION_FIT.minor}::float8
    WHEN left(v.isco_code, 2) = ANY(pp.occupation_sub_major_groups) THEN ${OCCUPATION_FIT.subMajor}::float8 ELSE 0::float8 END`,
  // Distinct skills asked that the participant has; no subquery when the arrays do not overlap at all. The body of
  // match_shared_count() written out: a call of the SQL function cost 6.4 µs a row, the sub-query 1.3 µs (100,000 rows).
  skills:
    'CASE WHEN cardinality(v.skills) = 0 THEN 1 WHEN NOT (v.skills && pp.skills) THEN 0 ELSE (SELECT count(DISTINCT x) FROM unnest(v.skills) x WHERE x = ANY(pp.skills))::float8 / cardinality(v.skills) END',
  workplace: `(${fit('v.stimulus_level', 'pp.copes_stimulus')} + ${fit('v.production_pressure', 'pp.copes_pressure')} + ${fit('v.work_pace', 'pp.copes_pace')}) / 3::float8`,
  supervision: 'CASE WHEN NOT pp.needs_supervision OR v.supervision_on_floor THEN 1 ELSE 0 END',
  // Every need met, or none, answered without the per-row sub-query (cheaper on every vacancy scored for one participant).
  adaptations: `CASE WHEN cardinality(pp.needs_adaptations) = 0 THEN 1
    WHEN pp.needs_adaptations <@ (v.adaptations_possible || CASE WHEN v.quiet_workspace_possible THEN '{quiet_workspace}'::text[] ELSE '{}'::text[] END) THEN 1
    WHEN NOT (pp.needs_adaptations && (v.adaptations_possible || CASE WHEN v.quiet_workspace_possible THEN '{quiet_workspace}'::text[] ELSE '{}'::text[] END)) THEN 0
    ELSE (SELECT count(*) FROM unnest(pp.needs_adaptations) a WHERE a = ANY(v.adaptations_possible) OR (a = 'quiet_workspace' AND v.quiet_workspace_possible))::float8 / cardinality(pp.needs_adaptations) END`,
  growth: 'CASE WHEN NOT pp.wants_growth OR v.growth_possible THEN 1 ELSE 0 END',
  employerExperience: "CASE v.employer_experience WHEN 'extensive' THEN 1::float8 WHEN 'some' THEN 0.5::float8 ELSE 0::float8 END",
};
