import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { ConflictProblem, NotFoundProblem, ProblemException, RuleViolationException } from '../platform/http/problem.js';
import { type Page, type PageQueryDto, pageWindow } from '../platform/http/pagination/page.dto.js';
import type { Participant } from '../participants/entities/participant.entity.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { Transactions } from '../platform/database/transactions.js';
import { addDays, addMonths } from '../rules/calculations/dates.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { hasIllnessOrDisability, TRIAL_EXTENSION_RULE, trialExtensionRefusal } from '../rules/calculations/trial-placement.js';
import { SubsidyRepository } from './subsidy.repository.js';
import { TasksService } from '../tasks/tasks.service.js';
import type {
  ContractDto,
  CreatePlacementDto,
  OutflowDto,
  PlacementDto,
  PlacementWarningDto,
  StartPlacementDto,
  TrialExtensionDto,
  TrialOutcomeDto,
} from './dto/placement.dto.js';
import type { PlacementEvent } from '../aftercare/entities/aftercare-records.entity.js';
import type { Placement } from './entities/placement.entity.js';
import { PlacementsRepository } from './placements.repository.js';

/** What the demo data records of a placement that has come through trial, contract and handover. */
export type DemoPlacement = Pick<
  Placement,
  | 'organisationId'
  | 'participantId'
  | 'employerId'
  | 'coachMembershipId'
  | 'type'
  | 'status'
  | 'trialStart'
  | 'trialPlannedEnd'
  | 'trialOutcome'
  | 'contractStart'
  | 'contractType'
  | 'hoursPerWeek'
  | 'grossHourlyWage'
  | 'contractEnd'
  | 'employerContactName'
  | 'employerContactEmail'
  | 'aftercareEndOn'
  | 'monitoringFrequency'
  | 'lastContactAt'
>;

/** Benefits that are offset against earnings, so more hours can mean no more income (WGA 80-100 and the like). */
const OFFSET_BENEFITS = new Set(['wga', 'wga_80_100', 'participatiewet', 'bijstand', 'ww', 'ziektewet']);

@Injectable()
export class PlacementsService {
  constructor(
    private readonly repository: PlacementsRepository,
    private readonly transactions: Transactions,
    private readonly participants: ParticipantsService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    private readonly parameters: RuleParametersService,
    private readonly subsidyRepository: SubsidyRepository,
  ) {}

