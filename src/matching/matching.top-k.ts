import { CRITERIA, FILTERS, OCCUPATION_FIT, type Criterion } from './criteria.js';
import type { MatchRow } from './explanations.js';
import { SCORE_SQL } from './matching.sql.js';

/**
 * Top-k matching without scoring the whole pool (issue 16).
 *
 * The other side (participants for a vacancy, vacancies for a participant) is
 * cut into disjoint buckets by conditions that an index answers: how the
 * occupation fits (unit, minor or sub-major group, none) and, for candidates,
 * whether they have every skill the vacancy asks. For each bucket PostgreSQL
 * computes an upper bound of the score with the very expression of the score
 * (the same float8 operations in the same order, then the same rounding), with
 * the bucket's value for the criteria the bucket fixes, the anchor's own value
 * where the criterion depends on the anchor alone, and 1 for the rest. Sums and
 * products of non-negative float8 and numeric rounding are monotone, so no row
 * in a bucket scores above its bound, exactly.
 *
 * The buckets are then run through the exact query (MatchingRepository.buildQuery,
 * restricted to the bucket) from the highest bound down, each returning its own
 * top k; the lists are merged in the query's order. It stops as soon as k rows
 * are in hand and the k-th beats every row still unseen: its score is higher
 * than the next bucket's bound, and no unseen row can be in an earlier class of
 * the ranking (fewer failed filters). What comes back is what the exact query
 * returns, the same rows in the same order with the same scores; the property
 * test in tests/matching/top-k.test.ts checks that on random data.
 */

export interface Bucket {
  /** A condition on the other side's row (`pp` for participants, `v` for vacancies); named parameters start with `b_`. */
  sql: string;
  /** The bound of the score of every row in the bucket (as the query's total, rounded). */
  bound: number;
  /** A name for logs and tests. */
  name: string;
}

type Level = { name: string; sql: string; score: Record<Criterion, string | undefined> };

/** The total of the score, as SQL: one template for the query and for the bounds, so both round alike. */
export function totalSql(score: (criterion: Criterion) => string, totalWeight: number): string {
  return `round((100 * (${CRITERIA.map((c) => `:w_${c}::float8 * ${score(c)}`).join(' + ')}) / ${totalWeight})::numeric, 1)::float8`;
}

const fit = (value: number) => `${value}::float8`;
const none = (): Record<Criterion, string | undefined> => Object.fromEntries(CRITERIA.map((c) => [c, undefined])) as never;
const with_ = (criterion: Criterion, sql: string) => ({ ...none(), [criterion]: sql });

/**
 * The levels of each bucketing dimension for candidates of one vacancy (`v` is
 * the vacancy with its employer's experience). Each level: a condition on
 * `pp` and the criterion's bound as SQL over `v`. The levels of a dimension do
 * not overlap and together cover every row (NULL counts as "not").
 */
function participantLevels(): Level[][] {
  const unit = 'pp.occupation_wishes @> ARRAY[:b_isco]::text[]';
  const minor = 'pp.occupation_minor_groups @> ARRAY[:b_isco3]::text[]';
  const subMajor = 'pp.occupation_sub_major_groups @> ARRAY[:b_isco2]::text[]';
  const not = (...conditions: string[]) => conditions.map((c) => `(${c}) IS NOT TRUE`).join(' AND ');
  const distinctSkills = 'public.match_shared_count(v.skills, v.skills)';
  return [
    [
      { name: 'unit', sql: unit, score: with_('occupation', fit(OCCUPATION_FIT.unit)) },
      { name: 'minor', sql: `${minor} AND ${not(unit)}`, score: with_('occupation', fit(OCCUPATION_FIT.minor)) },
      { name: 'subMajor', sql: `${subMajor} AND ${not(unit, minor)}`, score: with_('occupation', fit(OCCUPATION_FIT.subMajor)) },
      { name: 'otherOccupation', sql: not(unit, minor, subMajor), score: with_('occupation', fit(0)) },
    ],
    [
      // At least one skill asked: at most every distinct skill shared (duplicates in the vacancy's list still count in the
      // denominator). One condition, so one GIN look-up; splitting off "all skills" cost more queries than it saved.
      {
        name: 'someSkills',
        sql: 'pp.skills && :b_skills::text[]',
        score: with_('skills', `CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE ${distinctSkills}::float8 / cardinality(v.skills) END`),
      },
      // None of the skills asked: the score's own CASE gives 0 (or 1 when nothing is asked: then everybody is here).
      {
        name: 'noSkills',
        sql: not('pp.skills && :b_skills::text[]'),
        score: with_('skills', 'CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE 0 END'),
      },
    ],
  ];
}

