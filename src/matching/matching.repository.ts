import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { replicaClient, TableRepository } from '../platform/database/transactions.js';
import { CRITERIA, FILTERS, type Criterion } from './criteria.js';
import type { MatchRow } from './explanations.js';
import { AREA_SQL, DISTANCE_SQL, FILTER_SQL, REACH_SQL, SCORE_SQL } from './matching.sql.js';
import {
  bucketParams,
  bucketPlan,
  BUCKETS_FROM,
  compareRows,
  FINE_FROM,
  failedCount,
  ID_RANGES,
  roundedTotal,
  totalSql,
  type Bucket,
} from './matching.top-k.js';

export interface MatchOptions {
  limit?: number;
  /** Also the near misses (one or two filters failed), after the candidates who pass. */
  includeExcluded?: boolean;
  /** With includeExcluded: only the near misses (for pages that list those who pass separately). */
  nearMissesOnly?: boolean;
}

/** Options of the query itself: anyFailures for one pair, and the fast path's restrictions of the other side. */
export interface QueryOptions extends MatchOptions {
  anyFailures?: boolean;
  /** A condition on the other side's row (`pp` or `v`), with its named parameters: one bucket of the fast path. */
  restrict?: { sql: string; params: Record<string, unknown>; keyed?: Bucket['keyed']; pairBound?: Bucket['pairBound'] };
  /** Narrow the other side to the travel area (default: unless includeExcluded). */
  area?: boolean;
  /** Every row, not the top `limit` (the bound test reads whole buckets). */
  everyRow?: boolean;
  /**
   * The fast path's k-th row so far, when it is in the best class the query can return: a row that ranks after it
   * cannot enter the top k, so the query skips it before its filters are computed.
   */
  after?: { total: number; participantId: string; vacancyId: string };
}

/** How the fast path went, for the benchmark: the buckets it ran, per phase. */
export interface TopKTrace {
  phases: Array<{ area: boolean; buckets: string[]; of: number }>;
}

/** Which side(s) the match is anchored on: one vacancy, one participant (against open vacancies), or one pair. */
export type MatchAnchor = { vacancyId: string; participantId?: string } | { vacancyId?: undefined; participantId: string };

const SELECT_COLUMNS = `
  pp.participant_id, v.id AS vacancy_id,
  CASE WHEN pp.latitude IS NULL OR v.latitude IS NULL THEN NULL ELSE ${DISTANCE_SQL} END AS distance_km, ${REACH_SQL}::float8 AS reach_km,
  pp.hours_min::float8 AS p_hours_min, pp.hours_max::float8 AS p_hours_max, pp.shifts_possible AS p_shifts, pp.days_available AS p_days,
  pp.certificates AS p_certificates, pp.language_level AS p_language_level, pp.driving_licence AS p_driving_licence,
  pp.capacity_hours_per_week::float8 AS p_capacity_hours, to_char(pp.capacity_assessed_on, 'YYYY-MM-DD') AS p_capacity_assessed_on,
  pp.occupation_wishes AS p_occupation_wishes, pp.skills AS p_skills, pp.copes_stimulus AS p_copes_stimulus, pp.copes_pressure AS p_copes_pressure,
  pp.copes_pace AS p_copes_pace, pp.needs_supervision AS p_needs_supervision, pp.needs_adaptations AS p_needs_adaptations,
  pp.wants_growth AS p_wants_growth, pp.excluded_sectors AS p_excluded_sectors, pp.excluded_tasks AS p_excluded_tasks,
  v.hours_min::float8 AS v_hours_min, v.hours_max::float8 AS v_hours_max, v.shifts AS v_shifts, v.days AS v_days,
  v.required_certificates AS v_required_certificates, v.language_level AS v_language_level, v.driving_licence_required AS v_driving_licence_required,
  v.isco_code AS v_isco_code, v.skills AS v_skills, v.stimulus_level AS v_stimulus_level, v.production_pressure AS v_production_pressure,
  v.work_pace AS v_work_pace, v.supervision_on_floor AS v_supervision_on_floor, v.adaptations_possible AS v_adaptations_possible,
  v.quiet_workspace_possible AS v_quiet_workspace_possible, v.growth_possible AS v_growth_possible, v.sector AS v_sector, v.core_tasks AS v_core_tasks,
  v.employer_experience AS e_experience`;

/**
 * The candidate search: the tuned matching SQL over participant_profile,
 * vacancy, employer, participant and consent (all read-only here), and the
 * organisation's weight settings (organisation, read-only).
 */
