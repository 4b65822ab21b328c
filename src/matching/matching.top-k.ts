import { CRITERIA, FILTERS, OCCUPATION_FIT, type Criterion } from './criteria.js';
import type { MatchRow } from './explanations.js';
import { FILTER_SQL, SCORE_SQL } from './matching.sql.js';

/**
 * Top-k matching without scoring the whole pool (issue 16).
 *
 * The other side (participants for a vacancy, vacancies for a participant) is
 * cut into disjoint buckets by conditions that an index answers: how the
 * occupation fits (unit, minor or sub-major group, none) and which of the skills
 * asked they share (all, some, none). In large pools (FINE_FROM) a candidate
 * bucket with an occupation key comes from match_candidate_key by one
 * index-only scan, and near misses are split further by two traits a vacancy
 * can score at 0 (supervision, growth). For each bucket PostgreSQL
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
  /**
   * Candidates for a vacancy: the bucket's rows come from match_candidate_key (`k`): one occupation key (a named
   * parameter) and conditions on its traits and skill hashes, by an index-only scan; `sql` is what is left to check
   * on the profile.
   */
  keyed?: {
    key: string;
    condition: string;
    /**
     * A bound of the row's score from match_candidate_key alone (as the query's total, rounded): the bucket's values
     * for occupation and skills, the row's own for workplace, supervision and growth, the anchor's employer, 1 for the
     * rest. The fast path drops a key row whose bound ranks after the k-th found so far before reading its profile.
     */
    rowBound: string;
  };
  /**
   * A bound of the pair's score from cheap columns (as the query's total, rounded): the bucket's values for occupation
   * and skills, the pair's own for workplace, supervision, growth and the employer, and for adaptations whether any need
   * is met at all. The fast path drops a pair whose bound is below the k-th so far before its score is computed.
   */
  pairBound?: {
    total: string;
    raw: string;
    /**
     * Vacancies for a participant: the raw bound from the vacancy's own row alone (the employer's experience at 1), so
     * that an index holding those columns (migration VacancyPairBoundIndex) drops pairs before their rows are read.
     */
    vacancyRow?: string;
  };
  /**
   * A bucket cut by the other side's id (near misses only): its rows' ids start here. Ties at the same score go by
   * participant id, then vacancy id (one of them is the anchor's), so once the k-th so far has a lower id, no row of
   * this bucket at its bound can rank before it.
   */
  idFrom?: string;
}

type Level = {
  name: string;
  sql: string;
  score: Record<Criterion, string | undefined>;
  /** The occupation key of match_candidate_key this level's rows have (a named parameter). */
  key?: string;
  /** With the key: what is left of `sql` to check on the profile (the key is the level's own condition). */
  keyedSql?: string;
  /** A level of keyed buckets only (a split that only match_candidate_key's index can make cheaply). */
  keyedOnly?: boolean;
  /** Whether the level has rows at all, as SQL over the anchor (with the bounds): the buckets of an empty level are left out. */
  exists?: string;
  /**
   * The same level as a condition on match_candidate_key's skill hashes, for keyed buckets. It cuts the rows by
   * hash instead of by skill, which is a partition all the same, and the level's bound holds for it: a hash
   * missing means that skill is missing (so "no hash shared" shares no skill, and "some hash missing" misses a skill).
   */
  keyCondition?: string;
};

/** The total of the score, as SQL: one template for the query and for the bounds, so both round alike. */
export function totalSql(score: (criterion: Criterion) => string, totalWeight: number): string {
  return roundedTotal(rawTotalSql(score, totalWeight));
}

/** A raw total (rawTotalSql) rounded as the query rounds its total. */
export function roundedTotal(raw: string): string {
  return `round(${raw}::numeric, 1)::float8`;
}

/** The total before its rounding to one decimal (float8: cheaper than the numeric the rounding goes through). */
export function rawTotalSql(score: (criterion: Criterion) => string, totalWeight: number): string {
  return `(100 * (${CRITERIA.map((c) => `:w_${c}::float8 * ${score(c)}`).join(' + ')}) / ${totalWeight})`;
}

/**
 * The distinct non-null values of `column` among the rows of `fromWhere` (`<table> <alias> WHERE …`), as a SELECT of
 * `value`: a loose index scan (a recursive CTE asking each time for the least value above the last), one index probe
 * per distinct value when an index leads with the conditions and the column, whatever the rows per value. Read lazily,
 * so an EXISTS over it stops at the first value that qualifies.
 */
