import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import type { Placement } from '../placements/entities/placement.entity.js';
import { PlacementsService } from '../placements/placements.service.js';
import { addDays, compareDates, monthOf, monthsBetween, periodLastDay } from '../rules/calculations/dates.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import type {
  CreateJobcoachGrantDto,
  JobcoachDecisionDto,
  JobcoachGrantDto,
  JobcoachHoursDto,
  JobcoachReportDto,
  RegisterJobcoachHoursDto,
} from './dto/jobcoach.dto.js';
import type { JobcoachGrantStatus, JobcoachWarning } from './entities/jobcoach.entities.js';

/**
 * UWV jobcoach rules (Wet Wajong / Ziektewet, "jobcoach" voorziening), as
 * UWV applies them; procedural limits, kept together here.
 */
/** Contract types UWV is known to refuse jobcoaching for. */
const REFUSED_CONTRACT_TYPES = new Set(['zero_hours', 'on_call']);

const GRANT_COLUMNS = `g.id, g.placement_id, g.status, g.requested_on::text AS requested_on, g.decided_on::text AS decided_on, g.reason,
  g.period_start::text AS period_start, g.period_end::text AS period_end, g.hours_granted, g.warnings,
  (SELECT COALESCE(SUM(h.hours), 0) FROM jobcoach_hours h WHERE h.grant_id = g.id) AS hours_used`;

interface GrantRow {
  id: string;
  placement_id: string;
  status: JobcoachGrantStatus;
  requested_on: string;
  decided_on: string | null;
  reason: string | null;
  period_start: string;
  period_end: string;
  hours_granted: string | null;
  warnings: JobcoachWarning[];
  hours_used: string;
}

interface HoursRow {
  id: string;
  grant_id: string;
  worked_on: string;
  hours: string;
  justification: string;
}

interface JobcoachRules {
  grantPeriodMonths: number;
  maxMonths: number;
  minContractMonths: number;
  minHoursPerWeek: number;
  exceptionMinHoursPerWeek: number;
  minWageValuePercent: number;
  exceptionMinWageValuePercent: number;
}