@Injectable()
export class MatchingRepository extends TableRepository {
  /** From which pool sizes the fast path goes by buckets (BUCKETS_FROM; the property test sets 0 to test the buckets on small data). */
  bucketsFrom = { ...BUCKETS_FROM };
  /** Fine or coarse buckets: by the pool's size (FINE_FROM) unless set (the property test tries both on small data). */
  fineBuckets: boolean | undefined = undefined;

  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** Whether the vacancy is the organisation's, and the organisation's weight settings, in one round trip. */
  async vacancyAndWeights(vacancyId: string, organisationId: string): Promise<{ found: boolean; weights: unknown }> {
    const [row] = await this.query<{ id: string | null; weights: unknown }>(
      "SELECT v.id, o.settings -> 'matchingWeights' AS weights FROM organisation o LEFT JOIN vacancy v ON v.id = $1 AND v.organisation_id = o.id WHERE o.id = $2",
      [vacancyId, organisationId],
    );
    return { found: !!row?.id, weights: row?.weights };
  }

  async weightSettings(organisationId: string): Promise<unknown> {
    const [row] = await this.query<{ weights: unknown }>(
      "SELECT settings -> 'matchingWeights' AS weights FROM organisation WHERE id = $1",
      [organisationId],
    );
    return row?.weights;
  }

  /**
   * The ranked rows the explanations are built from: the fast path (top k by
   * score buckets, see matching.top-k.ts) for one vacancy or one participant,
   * the exact query for a pair.
   */
  candidates(
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    scopeSql: string,
    weights: Record<Criterion, number>,
    options: QueryOptions,
    trace?: TopKTrace,
  ): Promise<MatchRow[]> {
    if ((anchor.vacancyId && anchor.participantId) || options.anyFailures)
      return this.exactCandidates(anchor, params, scopeSql, weights, options);
    return this.session(!!options.includeExcluded, (run) => this.topK(run, anchor, params, scopeSql, weights, options, trace));
  }

  /** The fast path over a connection of the caller's (the benchmark's plain pg figure), inside the caller's transaction. */
  topKOver(
    client: QueryClient,
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    scopeSql: string,
    weights: Record<Criterion, number>,
    options: QueryOptions,
    trace?: TopKTrace,
  ): Promise<MatchRow[]> {
    return this.topK(preparedRunner(client), anchor, params, scopeSql, weights, options, trace);
  }

  /** The reference: one query over every row of the other side (the property test compares the fast path with it). */
  exactCandidates(
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    scopeSql: string,
    weights: Record<Criterion, number>,
    options: QueryOptions,
  ): Promise<MatchRow[]> {
    const [sql, values] = this.buildQuery(anchor, params, scopeSql, weights, options);
    // Near misses scan the whole organisation: expensive enough for JIT, whose compile time costs more than it saves here.
    return this.session(!!options.includeExcluded, (run) => run<MatchRow>(sql, values));
  }