function distinctByLooseScan(column: string, fromWhere: string): string {
  const next = (after: string) => `(SELECT min(${column}) FROM ${fromWhere}${after})`;
  return `WITH RECURSIVE scan(value) AS (SELECT ${next('')}
      UNION ALL SELECT ${next(` AND ${column} > scan.value`)} FROM scan WHERE scan.value IS NOT NULL)
    SELECT value FROM scan WHERE value IS NOT NULL`;
}

/** The vacancy's (`v`) occupation keys as match_candidate_key holds them (match_occupation_keys): unit, minor, sub-major. */
const VACANCY_KEY = {
  unit: '10000 + v.isco_code::int',
  minor: '1000 + left(v.isco_code, 3)::int',
  subMajor: '100 + left(v.isco_code, 2)::int',
} as const;

const fit = (value: number) => `${value}::float8`;
const none = (): Record<Criterion, string | undefined> => Object.fromEntries(CRITERIA.map((c) => [c, undefined])) as never;
const with_ = (criterion: Criterion, sql: string) => ({ ...none(), [criterion]: sql });

/**
 * The levels of each bucketing dimension for candidates of one vacancy (`v` is
 * the vacancy with its employer's experience). Each level: a condition on
 * `pp` and the criterion's bound as SQL over `v`. The levels of a dimension do
 * not overlap and together cover every row (NULL counts as "not").
 */
function participantLevels(fine: boolean): Level[][] {
  const unit = 'pp.occupation_wishes @> ARRAY[:b_isco]::text[]';
  const minor = 'pp.occupation_minor_groups @> ARRAY[:b_isco3]::text[]';
  const subMajor = 'pp.occupation_sub_major_groups @> ARRAY[:b_isco2]::text[]';
  const not = (...conditions: string[]) => conditions.map((c) => `(${c}) IS NOT TRUE`).join(' AND ');
  const distinctSkills = 'public.match_shared_count(v.skills, v.skills)';
  const some = 'pp.skills && :b_skills::text[]';
  const every = 'pp.skills @> :b_skills::text[]';
  if (!fine) {
    // Smaller pools: one query per occupation level and "some skill or none", on participant_profile's own indexes.
    return [
      [
        { name: 'unit', sql: unit, score: with_('occupation', fit(OCCUPATION_FIT.unit)) },
        { name: 'minor', sql: `${minor} AND ${not(unit)}`, score: with_('occupation', fit(OCCUPATION_FIT.minor)) },
        { name: 'subMajor', sql: `${subMajor} AND ${not(unit, minor)}`, score: with_('occupation', fit(OCCUPATION_FIT.subMajor)) },
        { name: 'otherOccupation', sql: not(unit, minor, subMajor), score: with_('occupation', fit(0)) },
      ],
      [
        {
          name: 'someSkills',
          sql: some,
          score: with_('skills', `CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE ${distinctSkills}::float8 / cardinality(v.skills) END`),
        },
        { name: 'noSkills', sql: not(some), score: with_('skills', 'CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE 0 END') },
      ],
    ];
  }
  // Whether any participant of the organisation holds the key without the narrower ones (the level's rows), asked with
  // the bounds: most participants' minor and sub-major groups are those of their own wishes, so for a vacancy whose
  // group holds one code only the level is empty, and its buckets would read the whole group in the travel area to
  // find nobody. Asked of the distinct key sets under the key (match_candidate_key.own_keys), by a loose scan of their
  // index: one probe per distinct set, stopping at the first that lacks the narrower keys.
  const someoneWithout = (key: string, narrower: string[]) =>
    `EXISTS (SELECT 1 FROM (${distinctByLooseScan('k.own_keys', `match_candidate_key k WHERE k.organisation_id = :org AND k.occupation_key = ${key}`)}) sets
     WHERE NOT (sets.value && ARRAY[${narrower.join(', ')}]))`;
  return [
    [
      // With the key the positive condition is the key itself: not asking it of the profile as well keeps the
      // planner from reading every profile of that occupation through the GIN index instead.
      { name: 'unit', sql: unit, score: with_('occupation', fit(OCCUPATION_FIT.unit)), key: ':b_key_unit', keyedSql: 'true' },
      {
        name: 'minor',
        sql: `${minor} AND ${not(unit)}`,
        score: with_('occupation', fit(OCCUPATION_FIT.minor)),
        key: ':b_key_minor',
        keyedSql: not(unit),
        exists: someoneWithout(VACANCY_KEY.minor, [VACANCY_KEY.unit]),
      },
      {
        name: 'subMajor',
        sql: `${subMajor} AND ${not(unit, minor)}`,
        score: with_('occupation', fit(OCCUPATION_FIT.subMajor)),
        key: ':b_key_sub_major',
        keyedSql: not(unit, minor),
        exists: someoneWithout(VACANCY_KEY.subMajor, [VACANCY_KEY.unit, VACANCY_KEY.minor]),
      },
      { name: 'otherOccupation', sql: not(unit, minor, subMajor), score: with_('occupation', fit(0)) },
    ],
    [
      // Every distinct skill asked (duplicates in the vacancy's list still count in the denominator).
      {
        name: 'allSkills',
        sql: `${some} AND ${every}`,
        score: with_('skills', `CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE ${distinctSkills}::float8 / cardinality(v.skills) END`),
        keyCondition: 'k.skill_keys && :b_skill_keys::int[] AND k.skill_keys @> :b_skill_keys::int[]',
      },
      // Some but not all: at most one distinct skill fewer.
      {
        name: 'someSkills',
        sql: `${some} AND ${not(every)}`,
        score: with_(
          'skills',
          `CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE (${distinctSkills} - 1)::float8 / cardinality(v.skills) END`,
        ),
        keyCondition: 'k.skill_keys && :b_skill_keys::int[] AND NOT (k.skill_keys @> :b_skill_keys::int[])',
      },
      // None of the skills asked: the score's own CASE gives 0 (or 1 when nothing is asked: then everybody is here).
      {
        name: 'noSkills',
        sql: not(some),
        score: with_('skills', 'CASE WHEN cardinality(v.skills) = 0 THEN 1 ELSE 0 END'),
        keyCondition: 'NOT (k.skill_keys && :b_skill_keys::int[])',
      },
    ],
    // Whether the participant needs supervision on the floor (1) and wants to grow (2): match_candidate_key.traits.
    // A vacancy without supervision or room to grow caps those criteria at 0 for them.
    [0, 1, 2, 3].map((traits) => ({
      name: ['plain', 'supervision', 'growth', 'supervisionGrowth'][traits],
      sql: 'true',
      keyedOnly: true,
      keyCondition: `k.traits = ${traits}::smallint`,
      score: {
        ...none(),
        ...(traits & 1 ? { supervision: 'CASE WHEN v.supervision_on_floor THEN 1 ELSE 0 END' } : {}),
        ...(traits & 2 ? { growth: 'CASE WHEN v.growth_possible THEN 1 ELSE 0 END' } : {}),
      },
    })),
  ];
}