/** The levels for vacancies of one participant (`pp` is the participant's profile). */
function vacancyLevels(): Level[][] {
  const unit = 'v.isco_code::text = ANY(:b_wishes::text[])';
  const minor = 'left(v.isco_code, 3) = ANY(:b_minor::text[])';
  const subMajor = 'left(v.isco_code, 2) = ANY(:b_sub_major::text[])';
  const not = (...conditions: string[]) => conditions.map((c) => `(${c}) IS NOT TRUE`).join(' AND ');
  return [
    [
      { name: 'unit', sql: unit, score: with_('occupation', fit(OCCUPATION_FIT.unit)) },
      { name: 'minor', sql: `${minor} AND ${not(unit)}`, score: with_('occupation', fit(OCCUPATION_FIT.minor)) },
      { name: 'subMajor', sql: `${subMajor} AND ${not(unit, minor)}`, score: with_('occupation', fit(OCCUPATION_FIT.subMajor)) },
      { name: 'otherOccupation', sql: not(unit, minor, subMajor), score: with_('occupation', fit(0)) },
    ],
  ];
}

/** Criteria that depend on the anchor alone: their exact value goes into every bound. */
const ANCHOR_ONLY: Record<'vacancy' | 'participant', Criterion[]> = {
  vacancy: ['employerExperience'],
  participant: [],
};

/**
 * From how many rows of the other side's table (the planner's estimate) the
 * buckets pay off; below it one query over the travel area or the organisation
 * (a single bucket: the exact query) is cheaper than several bucket queries,
 * each planned for its values. Measured with npm run bench:matching
 * (docs/performance.md); the result is the same either way. Tests set 0.
 */
export const BUCKETS_FROM = { area: 250_000, organisation: 5_000 };

export interface BucketPlan {
  /**
   * Whether the travel-area phase goes by buckets too. Not for vacancies of a
   * participant: the open vacancies in one travel area are few, the area's
   * GiST index finds them faster than an occupation index and a filter.
   */
  areaBuckets: boolean;
  /** SELECT … FROM the anchor: the bucket parameters (b_*) and one bound per bucket (ub_<i>). */
  boundsSql(anchorFrom: string, totalWeight: number): string;
  buckets(row: Record<string, unknown>): Bucket[];
}

export function bucketPlan(side: 'vacancy' | 'participant'): BucketPlan {
  const dimensions = side === 'vacancy' ? participantLevels() : vacancyLevels();
  // Every combination of one level per dimension.
  const combinations = dimensions.reduce<Level[][]>((acc, levels) => acc.flatMap((combo) => levels.map((l) => [...combo, l])), [[]]);
  const parameters =
    side === 'vacancy'
      ? 'v.isco_code::text AS b_isco, left(v.isco_code, 3) AS b_isco3, left(v.isco_code, 2) AS b_isco2, v.skills AS b_skills'
      : 'pp.occupation_wishes AS b_wishes, pp.occupation_minor_groups AS b_minor, pp.occupation_sub_major_groups AS b_sub_major';
  return {
    areaBuckets: side === 'vacancy',
    boundsSql(anchorFrom, totalWeight) {
      const bounds = combinations.map((combo, i) => {
        const score = (c: Criterion) => {
          const fixed = combo.map((l) => l.score[c]).find((s) => s !== undefined);
          if (fixed) return `(${fixed})::float8`;
          if (ANCHOR_ONLY[side].includes(c)) return `(${SCORE_SQL[c]})::float8`;
          return '1::float8';
        };
        return `${totalSql(score, totalWeight)} AS ub_${i}`;
      });
      // The planner's row count of the other side's table: below BUCKETS_FROM one query is cheaper than several.
      const pool = side === 'vacancy' ? 'participant_profile' : 'vacancy';
      return `SELECT ${parameters}, ${bounds.join(', ')}, (SELECT reltuples FROM pg_class WHERE oid = 'public.${pool}'::regclass) AS pool_rows ${anchorFrom}`;
    },
    buckets(row) {
      return combinations
        .map((combo, i) => ({
          sql: combo.map((l) => `(${l.sql})`).join(' AND '),
          bound: Number(row[`ub_${i}`]),
          name: combo.map((l) => l.name).join('+'),
        }))
        .sort((a, b) => b.bound - a.bound);
    },
  };
}

/** The bucket parameters from the bounds row. */
export function bucketParams(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => key.startsWith('b_')));
}

/** How many filters a row fails (0 when the query only returns those who pass). */
export function failedCount(row: MatchRow, withFlags: boolean): number {
  return withFlags ? FILTERS.filter((f) => row[`f_${f}`] === false).length : 0;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The query's own order: failed filters, score (high first), participant, vacancy. */
export function compareRows(withFlags: boolean) {
  return (a: MatchRow, b: MatchRow) =>
    failedCount(a, withFlags) - failedCount(b, withFlags) ||
    Number(b.total) - Number(a.total) ||
    compareText(a.participant_id, b.participant_id) ||
    compareText(a.vacancy_id, b.vacancy_id);
}