  /**
   * Buckets from the highest score bound down, each through the exact query
   * restricted to it, until the k-th row found beats every row not yet seen.
   * Without near misses only the travel area counts. With near misses that
   * include those who pass, the travel area first: if its k-th row passes
   * every filter, nobody outside it (they fail the distance filter) can rank
   * higher; otherwise the whole organisation.
   */
  private async topK(
    run: Runner,
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    scopeSql: string,
    weights: Record<Criterion, number>,
    options: QueryOptions,
    trace?: TopKTrace,
  ): Promise<MatchRow[]> {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const excluded = !!options.includeExcluded;
    // Vacancies for a participant without near misses: one query over the travel area (its open vacancies are few),
    // so no buckets and no bounds.
    if (!excluded && !anchor.vacancyId) {
      trace?.phases.push({ area: true, buckets: ['travelArea'], of: 1 });
      const [sql, values] = this.buildQuery(anchor, params, scopeSql, weights, { ...options, area: true });
      return run<MatchRow>(sql, values);
    }
    const scored = await this.scoreBuckets(run, anchor, params, weights, excluded, !!options.nearMissesOnly);
    if (!scored) return [];
    const { buckets: allBuckets, restrictParams, poolRows, plan, anchorFailures } = scored;
    const order = compareRows(excluded);
    // The fewest filters a row not yet seen can fail (the classes of the ranking): near misses only start at one, a
    // participant without consent fails that filter with every vacancy, and after the whole travel area has been
    // seen every row still unseen lies outside it, so it fails the distance filter too.
    const nearMissFloor = excluded && options.nearMissesOnly ? 1 : 0;
    const floors = { area: Math.max(nearMissFloor, anchorFailures), organisation: anchorFailures + 1 };
    // With near misses, the travel area first when that raises the floor for the rest (not for near misses only of an
    // anchor that fails nothing itself: most of them lie outside the area).
    const phases = excluded ? (floors.organisation > floors.area ? [true, false] : [false]) : [true];
    let customPlans = false;
    let best: MatchRow[] = [];
    const found = new Map<string, MatchRow>();
    for (const area of phases) {
      const floor = !excluded ? 0 : area ? floors.area : floors.organisation;
      // reltuples is -1 before the table's first ANALYZE: unknown counts as large.
      const small = (from: number) => poolRows >= 0 && poolRows < from;
      const bucketed = area ? plan.areaBuckets && !small(this.bucketsFrom.area) : !small(this.bucketsFrom.organisation);
      const buckets = bucketed ? allBuckets : [{ sql: 'true', bound: Infinity, name: area ? 'travelArea' : 'organisation' }];
      // Bucket queries are planned for the values at hand: a cached generic plan cannot know how few rows one
      // occupation and skill select, and chose scans ten times slower after the fifth run (measured at 1,000,000
      // participants). The one-query path keeps its cached plan, as before.
      if (bucketed && !customPlans) {
        await run('SET LOCAL plan_cache_mode = force_custom_plan', []);
        customPlans = true;
      }
      const ran: string[] = [];
      trace?.phases.push({ area, buckets: ran, of: buckets.length });
      // Whether no row of a bucket can rank before the k-th so far: it is in a better class than any unseen row, or in
      // the best one with a higher score than the bucket's bound, or equal with every id of the bucket's side above the
      // k-th's (ties go by participant, then vacancy, and one of them is the anchor).
      const atFloor = (kth: MatchRow | undefined): kth is MatchRow => !!kth && failedCount(kth, excluded) === floor;
      const beaten = (kth: MatchRow | undefined, bucket: Bucket | undefined) =>
        !bucket ||
        (!!kth && failedCount(kth, excluded) < floor) ||
        (atFloor(kth) &&
          (Number(kth.total) > bucket.bound ||
            (Number(kth.total) === bucket.bound &&
              !!bucket.idFrom &&
              (anchor.vacancyId ? kth.participant_id : kth.vacancy_id) < bucket.idFrom)));
      let settled = false;
      for (let i = 0; i < buckets.length && !settled; i++) {
        const bucket: Bucket = buckets[i];
        if (beaten(best[limit - 1], bucket)) continue;
        ran.push(bucket.name);
        const kthSoFar = best[limit - 1];
        const [sql, values] = this.buildQuery(anchor, params, scopeSql, weights, {
          ...options,
          area,
          restrict: { sql: bucket.sql, params: restrictParams, keyed: bucket.keyed, pairBound: bucket.pairBound },
          after: atFloor(kthSoFar)
            ? { total: Number(kthSoFar.total), participantId: kthSoFar.participant_id, vacancyId: kthSoFar.vacancy_id }
            : undefined,
        });
        for (const row of await run<MatchRow>(sql, values)) found.set(`${row.participant_id}/${row.vacancy_id}`, row);
        best = [...found.values()].sort(order).slice(0, limit);
        const kth = best[limit - 1];
        settled = !!kth && failedCount(kth, excluded) <= floor && buckets.slice(i + 1).every((next) => beaten(kth, next));
      }
      // Every bucket seen: the exact answer for this phase, and for the whole when nothing outside the travel area can
      // rank before the k-th (it is in a better class than the rest), or when the area is all that is asked.
      const kth = best[limit - 1];
      if (settled || !area || !excluded || (kth && failedCount(kth, excluded) < floors.organisation)) return best;
    }
    return best;
  }

  /** The other side's score buckets for one anchor, highest bound first, with their parameters (also for the bound test). */
  bucketsFor(
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    weights: Record<Criterion, number>,
    withFlags: boolean,
    idRanges = false,
  ) {
    return this.session(false, (run) => this.scoreBuckets(run, anchor, params, weights, withFlags, idRanges));
  }