/** The levels for vacancies of one participant (`pp` is the participant's profile). */
function vacancyLevels(fine: boolean): Level[][] {
  const not = (...conditions: string[]) => conditions.map((c) => `(${c}) IS NOT TRUE`).join(' AND ');
  const occupation = (code: string, wishes: string, minorGroups: string, subMajorGroups: string) => {
    const unit = `${code}::text = ANY(${wishes}::text[])`;
    const minor = `left(${code}, 3) = ANY(${minorGroups}::text[])`;
    const subMajor = `left(${code}, 2) = ANY(${subMajorGroups}::text[])`;
    return { unit, minor: `${minor} AND ${not(unit)}`, subMajor: `${subMajor} AND ${not(unit, minor)}`, other: not(unit, minor, subMajor) };
  };
  const level = occupation('v.isco_code', ':b_wishes', ':b_minor', ':b_sub_major');
  // Whether the organisation has an open vacancy in the level, asked with the bounds: a participant's minor and
  // sub-major groups often hold no vacancy besides those of the unit group, and every bucket of an empty level would
  // read those to find nothing. Asked of the distinct ISCO codes of the open vacancies in the participant's sub-major
  // groups (every level's codes lie there), found by a loose scan of the sub-major index: one probe per code, whatever
  // the vacancies per code. A plain EXISTS per level was left to the planner, which on one seeded database read 75,000
  // index entries for the unit level (12 ms) where another had read a handful.
  const anchorLevel = occupation('c.code', 'pp.occupation_wishes', 'pp.occupation_minor_groups', 'pp.occupation_sub_major_groups');
  const openCodes = `SELECT codes.value AS code FROM (SELECT DISTINCT left(x, 2) AS grp
      FROM unnest(pp.occupation_wishes || pp.occupation_minor_groups || pp.occupation_sub_major_groups) x) g
    CROSS JOIN LATERAL (${distinctByLooseScan(
      'v.isco_code',
      "vacancy v WHERE v.organisation_id = :org AND v.status = 'open' AND left(v.isco_code, 2) = g.grp",
    )}) codes`;
  const inPool = (sql: string) => `EXISTS (SELECT 1 FROM (${openCodes}) c WHERE ${sql})`;
  const every = 'v.skills <@ :b_pskills::text[]';
  const some = 'v.skills && :b_pskills::text[]';
  const distinctOwn = 'public.match_shared_count(pp.skills, pp.skills)';
  const maxAsked = "coalesce((SELECT max(cardinality(o.skills)) FROM vacancy o WHERE o.organisation_id = :org AND o.status = 'open'), 0)";
  const levels: Level[][] = [
    [
      { name: 'unit', sql: level.unit, score: with_('occupation', fit(OCCUPATION_FIT.unit)), exists: inPool(anchorLevel.unit) },
      { name: 'minor', sql: level.minor, score: with_('occupation', fit(OCCUPATION_FIT.minor)), exists: inPool(anchorLevel.minor) },
      {
        name: 'subMajor',
        sql: level.subMajor,
        score: with_('occupation', fit(OCCUPATION_FIT.subMajor)),
        exists: inPool(anchorLevel.subMajor),
      },
      { name: 'otherOccupation', sql: level.other, score: with_('occupation', fit(0)) },
    ],
    [
      // Every skill the vacancy asks (or none asked): up to 1.
      // The subsets of the participant's skills (b_skill_sets, NULL for many skills) find these vacancies by their set of
      // skills, from an index (migration VacancySkillSets); a custom plan leaves out the NULL test.
      {
        name: 'allSkills',
        sql: `${every} AND (:b_skill_sets::text[] IS NULL OR public.match_skill_set_key(v.skills) = ANY(:b_skill_sets::text[]))`,
        score: with_('skills', fit(1)),
      },
      // Some but not all of the c skills asked: at least one distinct skill is missing and at most the participant's m
      // distinct ones are shared, so shared / c ≤ min(m, c - 1) / c. That rises with c up to c = m + 1, so with the most
      // skills any open vacancy asks (cmax, from an index) its bound is at c = min(cmax, m + 1) (and at least 2).
      {
        name: 'someSkills',
        sql: `${some} AND ${not(every)}`,
        score: with_(
          'skills',
          `(SELECT least(m, c - 1)::float8 / c::float8 FROM (SELECT greatest(2, least(${maxAsked}, m + 1)) AS c, m
             FROM (SELECT ${distinctOwn} AS m) own) asked)`,
        ),
      },
      { name: 'noSkills', sql: not(some, every), score: with_('skills', fit(0)) },
    ],
  ];
  // Smaller pools: the occupation levels alone, one query each.
  return fine ? levels : levels.slice(0, 1);
}

