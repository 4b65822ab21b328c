import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../platform/config/app.config.js';
import { QueueService } from '../platform/queue/queue.service.js';
import { AuditService } from '../audit/audit.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, type InvalidParam, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { MailService } from '../platform/mail/mail.service.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName, QueueName } from '../platform/queue/queue.constants.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import { addDays, addMonths, lastDayOfMonth, monthOf, noRiskPolicyEnd } from '../rules/calculations/dates.js';
import type { ExplanationLine } from '../rules/calculations/explain.js';
import { provisionalNotes } from '../rules/calculations/sources.js';
import { MissingParameterError } from '../rules/calculations/parameters.js';
import { calculateWageCostSubsidy, subsidyCorrection, type WageCostSubsidyResult } from '../rules/calculations/wage-cost-subsidy.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import type {
  CreateSubsidyDecisionDto,
  CreateWageValueAssessmentDto,
  NoRiskPolicyDto,
  SubsidyPaymentDto,
  SubsidyCorrectionDto,
  SubsidyStatusDto,
  WageCostSubsidyDto,
  WageValueAssessmentDto,
} from './dto/subsidy.dto.js';
import type { Placement } from './entities/placement.entity.js';
import type { SubsidyDecision, SubsidyPayment, SubsidyStatement } from './entities/subsidy.entities.js';
import type { WageValueAssessment } from './entities/wage-value-assessment.entity.js';
import { PlacementsService } from './placements.service.js';
import { SubsidyRepository } from './subsidy.repository.js';

/** How often months reported with a provisional value are checked for a value that has arrived since. */
const CORRECT_PROVISIONAL_EVERY_MS = 60 * 60_000;

/** Days after the due date before a missing payment raises an alert. */
const PAYMENT_GRACE_DAYS = 5;

interface PaymentOverdueJob extends Scheduled {
  paymentId: string;
}

const isoDate = (value: string | undefined): value is string => value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Every rule a subsidy decision breaks, not just the first; also of a form that is not valid yet, so a page can show all at once. */
export function subsidyDecisionViolations(input: Partial<CreateSubsidyDecisionDto>): InvalidParam[] {
  const violations: InvalidParam[] = [];
  if (input.status === 'granted') {
    for (const field of ['decidedOn', 'monthlyAmountCents', 'periodStart', 'periodEnd'] as const) {
      if (input[field] === undefined) violations.push({ name: field, reason: 'is required for a granted subsidy' });
    }
  }
  if (isoDate(input.periodStart) && isoDate(input.periodEnd) && input.periodEnd < input.periodStart)
    violations.push({ name: 'periodEnd', reason: 'must not be before periodStart' });
  if (isoDate(input.decidedOn) && isoDate(input.appliedOn) && input.decidedOn < input.appliedOn)
    violations.push({ name: 'decidedOn', reason: 'must not be before appliedOn' });
  return violations;
}

@Injectable()
export class SubsidyService implements OnApplicationBootstrap, OnModuleInit {
  private readonly logger = new Logger(SubsidyService.name);

  constructor(
    private readonly repository: SubsidyRepository,
    private readonly transactions: Transactions,
    private readonly placements: PlacementsService,
    private readonly parameters: RuleParametersService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly scheduler: SchedulerService,
    private readonly mail: MailService,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
    private readonly queues: QueueService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async assessWageValue(actor: Actor, placementId: string, input: CreateWageValueAssessmentDto): Promise<WageValueAssessmentDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const parameters = await this.parameters.sourceFor(actor.organisationId);
    const interval = this.parameterOrProblem('assessedOn', () => parameters.valueOn('reassessmentIntervalMonths', input.assessedOn).value);
    return this.transactions.run(async () => {
      const saved = await this.repository.insertAssessment({
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
      await this.tasks.create({
        organisationId: actor.organisationId,
        assigneeMembershipId: placement.coachMembershipId,
        participantId: placement.participantId,
        placementId,
        ...task,
        dedupeKey: `${task.kind}.${placementId}.${input.assessedOn}`,
      });
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'wage_value_assessment',
        resourceId: saved.id,
        subjectParticipantId: placement.participantId,
        fields: ['percentage'],
      });
      return toAssessmentDto(saved);
    });
  }

  async assessments(actor: Actor, placementId: string): Promise<WageValueAssessmentDto[]> {
    await this.placements.findVisible(actor, placementId);
    const rows = await this.repository.assessments(placementId);
    return rows.map(toAssessmentDto);
  }