  private async scoreBuckets(
    run: Runner,
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    weights: Record<Criterion, number>,
    withFlags: boolean,
    idRanges = false,
  ) {
    const side = anchor.vacancyId ? 'vacancy' : 'participant';
    const pool = side === 'vacancy' ? 'participant_profile' : 'vacancy';
    // The planner's row count of the other side's table (-1 before its first ANALYZE: unknown counts as large).
    const [{ rows: poolRows }] = await run<{ rows: number }>(
      `SELECT reltuples AS rows FROM pg_class WHERE oid = 'public.${pool}'::regclass`,
      [],
    );
    const plan = bucketPlan(side, {
      withFlags,
      fine: this.fineBuckets ?? (poolRows < 0 || poolRows >= FINE_FROM[side]),
      idRanges: idRanges ? ID_RANGES : 1,
    });
    const totalWeight = CRITERIA.reduce((sum, c) => sum + weights[c], 0) || 1;
    const anchorFrom =
      side === 'vacancy'
        ? 'FROM (SELECT v.*, e.target_group_experience AS employer_experience FROM vacancy v JOIN employer e ON e.id = v.employer_id) v WHERE v.organisation_id = :org AND v.id = :vacancy'
        : 'FROM participant_profile pp WHERE pp.organisation_id = :org AND pp.participant_id = :participant';
    const [boundsSql, boundsValues] = this.dataSource.driver.escapeQueryWithParameters(plan.boundsSql(anchorFrom, totalWeight), {
      ...Object.fromEntries(CRITERIA.map((c) => [`w_${c}`, weights[c]])),
      org: params.scopeOrg ?? params.org,
      vacancy: anchor.vacancyId ?? null,
      participant: anchor.participantId ?? null,
    });
    const [bounds] = await run<Record<string, unknown>>(boundsSql, boundsValues);
    if (!bounds) return undefined;
    // A participant without consent fails that filter with every vacancy (the fast path's floor of failed filters).
    const anchorFailures = side === 'participant' && bounds.anchor_consent !== true ? 1 : 0;
    return {
      buckets: plan.buckets(bounds, totalWeight),
      restrictParams: bucketParams(bounds),
      poolRows: Number(poolRows),
      plan,
      anchorFailures,
    };
  }

