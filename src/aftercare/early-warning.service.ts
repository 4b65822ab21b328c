import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { appConfig } from '../platform/config/app.config.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem } from '../platform/http/problem.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { type PlacementScore, SurveysService } from '../surveys/surveys.service.js';
import { addDays } from '../rules/calculations/dates.js';
import { type EarlyWarningThresholds, evaluateEarlyWarning } from '../rules/calculations/early-warning.js';
import type { ParameterSource } from '../rules/calculations/parameters.js';
import { localDate } from '../rules/calculations/working-days.js';
import type { OpenRiskDto, PlacementRiskDto, RiskFollowUpDto, RiskState } from './dto/risk.dto.js';
import { type OpenRiskRow, type PlacementFactsRow, type RiskOutcomeRow, type RiskRow, RisksRepository } from './risks.repository.js';

/** The daily evaluation runs at this hour (UTC), before coaches start their day. */
const DAILY_AT_UTC = 'T04:00:00Z';
/** Placements evaluated per step of the daily run. */
const BATCH = 500;
const ENDED = ['closed', 'dropped_out', 'no_match'];

interface DailyJob extends Scheduled {
  day: string;
}

export interface EvaluationOutcome {
  placements: number;
  raised: number;
  resolved: number;
}

/**
 * The early warning: evaluates the rules in rules/calculations/early-warning.ts
 * over each working placement's facts, raises a risk for each new finding and
 * closes the risks whose rule stopped holding. Runs once a day for every
 * placement (a job per day with the day as its id) and after each write that
 * changes a placement's facts. Safe to repeat: a situation raises one risk, ever.
 */
@Injectable()
export class EarlyWarningService implements OnApplicationBootstrap, OnModuleInit {
  private readonly logger = new Logger(EarlyWarningService.name);