  /**
   * The subsidy for a month: as reported, if it was (with any correction statements); otherwise
   * calculated now with the values valid in that month, provisional where a value is not published yet.
   */
  async forMonth(actor: Actor, placementId: string, month: string): Promise<WageCostSubsidyDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const statements = await this.repository.statements(placementId, month);
    if (statements.length > 0) return fromStatements(statements);
    const calculation = await this.calculate(placement, month);
    await this.parameters.noteProvisionalValues(placement.organisationId, calculation.parametersUsed);
    return { ...calculation, reported: false, corrections: [] };
  }

  /**
   * Fixes a month's calculation as reported: later parameter changes leave it as it is. A month
   * reported with a provisional value is reported again once the value is known: that adds a
   * correction statement with the difference; the stored statement never changes.
   */
  async report(actor: Actor, placementId: string, month: string): Promise<WageCostSubsidyDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    return this.reportFor(placement, month, actor);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    // A value published after a month was reported provisionally (a new release, or an admin's value) corrects it within the hour.
    await this.queues
      .queue(QueueName.Scheduler)
      .upsertJobScheduler(
        'subsidy-correct-provisional',
        { every: CORRECT_PROVISIONAL_EVERY_MS },
        { name: JobName.SubsidyCorrectProvisional, data: {} },
      );
  }

  onModuleInit(): void {
    this.parameters.onAdded((organisationId) =>
      this.queues
        .enqueue(JobName.SubsidyCorrectProvisional, {}, { key: `${organisationId}.${this.clock.now().getTime()}` })
        .then(() => undefined),
    );
  }

  /**
   * Adds a correction statement to every month reported with a provisional
   * value whose value is now known. Stored statements never change; a month
   * still provisional waits for the next run.
   */
  @OnJob(JobName.SubsidyCorrectProvisional)
  async correctProvisional(): Promise<number> {
    let corrected = 0;
    for (const { placement_id: placementId, month } of await this.repository.provisionalMonths()) {
      const placement = await this.placements.forSystem(placementId);
      if (!placement) continue;
      const result = await this.reportFor(placement, month).catch((error: unknown) => {
        if (error instanceof ConflictProblem || error instanceof RuleViolationException) return null;
        throw error;
      });
      if (result && !result.provisional) corrected++;
    }
    return corrected;
  }

  /** Reports the month for the placement, by a person (`actor`) or by the correction job (no actor). */
  private async reportFor(placement: Placement, month: string, actor?: Actor): Promise<WageCostSubsidyDto> {
    const placementId = placement.id;
    const calculation = await this.calculate(placement, month);
    const statements = await this.transactions.run(async () => {
      await this.repository.lockStatements(placementId, month);
      const existing = await this.repository.statements(placementId, month);
      const latest = existing.at(-1);
      if (latest && !latest.provisional) throw new ConflictProblem(`The subsidy for ${month} was already reported.`, 'already-reported');
      if (latest && calculation.provisional) {
        throw new ConflictProblem(
          `The subsidy for ${month} was already reported with a provisional value; it can be corrected once the value is known.`,
          'already-reported',
        );
      }
      const correction = latest ? subsidyCorrection({ month, amountCents: latest.amountCents }, calculation) : null;
      const saved = await this.repository.insertStatement({
        organisationId: placement.organisationId,
        placementId,
        month,
        amountCents: calculation.amountCents,
        calculation: (correction ? { ...calculation, correction } : calculation) as never,
        reportedByUserId: actor?.userId ?? null,
        provisional: calculation.provisional,
        correctsStatementId: latest?.id ?? null,
        differenceCents: correction?.differenceCents ?? null,
      });
      const entry = {
        action: 'create' as const,
        resourceType: 'subsidy_statement',
        resourceId: saved.id,
        subjectParticipantId: placement.participantId,
        fields: correction ? ['amountCents', 'differenceCents'] : ['amountCents'],
      };
      if (actor) await this.audit.record(actor, entry);
      else await this.audit.recordSystem(placement.organisationId, entry);
      return [...existing, saved];
    });
    await this.parameters.noteProvisionalValues(placement.organisationId, calculation.parametersUsed);
    return fromStatements(statements);
  }

  async decide(actor: Actor, placementId: string, input: CreateSubsidyDecisionDto): Promise<SubsidyStatusDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const violations = subsidyDecisionViolations(input);
    if (violations.length) throw RuleViolationException.all(violations);
    const scheduled: SubsidyPayment[] = [];
    await this.transactions.run(async () => {
      const decision = await this.repository.insertDecision({
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
      if (input.status === 'granted') scheduled.push(...(await this.expectPayments(decision)));
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'subsidy_decision',
        resourceId: decision.id,
        subjectParticipantId: placement.participantId,
        fields: ['status'],
      });
    });
    for (const payment of scheduled) await this.scheduleOverdueCheck(payment);
    return this.status(actor, placementId);
  }

  async receive(actor: Actor, placementId: string, paymentId: string, receivedOn: string): Promise<SubsidyStatusDto> {
    await this.placements.findVisible(actor, placementId);
    if (!(await this.repository.markReceived(paymentId, placementId, receivedOn))) throw new NotFoundProblem('payment');
    return this.status(actor, placementId);
  }

  async status(actor: Actor, placementId: string): Promise<SubsidyStatusDto> {
    await this.placements.findVisible(actor, placementId);
    return this.statusOf(placementId);
  }

  /** Also used for the employer's view, which has its own access check. */
  async statusOf(placementId: string): Promise<SubsidyStatusDto> {
    const decision = await this.repository.latestDecision(placementId);
    const payments = decision ? await this.repository.payments(decision.id) : [];
    return {
      status: decision?.status ?? 'none',
      monthlyAmountCents: decision?.monthlyAmountCents ?? null,
      payments: payments.map((payment) => this.toPaymentDto(payment)),
      provisional: await this.provisionalNotice(placementId, decision !== null),
    };
  }

  /** "Voorlopig: ..." when this month's minimum wage is not known yet and the placement has a subsidy to show. */
  private async provisionalNotice(placementId: string, decided: boolean): Promise<ExplanationLine | null> {
    const context = await this.repository.subsidyContext(placementId);
    if (!context || !(decided || context.assessed)) return null;
    const parameters = await this.parameters.sourceFor(context.organisationId);
    const today = this.clock.now().toISOString().slice(0, 10);
    const wage = parameters.findValueOn('minimumWagePerHour', today);
    if (!wage) return null;
    await this.parameters.noteProvisionalValues(context.organisationId, [wage]);
    return provisionalNotes([wage])[0] ?? null;
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
    const payment = await this.repository.payment(job.paymentId);
    if (!payment || payment.receivedOn || payment.alertedAt) return 'skipped';
    if (!this.scheduler.isDue(job)) {
      await this.scheduleOverdueCheck(payment);
      return 'rescheduled';
    }
    const row = await this.repository.paymentAlertContext(payment.placementId);
    // The placement's coach, whatever their membership's status: the payment is theirs to chase.
    const coach = await this.memberships.recipient(row?.coach_membership_id);
    const mailId = await this.transactions.run(async () => {
      if (!(await this.repository.claimAlert(payment.id, this.clock.now()))) return undefined;
      await this.tasks.create({
        organisationId: payment.organisationId,
        assigneeMembershipId: row?.coach_membership_id ?? null,
        participantId: row?.participant_id ?? null,
        placementId: payment.placementId,
        kind: 'subsidy_payment_missing',
        title: `Wage-cost subsidy for ${payment.month} has not arrived`,
        dueOn: addDays(payment.dueOn, PAYMENT_GRACE_DAYS + 2),
        dedupeKey: `subsidy_payment_missing.${payment.id}`,
      });
      if (!row || !coach?.email) return undefined;
      return this.mail.record({
        organisationId: payment.organisationId,
        template: 'subsidy-payment-missing',
        locale: coach.locale,
        to: coach.email,
        context: { coach: coach.displayName, employer: row.employer, month: payment.month, dueOn: payment.dueOn, days: PAYMENT_GRACE_DAYS },
        dedupeKey: `subsidy-payment-missing.${payment.id}`,
        aboutParticipantId: row.participant_id,
      });
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
    const assessment = await this.repository.wageValueOn(placement.id, lastDayOfMonth(month));
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

  private async expectPayments(decision: SubsidyDecision): Promise<SubsidyPayment[]> {
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
    return this.repository.insertPayments(payments);
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

function fromStatements(statements: readonly SubsidyStatement[]): WageCostSubsidyDto {
  const latest = statements.at(-1)!;
  const calculation = latest.calculation as unknown as WageCostSubsidyResult & { wageValuePercent: number };
  const corrections = statements
    .map((statement) => (statement.calculation as { correction?: SubsidyCorrectionDto }).correction)
    .filter((correction): correction is SubsidyCorrectionDto => correction !== undefined);
  return { ...(calculation as unknown as WageCostSubsidyDto), provisional: latest.provisional, reported: true, corrections };
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