/**
 * The criteria match_candidate_key scores exactly for a row (`k`) against the anchor vacancy (`v`): the same as
 * SCORE_SQL's, with the copes levels and the traits (needs supervision 1, wants to grow 2) of the key row.
 */
const KEY_ROW_SCORE = {
  workplace: SCORE_SQL.workplace.replace(/\bpp\.copes_/g, 'k.copes_'),
  supervision: 'CASE WHEN k.traits & 1 = 0 OR v.supervision_on_floor THEN 1 ELSE 0 END',
  growth: 'CASE WHEN k.traits & 2 = 0 OR v.growth_possible THEN 1 ELSE 0 END',
} as const;

/**
 * The criteria a pair's bound scores exactly (cheap columns of both rows), and adaptations bounded without the per-row
 * sub-query: 1 unless no need is met at all.
 */
const PAIR_BOUND_SCORE: Partial<Record<Criterion, string>> = {
  workplace: SCORE_SQL.workplace,
  supervision: SCORE_SQL.supervision,
  growth: SCORE_SQL.growth,
  employerExperience: SCORE_SQL.employerExperience,
  adaptations: `CASE WHEN cardinality(pp.needs_adaptations) = 0 THEN 1
    WHEN NOT (pp.needs_adaptations && (v.adaptations_possible || CASE WHEN v.quiet_workspace_possible THEN '{quiet_workspace}'::text[] ELSE '{}'::text[] END)) THEN 0
    ELSE 1 END`,
};

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
  buckets(row: Record<string, unknown>, totalWeight: number): Bucket[];
}