  constructor(
    private readonly repository: RisksRepository,
    private readonly transactions: Transactions,
    private readonly parameters: RuleParametersService,
    private readonly scheduler: SchedulerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onModuleInit(): void {
    // A survey answer changes a placement's facts; the surveys capability does not know about risks.
    this.surveys.onAnswered(async (placementId) => {
      await this.evaluatePlacement(placementId);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    // The next run still ahead; each run plans the one after it. Nothing runs at start-up itself: the rules
    // look at state, not at events, so a day the queue lost is made up by the next day's run.
    const now = this.clock.now();
    const today = localDate(now);
    await this.scheduleDay(new Date(`${today}${DAILY_AT_UTC}`) > now ? today : addDays(today, 1));
  }

  async scheduleDay(day: string): Promise<void> {
    await this.scheduler.schedule<Omit<DailyJob, 'runAt'>>(JobName.EarlyWarningDaily, { day }, new Date(`${day}${DAILY_AT_UTC}`), day);
  }

  @OnJob(JobName.EarlyWarningDaily)
  async daily(job: DailyJob): Promise<EvaluationOutcome | 'early'> {
    if (!this.scheduler.isDue(job)) return 'early';
    const outcome = await this.evaluateAll();
    await this.scheduleDay(addDays(job.day, 1));
    this.logger.log(outcome, 'early warning evaluated');
    return outcome;
  }

  /** Every working placement, and every ended one with a risk still open. */
  async evaluateAll(): Promise<EvaluationOutcome> {
    const total: EvaluationOutcome = { placements: 0, raised: 0, resolved: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.repository.placementsToEvaluate(after, BATCH);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      const outcome = await this.evaluate(ids);
      total.placements += outcome.placements;
      total.raised += outcome.raised;
      total.resolved += outcome.resolved;
      if (ids.length < BATCH) break;
    }
    return total;
  }

  /** After a write that changes the placement's facts (a check-in, a contact, a new rhythm). */
  evaluatePlacement(placementId: string): Promise<EvaluationOutcome> {
    return this.evaluate([placementId]);
  }

  private async evaluate(placementIds: string[]): Promise<EvaluationOutcome> {
    const now = this.clock.now();
    const today = localDate(now);
    const outcome: EvaluationOutcome = { placements: 0, raised: 0, resolved: 0 };
    await this.transactions.run(async () => {
      const facts = await this.withSatisfaction(await this.repository.facts(placementIds));
      const risks = await this.repository.forPlacements(placementIds);
      const sources = new Map<string, ParameterSource>();
      for (const placement of facts) {
        let source = sources.get(placement.organisationId);
        if (!source) {
          source = await this.parameters.sourceFor(placement.organisationId);
          sources.set(placement.organisationId, source);
        }
        const findings = evaluateEarlyWarning(placement, thresholds(source, placement, today), today);
        const own = risks.filter((risk) => risk.placementId === placement.id);
        const known = new Set(own.map((risk) => `${risk.rule}.${risk.occurrence}`));
        const found = new Set(findings.map((finding) => `${finding.rule}.${finding.occurrence}`));
        for (const finding of findings) {
          if (known.has(`${finding.rule}.${finding.occurrence}`)) continue;
          if (await this.repository.raise(placement, finding, now)) outcome.raised++;
        }
        const ended = own.filter((risk) => risk.resolvedAt === null && !found.has(`${risk.rule}.${risk.occurrence}`));
        outcome.resolved += await this.repository.resolve(
          ended.map((risk) => risk.id),
          ENDED.includes(placement.status) ? 'placement_ended' : 'condition_ended',
          now,
        );
        outcome.placements++;
      }
    });
    return outcome;
  }

  /** Facts another capability holds, read through its service: the newest satisfaction score. */
  private async withSatisfaction(facts: PlacementFactsRow[]): Promise<PlacementFactsRow[]> {
    const byOrganisation = new Map<string, string[]>();
    for (const placement of facts)
      byOrganisation.set(placement.organisationId, [...(byOrganisation.get(placement.organisationId) ?? []), placement.id]);
    const scores = new Map<string, PlacementScore>();
    for (const [organisationId, ids] of byOrganisation) {
      for (const [placementId, score] of await this.surveys.latestScoresForPlacements(organisationId, ids)) scores.set(placementId, score);
    }
    return facts.map((placement) => {
      const score = scores.get(placement.id);
      return score
        ? {
            ...placement,
            latestSatisfaction: {
              score: score.score,
              respondent: score.respondent,
              answeredOn: localDate(score.answeredAt),
              low: score.low,
            },
          }
        : placement;
    });
  }

  /**
   * Risks raised from `from` to `to` (Dutch calendar days) and what followed, per rule: for the
   * aftercare-delivery report ("risk flags raised and what followed"). Counts only, no names.
   */
  outcomes(organisationId: string, from: string, to: string): Promise<RiskOutcomeRow[]> {
    return this.repository.outcomes(organisationId, from, to);
  }

  /** The open risks on the coach's own placements, or (scope team) on the team lead's team. */
  async open(actor: Actor, scope: 'mine' | 'team' = 'mine'): Promise<OpenRiskDto[]> {
    const rows =
      scope === 'team' && actor.role === 'team_lead' && actor.teamId
        ? await this.repository.open(actor.organisationId, { teamId: actor.teamId, leadMembershipId: actor.membershipId })
        : await this.repository.open(actor.organisationId, { coachMembershipId: actor.membershipId });
    await this.audit.record(
      actor,
      [...new Set(rows.map((row) => row.participantId))].map((participantId) => ({
        action: 'list' as const,
        resourceType: 'placement_risk',
        subjectParticipantId: participantId,
        fields: ['name', 'reason'],
      })),
    );
    return rows.map((row) => toOpenDto(row));
  }

  /** Every risk of a placement, with what followed; the read is in the participant's access log. */
  async forPlacement(actor: Actor, placementId: string): Promise<PlacementRiskDto[]> {
    const rows = await this.repository.forPlacement(placementId, actor.organisationId);
    if (rows.length > 0) {
      await this.audit.record(actor, {
        action: 'list',
        resourceType: 'placement_risk',
        resourceId: placementId,
        subjectParticipantId: rows[0].participantId,
      });
    }
    return rows.map(toDto);
  }

  /**
   * What the coach did about a risk: acknowledged it, or took an action (with
   * an optional note), and whether that closes it. Joins the caller's
   * transaction; a closed risk takes no more follow-ups.
   */
  async recordFollowUp(actor: Actor, placementId: string, riskId: string, input: RiskFollowUpDto): Promise<PlacementRiskDto> {
    return this.transactions.run(async () => {
      const risk = await this.repository.lock(riskId, placementId, actor.organisationId);
      if (!risk) throw new NotFoundProblem('risk');
      if (risk.resolvedAt) throw new ConflictProblem('This risk is already closed.', 'risk-resolved');
      const now = this.clock.now();
      risk.acknowledgedAt ??= now;
      if (!risk.acknowledgedByUserId) {
        risk.acknowledgedByUserId = actor.userId;
        risk.acknowledgedByName = actor.displayName;
      }
      if (input.action !== 'acknowledged') {
        risk.actionTaken = input.action;
        risk.actionNote = input.note?.trim() || null;
        risk.actionAt = now;
        risk.actionByUserId = actor.userId;
        risk.actionByName = actor.displayName;
      }
      await this.repository.writeFollowUp(risk.id, risk);
      if (input.resolve) {
        await this.repository.resolve([risk.id], 'coach', now, actor.userId);
        Object.assign(risk, { resolvedAt: now, resolution: 'coach', resolvedByUserId: actor.userId });
      }
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'placement_risk',
        resourceId: risk.id,
        subjectParticipantId: risk.participantId,
        fields: ['action', ...(input.note ? ['note'] : []), ...(input.resolve ? ['resolved'] : [])],
      });
      return toDto(risk);
    });
  }
}

function thresholds(source: ParameterSource, placement: PlacementFactsRow, today: string): EarlyWarningThresholds {
  // Hours count as they stood at the contract start; the other thresholds are today's.
  return {
    maxHoursPerWeek: source.valueOn('earlyWarningMaxHoursPerWeek', placement.contractStart ?? today).value,
    missedCheckinsInARow: source.valueOn('earlyWarningMissedCheckinsInARow', today).value,
    renewalTalkWeeks: source.valueOn('earlyWarningRenewalTalkWeeks', today).value,
    contactGraceDays: source.valueOn('earlyWarningContactGraceDays', today).value,
  };
}

function stateOf(row: RiskRow): RiskState {
  if (row.resolvedAt) return 'resolved';
  if (row.actionAt) return 'action_taken';
  if (row.acknowledgedAt) return 'acknowledged';
  return 'open';
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function toDto(row: RiskRow): PlacementRiskDto {
  return {
    id: row.id,
    placementId: row.placementId,
    rule: row.rule as PlacementRiskDto['rule'],
    reason: row.reason,
    nextAction: row.nextAction,
    state: stateOf(row),
    raisedAt: new Date(row.raisedAt).toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedByUserId: row.acknowledgedByUserId,
    acknowledgedByName: row.acknowledgedByName ?? null,
    actionTaken: row.actionTaken as PlacementRiskDto['actionTaken'],
    actionNote: row.actionNote,
    actionAt: iso(row.actionAt),
    actionByUserId: row.actionByUserId,
    actionByName: row.actionByName ?? null,
    resolvedAt: iso(row.resolvedAt),
    resolvedByUserId: row.resolvedByUserId,
    resolution: row.resolution,
  };
}

function toOpenDto(row: OpenRiskRow): OpenRiskDto {
  return { ...toDto(row), participantName: row.participantName, employerName: row.employerName, coachMembershipId: row.coachMembershipId };
}
