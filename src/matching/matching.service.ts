import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Transactions } from '../platform/database/transactions.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import { CRITERIA, displayScore, effectiveWeights, FILTERS, type Criterion, type MatchFilter } from './criteria.js';
import { explainCriterion, explainFilter, type MatchRow, type Sentence } from './explanations.js';
import { type MatchAnchor, type MatchOptions, MatchingRepository } from './matching.repository.js';

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
  /** The score as shown to people (displayScore): the same on every page. */
  displayScore: number;
  criteria: CriterionResult[];
  filters: FilterResult[];
  failedFilters: MatchFilter[];
}

export type { MatchAnchor, MatchOptions };

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

/**
 * Two-way matching. Hard filters and the weighted score run in PostgreSQL;
 * only the top N rows come back, and their explanations are built here.
 * Barriers and private fields are not read at all: they never lower a score.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly repository: MatchingRepository,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
  ) {}

  async candidatesForVacancy(actor: Actor, vacancyId: string, options: MatchOptions = {}): Promise<MatchResult[]> {
    // The vacancy's existence and the organisation's weights in one round trip.
    const scope = this.policies.participantScope(actor, 'p');
    const results = await this.transactions.readFromReplica(async () => {
      const found = await this.repository.vacancyAndWeights(vacancyId, actor.organisationId);
      if (!found.found) throw new NotFoundProblem('vacancy');
      return this.run(actor, { vacancyId }, scope.params, scope.sql, options, effectiveWeights(found.weights));
    });
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
    const results = await this.transactions.readFromReplica(() => this.run(actor, { participantId }, scope.params, scope.sql, options));
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_profile',
      resourceId: participantId,
      subjectParticipantId: participantId,
      fields: MATCH_FIELDS,
    });
    return results;
  }

  /** First and last name of the organisation's participants by id, for pages that list match results. */
  participantNames(actor: Actor, participantIds: string[]): Promise<Map<string, string>> {
    return this.repository.participantNames(actor.organisationId, [...new Set(participantIds)]);
  }

  /** The score of one pair, whatever the filters say (for the match pipeline). */
  async scorePair(actor: Actor, vacancyId: string, participantId: string): Promise<MatchResult | undefined> {
    const scope = this.policies.participantScope(actor, 'p');
    const [result] = await this.run(actor, { vacancyId, participantId }, scope.params, scope.sql, {
      includeExcluded: true,
      limit: 1,
      anyFailures: true,
    });
    return result;
  }

  async weights(organisationId: string): Promise<Record<Criterion, number>> {
    return effectiveWeights(await this.repository.weightSettings(organisationId));
  }

  private async run(
    actor: Actor,
    anchor: MatchAnchor,
    params: Record<string, unknown>,
    scopeSql: string,
    options: MatchOptions & { anyFailures?: boolean },
    knownWeights?: Record<Criterion, number>,
  ): Promise<MatchResult[]> {
    const weights = knownWeights ?? (await this.weights(actor.organisationId));
    const rows = await this.repository.candidates(anchor, { ...params, org: actor.organisationId }, scopeSql, weights, options);
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
    displayScore: displayScore(Number(row.total))!,
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