/**
 * From how many rows of the other side's table (the planner's estimate) the fine buckets pay off: match_candidate_key's
 * occupation keys, skills in three levels and, for near misses, the traits. Below it the coarse buckets (occupation
 * level, some skill or none) cost fewer queries: at 100,000 participants the fine ones were slower for near misses,
 * at 1,000,000 several times faster (docs/performance.md).
 */
export const FINE_FROM = { vacancy: 500_000, participant: 50_000 };

/**
 * Near misses only: into how many id ranges of the other side a bucket is cut (participants of a keyed bucket,
 * vacancies). Many rows share the top scores and ties go by id, so the lowest range first gives a k-th whose id rules
 * out the other ranges' rows at that score without reading them (measured at 1,000,000, docs/performance.md).
 */
export const ID_RANGES = 4;

/** The first participant id (as text, as PostgreSQL orders uuids) of each of `ranges` equal ranges. */
function idRangeStarts(ranges: number): string[] {
  return Array.from(
    { length: ranges },
    (_, r) =>
      `${Math.floor((r * 256) / ranges)
        .toString(16)
        .padStart(2, '0')}000000-0000-0000-0000-000000000000`,
  );
}

export function bucketPlan(
  side: 'vacancy' | 'participant',
  options: { withFlags?: boolean; fine?: boolean; idRanges?: number } = {},
): BucketPlan {
  const fine = options.fine ?? true;
  // The traits split pays for near misses (buckets over the whole organisation, every row scored with its flags);
  // within a travel area the extra bucket queries cost more than the rows they spare (measured at 1,000,000).
  const dimensions = (side === 'vacancy' ? participantLevels(fine) : vacancyLevels(fine)).filter(
    (levels) => options.withFlags || !levels[0].keyedOnly,
  );
  // Every combination of one level per dimension.
  const combinations = dimensions.reduce<Level[][]>(
    (acc, levels) =>
      acc.flatMap((combo) => (levels[0].keyedOnly && !combo.some((l) => l.key) ? [combo] : levels.map((l) => [...combo, l]))),
    [[]],
  );
  const parameters =
    side === 'vacancy'
      ? `v.isco_code::text AS b_isco, left(v.isco_code, 3) AS b_isco3, left(v.isco_code, 2) AS b_isco2, v.skills AS b_skills,
         ${VACANCY_KEY.unit} AS b_key_unit, ${VACANCY_KEY.minor} AS b_key_minor, ${VACANCY_KEY.subMajor} AS b_key_sub_major,
         public.match_skill_keys(v.skills) AS b_skill_keys`
      : `pp.occupation_wishes AS b_wishes, pp.occupation_minor_groups AS b_minor, pp.occupation_sub_major_groups AS b_sub_major, pp.skills AS b_pskills,
         public.match_skill_subset_keys(pp.skills) AS b_skill_sets, (${FILTER_SQL.consent}) AS anchor_consent`;
  // Each level's value of the criterion it fixes, and the anchor's own value of the criteria only it decides, computed
  // once with the bounds (b_level_<dimension>_<level>_<criterion>, b_anchor_<criterion>): the buckets' bounds and the
  // per-row bounds read these instead of working them out again for every bucket and row.
  const levelValue = new Map<Level, Partial<Record<Criterion, string>>>(
    dimensions.flatMap((levels, d) =>
      levels.map((level, l) => [
        level,
        Object.fromEntries(CRITERIA.flatMap((c, ci) => (level.score[c] === undefined ? [] : [[c, `b_level_${d}_${l}_${ci}`]]))) as Partial<
          Record<Criterion, string>
        >,
      ]),
    ),
  );
  const anchorValue = Object.fromEntries(ANCHOR_ONLY[side].map((c) => [c, `b_anchor_${CRITERIA.indexOf(c)}`])) as Partial<
    Record<Criterion, string>
  >;
  const levelExists = new Map<Level, string>(
    dimensions.flatMap((levels, d) => levels.flatMap((level, l) => (level.exists ? [[level, `level_exists_${d}_${l}`] as const] : []))),
  );
  const valueColumns = [
    ...dimensions.flatMap((levels) =>
      levels.flatMap((level) =>
        CRITERIA.flatMap((c) => (level.score[c] ? [`(${level.score[c]})::float8 AS ${levelValue.get(level)![c]}`] : [])),
      ),
    ),
    ...ANCHOR_ONLY[side].map((c) => `(${SCORE_SQL[c]})::float8 AS ${anchorValue[c]}`),
    ...[...levelExists].map(([level, name]) => `${level.exists} AS ${name}`),
  ].join(', ');
  // The value a bucket's levels give a criterion, or the anchor's own value: the name of its column.
  const valueName = (combo: Level[], c: Criterion) =>
    combo.map((l) => levelValue.get(l)![c]).find((n) => n !== undefined) ?? anchorValue[c];
  return {
    areaBuckets: side === 'vacancy',
    boundsSql(anchorFrom, totalWeight) {
      // OFFSET 0: the values are computed once, not written again into every bound that reads them.
      const bounds = combinations.map((combo, i) => {
        const name = (c: Criterion) => valueName(combo, c);
        return `${totalSql((c) => (name(c) ? `bound_values.${name(c)}` : '1::float8'), totalWeight)} AS ub_${i}`;
      });
      return `SELECT bound_values.*, ${bounds.join(', ')} FROM (SELECT ${parameters}, ${valueColumns} ${anchorFrom} OFFSET 0) bound_values`;
    },
    buckets(row, totalWeight) {
      const starts = idRangeStarts(options.idRanges ?? 1);
      const empty = (combo: Level[]) => combo.some((l) => levelExists.has(l) && row[levelExists.get(l)!] === false);
      return (
        combinations
          .map((combo, i) => ({ combo, i }))
          .filter(({ combo }) => !empty(combo))
          .map(({ combo, i }) => {
            // Occupation and skills as the bucket's levels give them, the criteria the row scores exactly as it does, the
            // anchor's own as the anchor gives them, 1 for the rest; values computed with the bounds come as parameters.
            const boundScore = (exact: Partial<Record<Criterion, string>>) => (c: Criterion) => {
              const name = valueName(combo, c);
              if (c !== 'occupation' && c !== 'skills' && exact[c]) return `(${exact[c]})::float8`;
              return name ? `:${name}::float8` : '1::float8';
            };
            const pairBound = rawTotalSql(boundScore(PAIR_BOUND_SCORE), totalWeight);
            const key = combo.find((l) => l.key)?.key;
            // A keyed bucket takes its levels' hash conditions instead of their conditions on the profile, where it has them.
            const onProfile = key ? combo.filter((l) => !l.keyCondition).map((l) => l.keyedSql ?? l.sql) : combo.map((l) => l.sql);
            const keyConditions = combo.flatMap((l) => (l.keyCondition ? [l.keyCondition] : []));
            return {
              sql: onProfile.map((sql) => `(${sql})`).join(' AND ') || 'true',
              bound: Number(row[`ub_${i}`]),
              name: combo.map((l) => l.name).join('+'),
              pairBound: {
                raw: pairBound,
                total: roundedTotal(pairBound),
                ...(side === 'participant'
                  ? { vacancyRow: rawTotalSql(boundScore({ ...PAIR_BOUND_SCORE, employerExperience: undefined }), totalWeight) }
                  : {}),
              },
              ...(key
                ? {
                    keyed: {
                      key,
                      condition: keyConditions.join(' AND ') || 'true',
                      rowBound: totalSql(boundScore(KEY_ROW_SCORE), totalWeight),
                    },
                  }
                : {}),
            };
          })
          .flatMap((bucket): Bucket[] => {
            // Participants of a keyed bucket by the key index (organisation, key, traits, participant), each range a range
            // scan of its own; vacancies of another occupation (the large buckets: the others cost a query more each
            // than they would save). A vacancy's other-occupation bucket is not cut (it is rarely reached).
            const id = bucket.keyed
              ? 'k.participant_id'
              : side === 'participant' && bucket.name.startsWith('otherOccupation')
                ? 'v.id'
                : undefined;
            if (!id || starts.length < 2) return [bucket];
            return starts.map((from, r) => {
              const to = starts[r + 1];
              const range = `${r ? `${id} >= '${from}'::uuid` : 'true'}${to ? ` AND ${id} < '${to}'::uuid` : ''}`;
              return {
                ...bucket,
                name: `${bucket.name}+ids${r}`,
                ...(bucket.keyed
                  ? { keyed: { ...bucket.keyed, condition: `${bucket.keyed.condition} AND ${range}` } }
                  : { sql: `${bucket.sql} AND ${range}` }),
                idFrom: from,
              };
            });
          })
          // Among buckets of the same bound, the lower id ranges first (an uncut bucket counts as the lowest).
          .sort((a, b) => b.bound - a.bound || compareText(a.idFrom ?? '', b.idFrom ?? ''))
      );
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