  /** First and last name of the organisation's participants by id, for the pages that list candidates. */
  async participantNames(organisationId: string, participantIds: string[]): Promise<Map<string, string>> {
    if (!participantIds.length) return new Map();
    const rows = await this.query<{ id: string; name: string }>(
      `SELECT id, first_name || ' ' || last_name AS name FROM participant WHERE id = ANY($1) AND organisation_id = $2`,
      [participantIds, organisationId],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * The SQL and its parameters (also for the benchmarks, which run it on plain pg).
   *
   * Three steps that the planner cannot merge (MATERIALIZED, OFFSET 0):
   * 1. the anchor (one vacancy with its employer, or one participant's
   *    profile), then the other side found through cheap indexed conditions
   *    only: the organisation and, unless near misses are asked for, the GiST
   *    travel-area box around the anchor (AREA_SQL);
   * 2. on those rows: the exact pair filters (hours, shifts, great-circle
   *    distance, certificates, capacity, exclusions) and the score, ranked;
   * 3. down that ranking, the per-participant lookups (scope, consent) run
   *    only until the top N are found; the wide explanation columns are read
   *    for those N rows alone.
   * The result is the same as filtering everything first and ranking after.
   */
  buildQuery(
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    scopeSql: string,
    weights: Record<Criterion, number>,
    options: QueryOptions,
  ): [string, unknown[]] {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const excluded = !!options.includeExcluded;
    const totalWeight = CRITERIA.reduce((sum, c) => sum + weights[c], 0) || 1;
    const weightParams = Object.fromEntries(CRITERIA.map((c) => [`w_${c}`, weights[c]]));
    const scores = CRITERIA.map((c) => `(${SCORE_SQL[c]})::float8 AS "s_${c}"`).join(',\n  ');
    const total = totalSql((c) => `"s_${c}"`, totalWeight);
    // Near misses may fail the distance filter, so they are not narrowed by the travel area (unless the fast path asks).
    const area = (options.area ?? !excluded) ? ` AND ${AREA_SQL.participant} && ${AREA_SQL.vacancy}` : '';
    const restrict = options.restrict ? ` AND ${options.restrict.sql}` : '';
    const vacancies = 'SELECT v.*, e.target_group_experience AS employer_experience FROM vacancy v JOIN employer e ON e.id = v.employer_id';
    // Scalar subqueries, so they stay per-row primary-key probes on the few rows that reach them.
    const allowed = `(SELECT p.erased_at IS NULL AND (${scopeSql}) FROM participant p WHERE p.id = pp.participant_id)`;
    const consent = `(${FILTER_SQL.consent}) IS TRUE`;
    // Vacancies for one participant: whether that participant consents is looked up once, with the anchor, not per vacancy.
    const filterSql = (f: (typeof FILTERS)[number]) => (f === 'consent' && !anchor.vacancyId ? 'pp.anchor_consent' : FILTER_SQL[f]);
    const pairBound = options.restrict?.pairBound;
    // The bound test compares each pair's bound with its score.
    const boundColumn =
      options.everyRow && pairBound
        ? `,\n  ${pairBound.total} AS pair_bound${pairBound.vacancyRow ? `, ${roundedTotal(pairBound.vacancyRow)} AS vacancy_row_bound` : ''}`
        : '';
    const columns =
      (excluded ? `${scores},\n  ${FILTERS.map((f) => `coalesce((${filterSql(f)}), false) AS f_${f}`).join(',\n  ')}` : scores) +
      boundColumn;
    // Ranks before the fast path's k-th so far (the query's order: score high first, then participant, vacancy);
    // the score is written out again here so that rows after it are dropped before their filters are computed.
    // The bucket's cheap bound of the pair first: most pairs that rank after the k-th fail it without their score. Its
    // float8 total first (below the k-th's total by more than the rounding can make up: it rounds below it), then
    // rounded, with the ids, as the query's order.
    const ranksBefore = (total: string) =>
      `(-(${total}), pp.participant_id, v.id) < (-(:after_total::float8), :after_participant::uuid, :after_vacancy::uuid)`;
    const cheapBefore = pairBound ? `${pairBound.raw} >= :after_total::float8 - 0.051 AND ${ranksBefore(pairBound.total)} AND ` : '';
    const before = options.after ? `${cheapBefore}${ranksBefore(totalSql((c) => `(${SCORE_SQL[c]})::float8`, totalWeight))}` : 'true';
    // Without near misses every filter holds for each pair; for a vacancy, consent is looked up down the ranking (below),
    // for a participant it is the anchor's flag.
    const mustPass = FILTERS.filter((f) => f !== 'consent' || !anchor.vacancyId);
    const pairFilters = [before, ...(excluded ? [] : mustPass.map((f) => `(${filterSql(f)})`))].join('\n AND ');
    let anchored: string;
    if (anchor.vacancyId) {
      const participant = anchor.participantId ? ' AND pp.participant_id = :participant' : '';
      const keyed = options.restrict?.keyed;
      // A keyed bucket starts from its own rows of match_candidate_key (index-only: key, area, skill hashes), then reads those profiles.
      const source = keyed
        ? `SELECT pp.* FROM match_candidate_key k JOIN participant_profile pp ON pp.participant_id = k.participant_id
            WHERE k.organisation_id = :org AND k.occupation_key = ${keyed.key} AND ${keyed.condition}${
              area ? ` AND k.area && ${AREA_SQL.vacancy}` : ''
            }${options.after ? ` AND (-(${keyed.rowBound}), k.participant_id) < (-(:after_total::float8), :after_participant::uuid)` : ''}
              AND pp.organisation_id = :org${participant}${restrict}`
        : `SELECT pp.* FROM participant_profile pp WHERE pp.organisation_id = :org${participant}${area}${restrict}`;
      anchored = `anchor_v AS MATERIALIZED (${vacancies} WHERE v.organisation_id = :org AND v.id = :vacancy),
        pairs AS (
          SELECT pp.participant_id, v.id AS vacancy_id, ${columns}
          FROM anchor_v v CROSS JOIN LATERAL (
            ${source} OFFSET 0
          ) pp
          WHERE ${pairFilters} OFFSET 0
        )`;
    } else {
      anchored = `anchor_pp AS MATERIALIZED (
          SELECT pp.*, ${FILTER_SQL.consent} AS anchor_consent
          FROM participant_profile pp WHERE pp.organisation_id = :org AND pp.participant_id = :participant AND ${allowed}
        ),
        pairs AS (
          SELECT pp.participant_id, v.id AS vacancy_id, ${columns}
          FROM anchor_pp pp CROSS JOIN LATERAL (
            ${
              options.after && pairBound?.vacancyRow
                ? // Which vacancies can still rank before the k-th, from the covering index alone; only those rows are read.
                  `${vacancies} WHERE v.id IN (SELECT v.id FROM vacancy v WHERE v.organisation_id = :org AND v.status = 'open'${area}${restrict}
                    AND ${pairBound.vacancyRow} >= :after_total::float8 - 0.051 OFFSET 0)`
                : `${vacancies} WHERE v.organisation_id = :org AND v.status = 'open'${area}${restrict}`
            } OFFSET 0
          ) v
          WHERE ${pairFilters} OFFSET 0
        )`;
    }
    const failures = (prefix: string) => FILTERS.map((f) => `(NOT ${prefix}f_${f})::int`).join(' + ');
    // Those who pass and the near misses (one or two failed filters); a pair (anyFailures) whatever failed.
    const window = excluded && !options.anyFailures ? `WHERE ${failures('')} BETWEEN ${options.nearMissesOnly ? 1 : 0} AND 2` : '';
    // Plain columns only, so the ranking below keeps its order and the lookups stop at the top N.
    const order = (prefix: string) =>
      `${excluded ? `${prefix}failed, ` : ''}${prefix}total DESC, ${prefix}participant_id, ${prefix}vacancy_id`;
    const failed = excluded ? `, ${failures('')} AS failed` : '';
    const limitClause = options.everyRow ? '' : ` LIMIT ${limit}`;
    // Vacancies for one participant: the participant's scope was checked with the anchor and consent is a flag, so
    // nothing is looked up per row, and the ranking is a top-N sort instead of a sort of every row.
    const top = !anchor.vacancyId
      ? `SELECT pairs.*, ${total} AS total${failed} FROM pairs ${window} ORDER BY ${order('')}${limitClause}`
      : `SELECT pp.* FROM (SELECT pairs.*, ${total} AS total${failed} FROM pairs ${window} ORDER BY ${order('')} OFFSET 0) pp
          WHERE ${excluded ? allowed : `${allowed} AND ${consent}`}
          ORDER BY ${order('pp.')}${limitClause}`;
    const sql = `WITH ${anchored},
        top AS MATERIALIZED (${top})
      SELECT ${SELECT_COLUMNS}, ${CRITERIA.map((c) => `top."s_${c}"`).join(', ')}, top.total,
        ${excluded ? `${FILTERS.map((f) => `top.f_${f}`).join(', ')}, top.f_consent AS has_consent` : 'true AS has_consent'}${boundColumn ? `, top.pair_bound${pairBound?.vacancyRow ? ', top.vacancy_row_bound' : ''}` : ''}
      FROM top
      JOIN participant_profile pp ON pp.participant_id = top.participant_id
      JOIN (${vacancies}) v ON v.id = top.vacancy_id
      ORDER BY ${order('top.')}`;
    return this.dataSource.driver.escapeQueryWithParameters(sql, {
      ...options.restrict?.params,
      ...(options.after
        ? { after_total: options.after.total, after_participant: options.after.participantId, after_vacancy: options.after.vacancyId }
        : {}),
      ...params,
      ...weightParams,
      vacancy: anchor.vacancyId ?? null,
      participant: anchor.participantId ?? null,
      org: params.scopeOrg ?? params.org,
    });
  }

  /**
   * Runs the work's queries as named prepared statements on one connection, so
   * each connection plans each query shape once (the matching SQL takes longer
   * to plan than to run); the name is a hash of the text. Several queries (the
   * fast path) share one read-only snapshot (REPEATABLE READ), so they see the
   * data as one query would. On the read replica when the request reads there.
   */
  private async session<T>(withoutJit: boolean, work: (run: Runner) => Promise<T>): Promise<T> {
    const replica = replicaClient();
    if (replica) return inSnapshot(replica, withoutJit, work);
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool?.connect) {
      return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        if (withoutJit) await manager.query('SET LOCAL jit = off');
        return work((text, values) => manager.query(text, values));
      });
    }
    const client = await pool.connect();
    try {
      return await inSnapshot(client, withoutJit, work);
    } finally {
      client.release();
    }
  }
}

type Runner = <T>(text: string, values: unknown[]) => Promise<T[]>;

/** A pg client or pool client: what the queries run on. */
export type QueryClient = Pick<PoolClient, 'query'>;

function preparedRunner(client: QueryClient): Runner {
  return async <R>(text: string, values: unknown[]) => {
    const name = `werkbrug_match_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    return (await client.query({ name, text, values })).rows as R[];
  };
}

async function inSnapshot<T>(client: PoolClient, withoutJit: boolean, work: (run: Runner) => Promise<T>): Promise<T> {
  const run = preparedRunner(client);
  try {
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY${withoutJit ? '; SET LOCAL jit = off' : ''}`);
    const result = await work(run);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