@Injectable()
export class JobcoachFundingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    private readonly parameters: RuleParametersService,
  ) {}

  /** UWV's jobcoach conditions valid on a date: dated rule parameters, like every rule number. */
  private async rules(organisationId: string, on: string): Promise<JobcoachRules> {
    const source = await this.parameters.sourceFor(organisationId);
    const value = (key: Parameters<typeof source.valueOn>[0]) => source.valueOn(key, on).value;
    return {
      grantPeriodMonths: value('jobcoachGrantPeriodMonths'),
      maxMonths: value('jobcoachMaxMonths'),
      minContractMonths: value('jobcoachMinContractMonths'),
      minHoursPerWeek: value('jobcoachMinHoursPerWeek'),
      exceptionMinHoursPerWeek: value('jobcoachExceptionMinHoursPerWeek'),
      minWageValuePercent: value('jobcoachMinWageValuePercent'),
      exceptionMinWageValuePercent: value('jobcoachExceptionMinWageValuePercent'),
    };
  }

  /** Records a request to UWV. Conditions UWV is known to refuse on are warnings, not refusals: UWV decides. */
  async request(actor: Actor, placementId: string, input: CreateJobcoachGrantDto): Promise<JobcoachGrantDto> {
    return this.dataSource.transaction(async (manager) => {
      // The placement row lock serialises requests, so two cannot both pass the overlap check.
      const placement = await this.placements.findVisible(actor, placementId, manager, true);
      const rules = await this.rules(actor.organisationId, input.periodStart);
      const periodEnd = input.periodEnd ?? periodLastDay(input.periodStart, rules.grantPeriodMonths);
      await this.checkPeriod(manager, placementId, input.periodStart, periodEnd, null, rules);
      const warnings = await this.warningsFor(placement, manager, rules);
      const [row] = await manager.query(
        `INSERT INTO jobcoach_grant (organisation_id, placement_id, status, requested_on, period_start, period_end, warnings, requested_by_user_id)
         VALUES ($1, $2, 'requested', $3, $4, $5, $6::jsonb, $7) RETURNING id`,
        [actor.organisationId, placementId, input.requestedOn, input.periodStart, periodEnd, JSON.stringify(warnings), actor.userId],
      );
      if (warnings.length > 0) {
        await this.tasks.create(
          {
            organisationId: placement.organisationId,
            assigneeMembershipId: placement.coachMembershipId,
            participantId: placement.participantId,
            placementId,
            kind: 'jobcoach_contract_warning',
            title: 'UWV may refuse the jobcoach request: check the contract before the decision',
            detail: warnings.map((warning) => warning.en).join('\n'),
            dueOn: addDays(input.requestedOn, 7),
            dedupeKey: `jobcoach_contract_warning.${row.id}`,
          },
          manager,
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'jobcoach_grant',
          resourceId: row.id,
          subjectParticipantId: placement.participantId,
          fields: ['status', 'periodStart', 'periodEnd'],
        },
        manager,
      );
      return toGrantDto(await this.grantRow(manager, actor, placementId, row.id));
    });
  }

  async decide(actor: Actor, placementId: string, grantId: string, input: JobcoachDecisionDto): Promise<JobcoachGrantDto> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.placements.findVisible(actor, placementId, manager, true);
      const grant = await this.grantRow(manager, actor, placementId, grantId, true);
      if (grant.status !== 'requested')
        throw new ConflictProblem(`UWV's decision on this grant was already recorded (${grant.status}).`, 'already-decided');
      if (compareDates(input.decidedOn, grant.requested_on) < 0) {
        throw new RuleViolationException('decidedOn', `must not be before the request (${grant.requested_on})`);
      }
      let periodStart = grant.period_start;
      let periodEnd = grant.period_end;
      if (input.status === 'granted') {
        if (input.hoursGranted === undefined) throw new RuleViolationException('hoursGranted', 'is required for a grant');
        if (input.periodStart || input.periodEnd) {
          periodStart = input.periodStart ?? grant.period_start;
          const rules = await this.rules(actor.organisationId, periodStart);
          periodEnd = input.periodEnd ?? periodLastDay(periodStart, rules.grantPeriodMonths);
          await this.checkPeriod(manager, placementId, periodStart, periodEnd, grantId, rules);
        }
      } else if (!input.reason) {
        throw new RuleViolationException('reason', 'is required for a refusal');
      }
      await manager.query(
        `UPDATE jobcoach_grant SET status = $2, decided_on = $3, reason = $4, hours_granted = $5, period_start = $6, period_end = $7, updated_at = now()
          WHERE id = $1`,
        [
          grantId,
          input.status,
          input.decidedOn,
          input.reason ?? null,
          input.status === 'granted' ? input.hoursGranted : null,
          periodStart,
          periodEnd,
        ],
      );
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'jobcoach_grant',
          resourceId: grantId,
          subjectParticipantId: placement.participantId,
          fields: ['status', 'hoursGranted'],
        },
        manager,
      );
      return toGrantDto(await this.grantRow(manager, actor, placementId, grantId));
    });
  }

  async list(actor: Actor, placementId: string): Promise<JobcoachGrantDto[]> {
    await this.placements.findVisible(actor, placementId);
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT ${GRANT_COLUMNS} FROM jobcoach_grant g WHERE g.placement_id = $1 AND g.organisation_id = $2 ORDER BY g.period_start, g.created_at`,
      [placementId, actor.organisationId],
    );
    return rows.map(toGrantDto);
  }

  /** Registers hours under the grant's row lock, so concurrent registrations never add up to more than was granted. */
  async registerHours(actor: Actor, placementId: string, grantId: string, input: RegisterJobcoachHoursDto): Promise<JobcoachHoursDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const justification = input.justification.trim();
    if (justification.length < 10) throw new RuleViolationException('justification', 'must say what was done, in at least 10 characters');
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.grantRow(manager, actor, placementId, grantId, true);
      if (grant.status !== 'granted' || grant.hours_granted === null) {
        throw new RuleViolationException(
          'grantId',
          `hours can only be registered on a granted jobcoach grant; this one is ${grant.status}`,
        );
      }
      if (compareDates(input.workedOn, grant.period_start) < 0 || compareDates(input.workedOn, grant.period_end) > 0) {
        throw new RuleViolationException('workedOn', `must be within the granted period (${grant.period_start} to ${grant.period_end})`);
      }
      const today = this.clock.now().toISOString().slice(0, 10);
      if (compareDates(input.workedOn, today) > 0) throw new RuleViolationException('workedOn', 'must not be in the future');
      // Hundredths of an hour, so the comparison is exact.
      const granted = hundredths(grant.hours_granted);
      const used = hundredths(grant.hours_used);
      const requested = hundredths(input.hours);
      if (used + requested > granted) {
        throw new RuleViolationException(
          'hours',
          `would exceed the ${fromHundredths(granted)} hours granted: ${fromHundredths(used)} are registered, ${fromHundredths(granted - used)} left`,
        );
      }
      const [row]: HoursRow[] = await manager.query(
        `INSERT INTO jobcoach_hours (organisation_id, grant_id, worked_on, hours, justification, registered_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, grant_id, worked_on::text AS worked_on, hours, justification`,
        [actor.organisationId, grantId, input.workedOn, input.hours, justification, actor.userId],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'jobcoach_hours',
          resourceId: row!.id,
          subjectParticipantId: placement.participantId,
          fields: ['hours', 'justification'],
        },
        manager,
      );
      return toHoursDto(row!);
    });
  }

  async hours(actor: Actor, placementId: string, grantId: string): Promise<JobcoachHoursDto[]> {
    await this.placements.findVisible(actor, placementId);
    await this.grantRow(this.dataSource.manager, actor, placementId, grantId);
    return this.hoursOf(grantId);
  }

  /** The period report: hours per month with their justifications, total against granted. Built from these fields only. */
  async report(actor: Actor, placementId: string, grantId: string): Promise<JobcoachReportDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const grant = await this.grantRow(this.dataSource.manager, actor, placementId, grantId);
    const entries = await this.hoursOf(grantId);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'jobcoach_report',
      resourceId: grantId,
      subjectParticipantId: placement.participantId,
      fields: ['hours', 'justification'],
    });
    const months = monthsBetween(monthOf(grant.period_start), monthOf(grant.period_end)).map((month) => {
      const inMonth = entries.filter((entry) => monthOf(entry.workedOn) === month);
      return {
        month,
        hours: fromHundredths(inMonth.reduce((sum, entry) => sum + hundredths(entry.hours), 0)),
        entries: inMonth.map((entry) => ({ workedOn: entry.workedOn, hours: entry.hours, justification: entry.justification })),
      };
    });
    const dto = toGrantDto(grant);
    return {
      grantId,
      status: dto.status,
      periodStart: dto.periodStart,
      periodEnd: dto.periodEnd,
      hoursGranted: dto.hoursGranted,
      hoursUsed: dto.hoursUsed,
      hoursLeft: dto.hoursLeft,
      months,
    };
  }

  private async hoursOf(grantId: string): Promise<JobcoachHoursDto[]> {
    const rows: HoursRow[] = await this.dataSource.query(
      'SELECT id, grant_id, worked_on::text AS worked_on, hours, justification FROM jobcoach_hours WHERE grant_id = $1 ORDER BY worked_on, created_at, id',
      [grantId],
    );
    return rows.map(toHoursDto);
  }

  private async grantRow(manager: EntityManager, actor: Actor, placementId: string, grantId: string, lock = false): Promise<GrantRow> {
    if (lock) {
      // Lock the grant row first; the aggregate below then reads the hours committed before the lock was granted.
      const locked = await manager.query(
        'SELECT id FROM jobcoach_grant WHERE id = $1 AND placement_id = $2 AND organisation_id = $3 FOR UPDATE',
        [grantId, placementId, actor.organisationId],
      );
      if (locked.length === 0) throw new NotFoundProblem('jobcoach grant');
    }
    const [row]: GrantRow[] = await manager.query(
      `SELECT ${GRANT_COLUMNS} FROM jobcoach_grant g WHERE g.id = $1 AND g.placement_id = $2 AND g.organisation_id = $3`,
      [grantId, placementId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('jobcoach grant');
    return row;
  }

  /** At most six months per grant; no overlap with another grant that is not refused; at most three years in all. */
  private async checkPeriod(
    manager: EntityManager,
    placementId: string,
    start: string,
    end: string,
    exceptGrantId: string | null,
    rules: JobcoachRules,
  ): Promise<void> {
    if (compareDates(end, start) < 0) throw new RuleViolationException('periodEnd', 'must not be before periodStart');
    const maxEnd = periodLastDay(start, rules.grantPeriodMonths);
    if (compareDates(end, maxEnd) > 0) {
      throw new RuleViolationException('periodEnd', `a jobcoach grant covers at most ${rules.grantPeriodMonths} months (until ${maxEnd})`);
    }
    const others: Array<{ period_start: string; period_end: string }> = await manager.query(
      `SELECT period_start::text AS period_start, period_end::text AS period_end FROM jobcoach_grant
        WHERE placement_id = $1 AND status <> 'refused' AND ($2::uuid IS NULL OR id <> $2) ORDER BY period_start`,
      [placementId, exceptGrantId],
    );
    const overlap = others.find((other) => compareDates(other.period_start, end) <= 0 && compareDates(start, other.period_end) <= 0);
    if (overlap) {
      throw new RuleViolationException('periodStart', `overlaps another jobcoach grant (${overlap.period_start} to ${overlap.period_end})`);
    }
    const first = [start, ...others.map((other) => other.period_start)].sort(compareDates)[0]!;
    const lastAllowed = periodLastDay(first, rules.maxMonths);
    if (compareDates(end, lastAllowed) > 0) {
      throw new RuleViolationException(
        'periodEnd',
        `jobcoaching is granted for at most ${rules.maxMonths / 12} years from the first period (until ${lastAllowed})`,
      );
    }
  }

  private async warningsFor(placement: Placement, manager: EntityManager, rules: JobcoachRules): Promise<JobcoachWarning[]> {
    const warnings: JobcoachWarning[] = [];
    if (!placement.contractStart || placement.hoursPerWeek === null) {
      warnings.push({
        code: 'no_contract',
        nl: 'Er is nog geen contract vastgelegd; UWV kent een jobcoach alleen toe bij een dienstverband.',
        en: 'No contract has been recorded yet; UWV grants a jobcoach only for an employment contract.',
      });
      return warnings;
    }
    if (placement.contractType && REFUSED_CONTRACT_TYPES.has(placement.contractType)) {
      warnings.push({
        code: 'contract_type_refused',
        nl: `Bij een ${placement.contractType === 'zero_hours' ? 'nulurencontract' : 'oproepcontract'} wijst UWV een jobcoach meestal af.`,
        en: `UWV usually refuses a jobcoach for a ${placement.contractType === 'zero_hours' ? 'zero-hours' : 'on-call'} contract.`,
      });
    }
    const minimumEnd = periodLastDay(placement.contractStart, rules.minContractMonths);
    if (placement.contractEnd && compareDates(placement.contractEnd, minimumEnd) < 0) {
      warnings.push({
        code: 'contract_shorter_than_6_months',
        nl: `Het contract loopt tot ${placement.contractEnd}, korter dan ${rules.minContractMonths} maanden; UWV vraagt een contract van minstens ${rules.minContractMonths} maanden.`,
        en: `The contract ends on ${placement.contractEnd}, shorter than ${rules.minContractMonths} months; UWV asks for a contract of at least ${rules.minContractMonths} months.`,
      });
    }
    const hours = Number(placement.hoursPerWeek);
    if (hours < rules.minHoursPerWeek) {
      warnings.push({
        code: 'under_12_hours',
        nl: `Het contract is ${hours} uur per week; UWV vraagt minstens ${rules.minHoursPerWeek} uur (uitzondering vanaf ${rules.exceptionMinHoursPerWeek} uur bij een loonwaarde van minstens ${rules.exceptionMinWageValuePercent}%).`,
        en: `The contract is ${hours} hours a week; UWV asks for at least ${rules.minHoursPerWeek} (exception from ${rules.exceptionMinHoursPerWeek} hours with a wage value of at least ${rules.exceptionMinWageValuePercent}%).`,
      });
    }
    const [assessment] = await manager.query(
      'SELECT percentage FROM wage_value_assessment WHERE placement_id = $1 ORDER BY assessed_on DESC, created_at DESC LIMIT 1',
      [placement.id],
    );
    if (assessment && Number(assessment.percentage) < rules.minWageValuePercent) {
      const percentage = Number(assessment.percentage);
      warnings.push({
        code: 'wage_value_below_35',
        nl: `De loonwaarde is ${percentage}%; UWV vraagt minstens ${rules.minWageValuePercent}% (uitzondering vanaf ${rules.exceptionMinWageValuePercent}% bij minstens ${rules.exceptionMinHoursPerWeek} uur per week).`,
        en: `The wage value is ${percentage}%; UWV asks for at least ${rules.minWageValuePercent}% (exception from ${rules.exceptionMinWageValuePercent}% with at least ${rules.exceptionMinHoursPerWeek} hours a week).`,
      });
    }
    return warnings;
  }
}

function hundredths(value: string | number): number {
  return Math.round(Number(value) * 100);
}

function fromHundredths(value: number): number {
  return value / 100;
}

function toGrantDto(row: GrantRow): JobcoachGrantDto {
  const granted = row.hours_granted === null ? null : hundredths(row.hours_granted);
  const used = hundredths(row.hours_used);
  return {
    id: row.id,
    placementId: row.placement_id,
    status: row.status,
    requestedOn: row.requested_on,
    decidedOn: row.decided_on,
    reason: row.reason,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    hoursGranted: granted === null ? null : fromHundredths(granted),
    hoursUsed: fromHundredths(used),
    hoursLeft: granted === null ? null : fromHundredths(granted - used),
    warnings: row.warnings,
  };
}

function toHoursDto(row: HoursRow): JobcoachHoursDto {
  return { id: row.id, grantId: row.grant_id, workedOn: row.worked_on, hours: Number(row.hours), justification: row.justification };
}
