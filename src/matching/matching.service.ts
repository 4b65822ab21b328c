import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../authorization/actor.js';
import { PolicyService } from '../authorization/policy.service.js';
import { NotFoundProblem } from '../common/http/problem.js';
import { CRITERIA, effectiveWeights, FILTERS, type Criterion, type MatchFilter } from './criteria.js';
import { explainCriterion, explainFilter, type MatchRow, type Sentence } from './explanations.js';
import { DISTANCE_SQL, FILTER_SQL, REACH_SQL, SCORE_SQL } from './matching.sql.js';

export interface CriterionResult {
  criterion: Criterion;
  score: number;
  weight: number;
  explanation: Sentence;
}

export interface FilterResult {
  filter: MatchFilter;
  passed: boolean;
  explanation: Sentence;
}

export interface MatchResult {
  participantId: string;
  vacancyId: string;
  score: number;
  criteria: CriterionResult[];
  filters: FilterResult[];
  failedFilters: MatchFilter[];
}

export interface MatchOptions {
  limit?: number;
  includeExcluded?: boolean;
}

const MATCH_FIELDS = [
  'hoursMin',
  'hoursMax',
  'shiftsPossible',
  'postcode',
  'occupationWishes',
  'skills',
  'capacityHoursPerWeek',
  'needsAdaptations',
];

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
  e.target_group_experience AS e_experience`;

/**
 * Two-way matching. Hard filters and the weighted score run in PostgreSQL;
 * only the top N rows come back, and their explanations are built here.
 * Barriers and private fields are not read at all: they never lower a score.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async candidatesForVacancy(actor: Actor, vacancyId: string, options: MatchOptions = {}): Promise<MatchResult[]> {
    const [vacancy] = await this.dataSource.query('SELECT id FROM vacancy WHERE id = $1 AND organisation_id = $2', [
      vacancyId,
      actor.organisationId,
    ]);
    if (!vacancy) throw new NotFoundProblem('vacancy');
    const scope = this.policies.participantScope(actor, 'p');
    const results = await this.run(actor, 'v.id = :anchor', { anchor: vacancyId, ...scope.params }, scope.sql, options);
    if (results.length) {
      await this.audit.record(
        actor,
        results.map((r) => ({
          action: 'list' as const,
          resourceType: 'participant_profile',
          resourceId: r.participantId,
          subjectParticipantId: r.participantId,
          fields: MATCH_FIELDS,
        })),
      );
    }
    return results;
  }

  async vacanciesForParticipant(actor: Actor, participantId: string, options: MatchOptions = {}): Promise<MatchResult[]> {
    const scope = this.policies.participantScope(actor, 'p');
    const results = await this.run(
      actor,
      "pp.participant_id = :anchor AND v.status = 'open'",
      { anchor: participantId, ...scope.params },
      scope.sql,
      options,
    );
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_profile',
      resourceId: participantId,
      subjectParticipantId: participantId,
      fields: MATCH_FIELDS,
    });
    return results;
  }

  /** The score of one pair, whatever the filters say (for the match pipeline). */
  async scorePair(actor: Actor, vacancyId: string, participantId: string): Promise<MatchResult | undefined> {
    const scope = this.policies.participantScope(actor, 'p');
    const [result] = await this.run(
      actor,
      'v.id = :vacancy AND pp.participant_id = :participant',
      { vacancy: vacancyId, participant: participantId, ...scope.params },
      scope.sql,
      {
        includeExcluded: true,
        limit: 1,
        anyFailures: true,
      },
    );
    return result;
  }

  async weights(organisationId: string): Promise<Record<Criterion, number>> {
    const [row] = await this.dataSource.query("SELECT settings -> 'matchingWeights' AS weights FROM organisation WHERE id = $1", [
      organisationId,
    ]);
    return effectiveWeights(row?.weights);
  }

  /** The SQL and its parameters, exposed for the benchmark's plain-pg comparison. */
  buildQuery(
    anchor: string,
    params: Record<string, unknown>,
    scopeSql: string,
    weights: Record<Criterion, number>,
    options: MatchOptions & { anyFailures?: boolean },
  ): [string, unknown[]] {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const totalWeight = CRITERIA.reduce((sum, c) => sum + weights[c], 0) || 1;
    const weightParams = Object.fromEntries(CRITERIA.map((c) => [`w_${c}`, weights[c]]));
    const scores = CRITERIA.map((c) => `(${SCORE_SQL[c]})::float8 AS "s_${c}"`).join(',\n  ');
    const total = `round((100 * (${CRITERIA.map((c) => `:w_${c}::float8 * (${SCORE_SQL[c]})`).join(' + ')}) / ${totalWeight})::numeric, 1)::float8`;
    const from = `FROM participant_profile pp
      JOIN participant p ON p.id = pp.participant_id AND p.erased_at IS NULL
      JOIN vacancy v ON v.organisation_id = pp.organisation_id
      JOIN employer e ON e.id = v.employer_id
      WHERE pp.organisation_id = :org AND ${anchor} AND (${scopeSql})`;
    let sql: string;
    if (!options.includeExcluded) {
      const filters = FILTERS.map((f) => `(${FILTER_SQL[f]})`).join('\n AND ');
      sql = `SELECT ${SELECT_COLUMNS}, ${scores}, ${total} AS total, true AS has_consent
        ${from} AND ${filters}
        ORDER BY total DESC, pp.participant_id, v.id LIMIT ${limit}`;
    } else {
      const flags = FILTERS.map((f) => `coalesce((${FILTER_SQL[f]}), false) AS f_${f}`).join(',\n  ');
      const failures = FILTERS.map((f) => `(NOT f_${f})::int`).join(' + ');
      const window = options.anyFailures ? `${failures} >= 0` : `${failures} BETWEEN 1 AND 2`;
      sql = `SELECT * FROM (
          SELECT ${SELECT_COLUMNS}, ${scores}, ${total} AS total, ${flags}, coalesce((${FILTER_SQL.consent}), false) AS has_consent
          ${from}
        ) m WHERE ${window}
        ORDER BY ${failures}, total DESC, participant_id, vacancy_id LIMIT ${limit}`;
    }
    return this.dataSource.driver.escapeQueryWithParameters(sql, { ...params, ...weightParams, org: params.scopeOrg ?? params.org });
  }

  private async run(
    actor: Actor,
    anchor: string,
    params: Record<string, unknown>,
    scopeSql: string,
    options: MatchOptions & { anyFailures?: boolean },
  ): Promise<MatchResult[]> {
    const weights = await this.weights(actor.organisationId);
    const [sql, values] = this.buildQuery(anchor, { ...params, org: actor.organisationId }, scopeSql, weights, options);
    const rows: MatchRow[] = await this.dataSource.query(sql, values);
    return rows.map((row) => explain(row, weights, !!options.includeExcluded));
  }
}

export function explain(row: MatchRow, weights: Record<Criterion, number>, withFlags: boolean): MatchResult {
  const filters = FILTERS.map((filter) => ({
    filter,
    passed: withFlags ? row[`f_${filter}`] : true,
    explanation: explainFilter(filter, row),
  }));
  return {
    participantId: row.participant_id,
    vacancyId: row.vacancy_id,
    score: Number(row.total),
    criteria: CRITERIA.map((criterion) => ({
      criterion,
      score: Math.round(Number(row[`s_${criterion}`]) * 100) / 100,
      weight: weights[criterion],
      explanation: explainCriterion(criterion, row),
    })),
    filters,
    failedFilters: filters.filter((f) => !f.passed).map((f) => f.filter),
  };
}
