import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { MailService } from '../platform/mail/mail.service.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import { addDays, addMonths, lastDayOfMonth, monthOf, noRiskPolicyEnd } from '../rules/calculations/dates.js';
import { MissingParameterError } from '../rules/calculations/parameters.js';
import { calculateWageCostSubsidy } from '../rules/calculations/wage-cost-subsidy.js';
import { RuleParametersService } from '../rules/rule-parameters.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import type {
  CreateSubsidyDecisionDto,
  CreateWageValueAssessmentDto,
  NoRiskPolicyDto,
  SubsidyPaymentDto,
  SubsidyStatusDto,
  WageCostSubsidyDto,
  WageValueAssessmentDto,
} from './dto/subsidy.dto.js';
import type { Placement } from './entities/placement.entity.js';
import { SubsidyDecision, SubsidyPayment, SubsidyStatement } from './entities/subsidy.entities.js';
import { WageValueAssessment } from './entities/wage-value-assessment.entity.js';
import { PlacementsService } from './placements.service.js';

/** Days after the due date before a missing payment raises an alert. */
const PAYMENT_GRACE_DAYS = 5;

interface PaymentOverdueJob extends Scheduled {
  paymentId: string;
}

@Injectable()
export class SubsidyService {
  private readonly logger = new Logger(SubsidyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsService,
    private readonly parameters: RuleParametersService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly scheduler: SchedulerService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async assessWageValue(actor: Actor, placementId: string, input: CreateWageValueAssessmentDto): Promise<WageValueAssessmentDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const parameters = await this.parameters.sourceFor(actor.organisationId);
    const interval = this.parameterOrProblem('assessedOn', () => parameters.valueOn('reassessmentIntervalMonths', input.assessedOn).value);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(WageValueAssessment).save({
        organisationId: actor.organisationId,
        placementId,
        assessorName: input.assessorName,
        assessedOn: input.assessedOn,
        percentage: String(input.percentage),
        referenceJob: input.referenceJob,
        method: input.method,
        reportDocument: input.reportDocument ?? null,
        nextReassessmentOn: addMonths(input.assessedOn, interval),
      });
      const task =
        input.percentage >= 100
          ? {
              kind: 'wage_value_full' as const,
              title: 'Wage value is 100%: the wage-cost subsidy ends; inform the employer and the municipality',
              dueOn: addDays(input.assessedOn, 14),
            }
          : { kind: 'wage_value_reassessment' as const, title: 'Plan the next wage value assessment', dueOn: saved.nextReassessmentOn };
      await this.tasks.create(
        {
          organisationId: actor.organisationId,
          assigneeMembershipId: placement.coachMembershipId,
          participantId: placement.participantId,
          placementId,
          ...task,
          dedupeKey: `${task.kind}.${placementId}.${input.assessedOn}`,
        },
        manager,
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'wage_value_assessment',
          resourceId: saved.id,
          subjectParticipantId: placement.participantId,
          fields: ['percentage'],
        },
        manager,
      );
      return toAssessmentDto(saved);
    });
  }

  async assessments(actor: Actor, placementId: string): Promise<WageValueAssessmentDto[]> {
    await this.placements.findVisible(actor, placementId);
    const rows = await this.dataSource.getRepository(WageValueAssessment).find({ where: { placementId }, order: { assessedOn: 'DESC' } });
    return rows.map(toAssessmentDto);
  }

  /** The subsidy for a month: as reported, if it was; otherwise calculated now with the values valid in that month. */
  async forMonth(actor: Actor, placementId: string, month: string): Promise<WageCostSubsidyDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const reported = await this.dataSource.getRepository(SubsidyStatement).findOneBy({ placementId, month });
    if (reported) return { ...(reported.calculation as unknown as WageCostSubsidyDto), reported: true };
    return { ...(await this.calculate(placement, month)), reported: false };
  }

  /** Fixes a month's calculation as reported: later parameter changes leave it as it is. */
  async report(actor: Actor, placementId: string, month: string): Promise<WageCostSubsidyDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const calculation = await this.calculate(placement, month);
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SubsidyStatement)
      .values({
        organisationId: actor.organisationId,
        placementId,
        month,
        amountCents: calculation.amountCents,
        calculation: calculation as never,
        reportedByUserId: actor.userId,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      throw new ConflictProblem(`The subsidy for ${month} was already reported.`, 'already-reported');
    }
    return { ...calculation, reported: true };
  }

  async decide(actor: Actor, placementId: string, input: CreateSubsidyDecisionDto): Promise<SubsidyStatusDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    if (input.status === 'granted') {
      for (const field of ['decidedOn', 'monthlyAmountCents', 'periodStart', 'periodEnd'] as const) {
        if (input[field] === undefined) throw new RuleViolationException(field, 'is required for a granted subsidy');
      }
      if (input.periodEnd! < input.periodStart!) throw new RuleViolationException('periodEnd', 'must not be before periodStart');
    }
    if (input.decidedOn && input.decidedOn < input.appliedOn) throw new RuleViolationException('decidedOn', 'must not be before appliedOn');
    const scheduled: SubsidyPayment[] = [];
    await this.dataSource.transaction(async (manager) => {
      const decision = await manager.getRepository(SubsidyDecision).save({
        organisationId: actor.organisationId,
        placementId,
        status: input.status,
        appliedOn: input.appliedOn,
        decidedOn: input.decidedOn ?? null,
        monthlyAmountCents: input.monthlyAmountCents ?? null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        reference: input.reference ?? null,
      });
      if (input.status === 'granted') scheduled.push(...(await this.expectPayments(decision, manager)));
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'subsidy_decision',
          resourceId: decision.id,
          subjectParticipantId: placement.participantId,
          fields: ['status'],
        },
        manager,
      );
    });
    for (const payment of scheduled) await this.scheduleOverdueCheck(payment);
    return this.status(actor, placementId);
  }

  async receive(actor: Actor, placementId: string, paymentId: string, receivedOn: string): Promise<SubsidyStatusDto> {
    await this.placements.findVisible(actor, placementId);
    const result = await this.dataSource.getRepository(SubsidyPayment).update({ id: paymentId, placementId }, { receivedOn });
    if (!result.affected) throw new NotFoundProblem('payment');
    return this.status(actor, placementId);
  }

  async status(actor: Actor, placementId: string): Promise<SubsidyStatusDto> {
    await this.placements.findVisible(actor, placementId);
    return this.statusOf(placementId);
  }

  /** Also used for the employer's view, which has its own access check. */
  async statusOf(placementId: string): Promise<SubsidyStatusDto> {
    const decision = await this.dataSource.getRepository(SubsidyDecision).findOne({ where: { placementId }, order: { createdAt: 'DESC' } });
    const payments = decision
      ? await this.dataSource.getRepository(SubsidyPayment).find({ where: { decisionId: decision.id }, order: { month: 'ASC' } })
      : [];
    return {
      status: decision?.status ?? 'none',
      monthlyAmountCents: decision?.monthlyAmountCents ?? null,
      payments: payments.map((payment) => this.toPaymentDto(payment)),
    };
  }

  async noRiskPolicy(actor: Actor, placementId: string): Promise<NoRiskPolicyDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    return this.noRiskPolicyOf(placement);
  }

  async noRiskPolicyOf(placement: Placement): Promise<NoRiskPolicyDto> {
    if (!placement.contractStart)
      throw new RuleViolationException('contractStart', 'the no-risk policy runs from the contract start, which is not set yet');
    const parameters = await this.parameters.sourceFor(placement.organisationId);
    const period = this.parameterOrProblem('contractStart', () =>
      noRiskPolicyEnd(placement.contractStart!, placement.noRiskGroup, parameters),
    );
    return { lastCoveredDay: period.lastCoveredDay, years: period.years, parameter: period.parameter };
  }

  @OnJob(JobName.SubsidyPaymentOverdue)
  async checkOverdue(job: PaymentOverdueJob): Promise<'alerted' | 'skipped' | 'rescheduled'> {
    const repository = this.dataSource.getRepository(SubsidyPayment);
    const payment = await repository.findOneBy({ id: job.paymentId });
    if (!payment || payment.receivedOn || payment.alertedAt) return 'skipped';
    if (!this.scheduler.isDue(job)) {
      await this.scheduleOverdueCheck(payment);
      return 'rescheduled';
    }
    const placement = await this.dataSource.query(
      `SELECT pl.coach_membership_id, pl.participant_id, e.name AS employer, u.email AS coach_email, u.display_name AS coach_name, u.locale
         FROM placement pl JOIN employer e ON e.id = pl.employer_id
         LEFT JOIN membership m ON m.id = pl.coach_membership_id LEFT JOIN user_account u ON u.id = m.user_id
        WHERE pl.id = $1`,
      [payment.placementId],
    );
    const row = placement[0];
    const mailId = await this.dataSource.transaction(async (manager) => {
      // Claimed in one statement, so a retried or duplicated job alerts once.
      const claimed = await manager
        .getRepository(SubsidyPayment)
        .update({ id: payment.id, alertedAt: IsNull(), receivedOn: IsNull() }, { alertedAt: this.clock.now() });
      if (!claimed.affected) return undefined;
      await this.tasks.create(
        {
          organisationId: payment.organisationId,
          assigneeMembershipId: row?.coach_membership_id ?? null,
          participantId: row?.participant_id ?? null,
          placementId: payment.placementId,
          kind: 'subsidy_payment_missing',
          title: `Wage-cost subsidy for ${payment.month} has not arrived`,
          dueOn: addDays(payment.dueOn, PAYMENT_GRACE_DAYS + 2),
          dedupeKey: `subsidy_payment_missing.${payment.id}`,
        },
        manager,
      );
      if (!row?.coach_email) return undefined;
      return this.mail.record(
        {
          organisationId: payment.organisationId,
          template: 'subsidy-payment-missing',
          locale: row.locale ?? 'nl',
          to: row.coach_email,
          context: { coach: row.coach_name, employer: row.employer, month: payment.month, dueOn: payment.dueOn, days: PAYMENT_GRACE_DAYS },
          dedupeKey: `subsidy-payment-missing.${payment.id}`,
        },
        manager,
      );
    });
    if (mailId) await this.mail.dispatch(mailId);
    this.logger.log({ paymentId: payment.id }, 'subsidy payment overdue');
    return 'alerted';
  }

  private async calculate(placement: Placement, month: string) {
    if (!placement.contractStart || placement.hoursPerWeek === null || placement.grossHourlyWage === null) {
      throw new RuleViolationException(
        'month',
        'the contract (start, hours and hourly wage) must be recorded before the subsidy can be calculated',
      );
    }
    if (lastDayOfMonth(month) < placement.contractStart)
      throw new RuleViolationException('month', `the contract starts on ${placement.contractStart}`);
    const [assessment] = await this.dataSource.query(
      'SELECT percentage FROM wage_value_assessment WHERE placement_id = $1 AND assessed_on <= $2 ORDER BY assessed_on DESC, created_at DESC LIMIT 1',
      [placement.id, lastDayOfMonth(month)],
    );
    if (!assessment)
      throw new RuleViolationException('month', `no wage value (loonwaarde) was assessed on or before ${lastDayOfMonth(month)}`);
    const parameters = await this.parameters.sourceFor(placement.organisationId);
    const wageValuePercent = Number(assessment.percentage);
    const result = this.parameterOrProblem('month', () =>
      calculateWageCostSubsidy(
        {
          month,
          hoursPerWeek: Number(placement.hoursPerWeek),
          hourlyWage: Number(placement.grossHourlyWage),
          wageValuePercent,
          employmentStart: placement.contractStart!,
          employmentEnd: placement.contractEnd,
        },
        parameters,
      ),
    );
    return { ...result, wageValuePercent };
  }

  private async expectPayments(decision: SubsidyDecision, manager: EntityManager): Promise<SubsidyPayment[]> {
    const payments: Partial<SubsidyPayment>[] = [];
    for (let month = monthOf(decision.periodStart!); month <= monthOf(decision.periodEnd!); month = monthOf(addMonths(`${month}-01`, 1))) {
      payments.push({
        organisationId: decision.organisationId,
        placementId: decision.placementId,
        decisionId: decision.id,
        month,
        dueOn: lastDayOfMonth(month),
        amountCents: decision.monthlyAmountCents!,
      });
    }
    return manager.getRepository(SubsidyPayment).save(payments);
  }

  private async scheduleOverdueCheck(payment: SubsidyPayment): Promise<void> {
    const runAt = new Date(`${addDays(payment.dueOn, PAYMENT_GRACE_DAYS)}T06:00:00Z`);
    await this.scheduler.schedule<Omit<PaymentOverdueJob, 'runAt'>>(
      JobName.SubsidyPaymentOverdue,
      { paymentId: payment.id },
      runAt,
      `${payment.id}.${runAt.getTime()}`,
    );
  }

  private toPaymentDto(payment: SubsidyPayment): SubsidyPaymentDto {
    const today = this.clock.now().toISOString().slice(0, 10);
    return {
      id: payment.id,
      month: payment.month,
      dueOn: payment.dueOn,
      amountCents: payment.amountCents,
      receivedOn: payment.receivedOn,
      late: !payment.receivedOn && addDays(payment.dueOn, PAYMENT_GRACE_DAYS) < today,
    };
  }

  private parameterOrProblem<T>(field: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof MissingParameterError) {
        throw new RuleViolationException(field, `${error.message}. An administrator can add it under rule parameters.`);
      }
      throw error;
    }
  }
}

function toAssessmentDto(row: WageValueAssessment): WageValueAssessmentDto {
  return {
    id: row.id,
    assessorName: row.assessorName,
    assessedOn: row.assessedOn,
    percentage: Number(row.percentage),
    referenceJob: row.referenceJob,
    method: row.method,
    reportDocument: row.reportDocument,
    nextReassessmentOn: row.nextReassessmentOn,
  };
}