  async create(actor: Actor, input: CreatePlacementDto): Promise<PlacementDto> {
    return this.transactions.run(async () => {
      const participant = await this.visibleParticipant(actor, input.participantId);
      if (!(await this.repository.foreignEmployerExists(input.employerId, actor.organisationId)))
        throw new RuleViolationException('employerId', 'must be an employer of your organisation');
      if (input.matchId) await this.assertMatch(actor, input);
      const trial = input.trialStart
        ? await this.trialDates(
            actor.organisationId,
            input.participantId,
            input.trialStart,
            input.trialPlannedEnd,
            input.trialExtensionReason,
            input.uwvDecisionOn,
          )
        : undefined;
      if (!input.trialStart && (input.trialPlannedEnd || input.trialExtensionReason)) {
        throw new RuleViolationException('trialStart', 'is required when the trial placement has other dates');
      }
      const saved = await this.repository.save({
        organisationId: actor.organisationId,
        participantId: participant.id,
        employerId: input.employerId,
        vacancyId: input.vacancyId ?? null,
        matchId: input.matchId ?? null,
        coachMembershipId: participant.coachMembershipId,
        type: input.type,
        status: trial ? 'trial' : 'contract',
        employerContactName: input.employerContactName ?? null,
        employerContactEmail: input.employerContactEmail?.toLowerCase() ?? null,
        employerContactPhone: input.employerContactPhone ?? null,
        trialStart: input.trialStart ?? null,
        trialPlannedEnd: trial?.plannedEnd ?? null,
        trialExtensionReason: input.trialExtensionReason ?? null,
        letterOfIntentOn: input.letterOfIntentOn ?? null,
        uwvDecisionOn: input.uwvDecisionOn ?? null,
      });
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'placement',
        resourceId: saved.id,
        subjectParticipantId: participant.id,
        fields: ['type', 'employerId', 'trialStart'],
      });
      return this.toDto(saved, []);
    });
  }

  /**
   * A placement started as the coach chose: a trial placement, or a direct
   * contract recorded with the placement in the same transaction (so a
   * refused contract leaves no placement behind).
   */
  async start(actor: Actor, input: StartPlacementDto): Promise<PlacementDto> {
    const { start, contractStart, contractType, hoursPerWeek, grossHourlyWage, wageScale, contractEnd, ...placement } = input;
    return this.transactions.run(async () => {
      if (start === 'trial') return this.create(actor, placement);
      const created = await this.create(actor, {
        ...placement,
        trialStart: undefined,
        trialPlannedEnd: undefined,
        trialExtensionReason: undefined,
        letterOfIntentOn: undefined,
        uwvDecisionOn: undefined,
      });
      return this.setContract(actor, created.id, {
        contractStart: contractStart!,
        contractType: contractType!,
        hoursPerWeek: hoursPerWeek!,
        grossHourlyWage,
        wageScale,
        contractEnd,
      });
    });
  }

  /**
   * For the demo data only: a placement as it stands after its history (trial,
   * contract, handover), written at once without the tasks, mails and audit
   * entries that history would have made. Joins the open transaction; returns its id.
   */
  async seedDemoPlacement(values: DemoPlacement): Promise<string> {
    return (await this.repository.save(values)).id;
  }

  /** Which of these participants already work for which of these employers, as "participantId:employerId" keys. */
  async workingAt(actor: Actor, participantIds: string[], employerIds: string[]): Promise<Set<string>> {
    const rows = await this.repository.runningPairs(actor.organisationId, [...new Set(participantIds)], [...new Set(employerIds)]);
    return new Set(rows.map((row) => `${row.participant_id}:${row.employer_id}`));
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<PlacementDto>> {
    const { page, pageSize, skip } = pageWindow(query);
    const scope = this.policies.participantScope(actor, 'p');
    const [rows, total] = await this.repository.pageVisible(scope, skip, pageSize);
    return { items: rows.map((row) => this.toDto(row, [])), page, pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<PlacementDto> {
    const placement = await this.findVisible(actor, id);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'placement',
      resourceId: id,
      subjectParticipantId: placement.participantId,
    });
    return this.toDto(placement, []);
  }

  async extendTrial(actor: Actor, id: string, input: TrialExtensionDto): Promise<PlacementDto> {
    return this.change(actor, id, ['trialPlannedEnd', 'trialExtensionReason'], async (placement) => {
      if (placement.status !== 'trial' || !placement.trialStart)
        throw new RuleViolationException('trialPlannedEnd', 'only a running trial placement can be extended');
      const dates = await this.trialDates(
        placement.organisationId,
        placement.participantId,
        placement.trialStart,
        input.trialPlannedEnd,
        input.reason,
        placement.uwvDecisionOn ?? undefined,
      );
      return { trialPlannedEnd: dates.plannedEnd, trialExtensionReason: input.reason };
    });
  }

  async recordTrialOutcome(actor: Actor, id: string, input: TrialOutcomeDto): Promise<PlacementDto> {
    return this.change(actor, id, ['trialOutcome', 'trialEvaluation'], async (placement) => {
      if (!placement.trialStart) throw new RuleViolationException('outcome', 'this placement has no trial placement');
      if (placement.trialOutcome) throw new ConflictProblem('The outcome of this trial placement was already recorded.');
      return {
        trialOutcome: input.outcome,
        trialEvaluation: input.evaluation,
        status: input.outcome === 'no_match' ? 'no_match' : placement.status,
      };
    });
  }

  async setContract(actor: Actor, id: string, input: ContractDto): Promise<PlacementDto> {
    const warnings: PlacementWarningDto[] = [];
    const dto = await this.change(
      actor,
      id,
      ['contractStart', 'contractType', 'hoursPerWeek', 'grossHourlyWage', 'contractEnd'],
      async (placement) => {
        if (placement.trialOutcome === 'no_match') {
          throw new RuleViolationException('contractStart', 'the trial placement ended without a match; there can be no contract after it');
        }
        if (placement.trialStart && input.contractStart < placement.trialStart) {
          throw new RuleViolationException(
            'contractStart',
            `must not be before the start of the trial placement (${placement.trialStart})`,
          );
        }
        if (input.contractEnd && input.contractEnd < input.contractStart)
          throw new RuleViolationException('contractEnd', 'must not be before contractStart');
        if (input.contractType === 'fixed_term' && !input.contractEnd)
          throw new RuleViolationException('contractEnd', 'is required for a fixed-term contract');
        const hoursChanged = placement.hoursPerWeek === null || Number(placement.hoursPerWeek) !== input.hoursPerWeek;
        if (hoursChanged) warnings.push(...(await this.hoursFollowUp(placement, input.hoursPerWeek)));
        return {
          contractStart: input.contractStart,
          contractType: input.contractType,
          hoursPerWeek: String(input.hoursPerWeek),
          grossHourlyWage: input.grossHourlyWage === undefined ? placement.grossHourlyWage : String(input.grossHourlyWage),
          wageScale: input.wageScale ?? placement.wageScale,
          contractEnd: input.contractEnd ?? null,
          status: placement.status === 'trial' || placement.status === 'contract' ? 'contract' : placement.status,
          trialOutcome: placement.trialStart && !placement.trialOutcome ? 'match' : placement.trialOutcome,
        };
      },
    );
    return { ...dto, warnings };
  }

  async recordOutflow(actor: Actor, id: string, input: OutflowDto): Promise<PlacementDto> {
    return this.change(actor, id, ['outflowOn', 'outflowTo', 'fundingEndOn'], async (placement) => {
      const start = placement.contractStart ?? placement.trialStart;
      if (start && input.outflowOn < start)
        throw new RuleViolationException('outflowOn', `must not be before the placement started (${start})`);
      if (input.fundingEndOn && input.fundingEndOn < input.outflowOn)
        throw new RuleViolationException('fundingEndOn', 'must not be before outflowOn');
      return { outflowOn: input.outflowOn, outflowTo: input.outflowTo, fundingEndOn: input.fundingEndOn ?? placement.fundingEndOn };
    });
  }

  /** A placement the actor may see; `lock` takes its row lock, so call it inside `Transactions.run` then. */
  /** A placement for work the system does on its own (jobs), where no person's access applies. */
  async forSystem(id: string): Promise<Placement | null> {
    return this.repository.byId(id);
  }

  async findVisible(actor: Actor, id: string, lock = false): Promise<Placement> {
    const placement = await this.repository.findVisible(id, this.policies.participantScope(actor, 'p'), lock);
    if (!placement) throw new NotFoundProblem('placement');
    return placement;
  }

  /** The newest assessed wage value of a placement, in percent; for the jobcoach conditions. */
  /** The completed handover starts the aftercare: its end date and check-in rhythm. */
  startAftercare(placementId: string, changes: Pick<Placement, 'aftercareEndOn' | 'monitoringFrequency'>): Promise<void> {
    return this.repository.update(placementId, { status: 'aftercare', ...changes });
  }

  /** Aftercare's changes to a placement it holds (rhythm, end, coach, contact, risk and closure fields). */
  async saveAftercare(placement: Placement): Promise<void> {
    await this.repository.save(placement);
  }

  /** Only the changed aftercare fields, without reading the placement again. */
  updateAftercare(placementId: string, changes: Partial<Placement>): Promise<void> {
    return this.repository.update(placementId, changes);
  }

  /** The placement's history: rhythm changes, renewals, reassignments, closure. */
  recordEvent(event: Partial<PlacementEvent>): Promise<void> {
    return this.repository.insertEvent(event);
  }

  latestWageValuePercentage(placementId: string): Promise<number | null> {
    return this.repository.latestWageValuePercentage(placementId);
  }

  toDto(placement: Placement, warnings: PlacementWarningDto[]): PlacementDto {
    return {
      id: placement.id,
      participantId: placement.participantId,
      employerId: placement.employerId,
      coachMembershipId: placement.coachMembershipId,
      type: placement.type,
      status: placement.status,
      employerContactName: placement.employerContactName,
      trialStart: placement.trialStart,
      trialPlannedEnd: placement.trialPlannedEnd,
      trialExtensionReason: placement.trialExtensionReason,
      trialOutcome: placement.trialOutcome,
      contractStart: placement.contractStart,
      contractType: placement.contractType,
      hoursPerWeek: placement.hoursPerWeek === null ? null : Number(placement.hoursPerWeek),
      grossHourlyWage: placement.grossHourlyWage === null ? null : Number(placement.grossHourlyWage),
      contractEnd: placement.contractEnd,
      outflowOn: placement.outflowOn,
      outflowTo: placement.outflowTo,
      fundingEndOn: placement.fundingEndOn,
      version: placement.version,
      warnings,
    };
  }

  private async change(
    actor: Actor,
    id: string,
    fields: string[],
    apply: (placement: Placement) => Promise<Partial<Placement>>,
  ): Promise<PlacementDto> {
    return this.transactions.run(async () => {
      const placement = await this.findVisible(actor, id, true);
      const changes = await apply(placement);
      const saved = await this.repository.save({ ...placement, ...changes });
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'placement',
        resourceId: id,
        subjectParticipantId: placement.participantId,
        fields,
      });
      return this.toDto(saved, []);
    });
  }

  /** The trial's planned end: two months by default, up to six with a reason (dated parameters), never before UWV's decision. */
  private async trialDates(
    organisationId: string,
    participantId: string,
    start: string,
    plannedEnd: string | undefined,
    reason: string | undefined,
    uwvDecisionOn: string | undefined,
  ): Promise<{ plannedEnd: string }> {
    const parameters = await this.parameters.sourceFor(organisationId);
    const normalMonths = parameters.valueOn('trialPlacementNormalMonths', start).value;
    const maxMonths = parameters.valueOn('trialPlacementMaxMonths', start).value;
    if (uwvDecisionOn && start < uwvDecisionOn) {
      throw new RuleViolationException('trialStart', `the trial placement may not start before UWV's decision (${uwvDecisionOn})`);
    }
    const normalEnd = addDays(addMonths(start, normalMonths), -1);
    const maxEnd = addDays(addMonths(start, maxMonths), -1);
    const end = plannedEnd ?? normalEnd;
    if (end < start) throw new RuleViolationException('trialPlannedEnd', 'must not be before trialStart');
    if (end > maxEnd)
      throw new RuleViolationException('trialPlannedEnd', `a trial placement lasts at most ${maxMonths} months in total (until ${maxEnd})`);
    if (end > normalEnd && !reason) {
      throw new RuleViolationException('trialExtensionReason', `is required for a trial placement longer than ${normalMonths} months`);
    }
    if (end > normalEnd && !hasIllnessOrDisability(await this.subsidyRepository.trialTargetGroupFacts(participantId))) {
      const refusal = trialExtensionRefusal(normalMonths);
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'rule-violation',
        `${refusal.en} (rule: ${TRIAL_EXTENSION_RULE})`,
        [{ name: 'trialPlannedEnd', reason: refusal.en }],
        { rule: TRIAL_EXTENSION_RULE },
      );
    }
    return { plannedEnd: end };
  }

  /** New contract hours: warn above the assessed capacity, and have the coach talk about the effect on the benefit. */
  private async hoursFollowUp(placement: Placement, hoursPerWeek: number): Promise<PlacementWarningDto[]> {
    const warnings: PlacementWarningDto[] = [];
    const assessed = await this.repository.foreignAssessedHoursPerWeek(placement.participantId);
    const today = this.clock.now().toISOString().slice(0, 10);
    if (assessed !== null && hoursPerWeek > assessed) {
      warnings.push({
        code: 'hours_above_capacity',
        nl: `De contracturen (${hoursPerWeek}) zijn meer dan de vastgestelde belastbaarheid (${assessed} uur per week).`,
        en: `The contract hours (${hoursPerWeek}) exceed the assessed capacity (${assessed} hours a week).`,
      });
      await this.tasks.create({
        organisationId: placement.organisationId,
        assigneeMembershipId: placement.coachMembershipId,
        participantId: placement.participantId,
        placementId: placement.id,
        kind: 'hours_above_capacity',
        title: `Contract hours ${hoursPerWeek} exceed the assessed capacity of ${assessed} hours`,
        dueOn: addDays(today, 7),
        dedupeKey: `hours_above_capacity.${placement.id}.${hoursPerWeek}`,
      });
    }
    const benefitType = await this.repository.foreignBenefitType(placement.participantId);
    const offset = benefitType && OFFSET_BENEFITS.has(benefitType.toLowerCase());
    await this.tasks.create({
      organisationId: placement.organisationId,
      assigneeMembershipId: placement.coachMembershipId,
      participantId: placement.participantId,
      placementId: placement.id,
      kind: 'discuss_benefit_effect',
      title: `Discuss what ${hoursPerWeek} hours a week mean for the participant's income and benefit`,
      detail: offset ? 'Earnings are offset against this benefit: more hours may not mean more income.' : null,
      dueOn: addDays(today, 7),
      dedupeKey: `discuss_benefit_effect.${placement.id}.${hoursPerWeek}`,
    });
    return warnings;
  }

  private async visibleParticipant(actor: Actor, participantId: string): Promise<Participant> {
    try {
      return await this.participants.findVisible(actor, participantId);
    } catch (error) {
      if (error instanceof NotFoundProblem) throw new RuleViolationException('participantId', 'must be a participant you guide');
      throw error;
    }
  }

  private async assertMatch(actor: Actor, input: CreatePlacementDto): Promise<void> {
    const match = await this.repository.foreignMatch(input.matchId!, actor.organisationId);
    if (!match) throw new RuleViolationException('matchId', 'must be a match of your organisation');
    if (match.participant_id !== input.participantId || match.employer_id !== input.employerId) {
      throw new RuleViolationException('matchId', 'belongs to another participant or employer');
    }
    if (!['trial_placement_agreed', 'contract_agreed'].includes(match.status)) {
      throw new RuleViolationException('matchId', `the match must be agreed first (it is ${match.status})`);
    }
  }
}
