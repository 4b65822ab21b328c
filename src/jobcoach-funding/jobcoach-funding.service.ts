import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import type { Placement } from '../placements/entities/placement.entity.js';
import { PlacementsService } from '../placements/placements.service.js';
import { addDays, compareDates, monthOf, monthsBetween, periodLastDay } from '../rules/calculations/dates.js';
import { formatNumber } from '../rules/calculations/explain.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { type HandoverAgreementName, HandoverService } from '../aftercare/handover.service.js';
import { ProfilesService, type TrajectoryGoalName } from '../profiles/profiles.service.js';
import { EmployersService } from '../employers/employers.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type {
  CreateJobcoachGrantDto,
  JobcoachAgreementHoursDto,
  JobcoachDecisionDto,
  JobcoachGoalHoursDto,
  JobcoachGrantDto,
  JobcoachHoursDto,
  JobcoachHoursLinksDto,
  JobcoachLogbookDto,
  JobcoachReportDto,
  RegisterJobcoachHoursDto,
} from './dto/jobcoach.dto.js';
import type { JobcoachWarning } from './entities/jobcoach.entities.js';
import { type GrantRow, type HoursRow, JobcoachFundingRepository, type LinkRow } from './jobcoach-funding.repository.js';

/**
 * UWV jobcoach rules (Wet Wajong / Ziektewet, "jobcoach" voorziening), as
 * UWV applies them; procedural limits, kept together here.
 */
/** Contract types UWV is known to refuse jobcoaching for. */
const REFUSED_CONTRACT_TYPES = new Set(['zero_hours', 'on_call']);

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
    private readonly repository: JobcoachFundingRepository,
    private readonly transactions: Transactions,
    private readonly placements: PlacementsService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    private readonly parameters: RuleParametersService,
    private readonly profiles: ProfilesService,
    private readonly handovers: HandoverService,
    private readonly organisations: OrganisationsService,
    private readonly participants: ParticipantsService,
    private readonly employers: EmployersService,
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
    return this.transactions.run(async () => {
      // The placement row lock serialises requests, so two cannot both pass the overlap check.
      const placement = await this.placements.findVisible(actor, placementId, true);
      const rules = await this.rules(actor.organisationId, input.periodStart);
      const periodEnd = input.periodEnd ?? periodLastDay(input.periodStart, rules.grantPeriodMonths);
      await this.checkPeriod(placementId, input.periodStart, periodEnd, null, rules);
      const warnings = [...(await this.warningsFor(placement, rules)), ...(await this.logbookWarnings(placementId, input.periodStart))];
      const grantId = await this.repository.insertGrant({
        organisationId: actor.organisationId,
        placementId,
        requestedOn: input.requestedOn,
        periodStart: input.periodStart,
        periodEnd,
        warnings,
        requestedByUserId: actor.userId,
      });
      if (warnings.length > 0) {
        await this.tasks.create({
          organisationId: placement.organisationId,
          assigneeMembershipId: placement.coachMembershipId,
          participantId: placement.participantId,
          placementId,
          kind: 'jobcoach_contract_warning',
          title: warnings.every((warning) => warning.code === 'logbook_incomplete')
            ? 'UWV asks for a complete logbook: link the earlier hours to goals before the decision'
            : 'UWV may refuse the jobcoach request: check the contract before the decision',
          detail: warnings.map((warning) => warning.en).join('\n'),
          dueOn: addDays(input.requestedOn, 7),
          dedupeKey: `jobcoach_contract_warning.${grantId}`,
        });
      }
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'jobcoach_grant',
        resourceId: grantId,
        subjectParticipantId: placement.participantId,
        fields: ['status', 'periodStart', 'periodEnd'],
      });
      return toGrantDto(await this.grantRow(actor, placementId, grantId));
    });
  }

  async decide(actor: Actor, placementId: string, grantId: string, input: JobcoachDecisionDto): Promise<JobcoachGrantDto> {
    return this.transactions.run(async () => {
      const placement = await this.placements.findVisible(actor, placementId, true);
      const grant = await this.grantRow(actor, placementId, grantId, true);
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
          await this.checkPeriod(placementId, periodStart, periodEnd, grantId, rules);
        }
      } else if (!input.reason) {
        throw new RuleViolationException('reason', 'is required for a refusal');
      }
      await this.repository.decideGrant(grantId, {
        status: input.status,
        decidedOn: input.decidedOn,
        reason: input.reason ?? null,
        hoursGranted: input.status === 'granted' ? input.hoursGranted! : null,
        periodStart,
        periodEnd,
      });
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'jobcoach_grant',
        resourceId: grantId,
        subjectParticipantId: placement.participantId,
        fields: ['status', 'hoursGranted'],
      });
      return toGrantDto(await this.grantRow(actor, placementId, grantId));
    });
  }

  async list(actor: Actor, placementId: string): Promise<JobcoachGrantDto[]> {
    await this.placements.findVisible(actor, placementId);
    return (await this.repository.grantsOf(placementId, actor.organisationId)).map(toGrantDto);
  }

  /**
   * Registers hours under the grant's row lock, so concurrent registrations never add up to more than was granted.
   * Each registration names the goal(s) or handover agreement(s) it served: UWV pays only for hours with a reason.
   */
  async registerHours(actor: Actor, placementId: string, grantId: string, input: RegisterJobcoachHoursDto): Promise<JobcoachHoursDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const justification = input.justification.trim();
    if (justification.length < 10) throw new RuleViolationException('justification', 'must say what was done, in at least 10 characters');
    const { goalIds, agreementRefs } = requiredLinks(input);
    return this.transactions.run(async () => {
      const grant = await this.grantRow(actor, placementId, grantId, true);
      const names = await this.checkedLinks(actor.organisationId, placement, goalIds, agreementRefs);
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
      const row = await this.repository.insertHours({
        organisationId: actor.organisationId,
        grantId,
        workedOn: input.workedOn,
        hours: input.hours,
        justification,
        registeredByUserId: actor.userId,
      });
      await this.repository.insertLinks(actor.organisationId, row.id, goalIds, agreementRefs);
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'jobcoach_hours',
        resourceId: row.id,
        subjectParticipantId: placement.participantId,
        fields: ['hours', 'justification', ...(goalIds.length ? ['goalIds'] : []), ...(agreementRefs.length ? ['agreements'] : [])],
      });
      const links = await this.repository.linksOf([row.id], actor.organisationId);
      return toHoursDto(row, links, names);
    });
  }

  /**
   * Completes the logbook: links hours registered before the logbook existed to the goals or agreements they
   * served. Hours that are linked already keep their links (what was declared to UWV is not rewritten).
   */
  async linkHours(
    actor: Actor,
    placementId: string,
    grantId: string,
    hoursId: string,
    input: JobcoachHoursLinksDto,
  ): Promise<JobcoachHoursDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const { goalIds, agreementRefs } = requiredLinks(input);
    return this.transactions.run(async () => {
      await this.grantRow(actor, placementId, grantId, true);
      const row = await this.repository.hoursRowForUpdate(hoursId, grantId);
      if (!row) throw new NotFoundProblem('jobcoach hours');
      if ((await this.repository.linksOf([hoursId], actor.organisationId)).length > 0) {
        throw new ConflictProblem('These hours are already linked to goals or agreements; their links are not changed.', 'already-linked');
      }
      const names = await this.checkedLinks(actor.organisationId, placement, goalIds, agreementRefs);
      await this.repository.insertLinks(actor.organisationId, hoursId, goalIds, agreementRefs);
      await this.audit.record(actor, {
        action: 'link',
        resourceType: 'jobcoach_hours',
        resourceId: hoursId,
        subjectParticipantId: placement.participantId,
        fields: [...(goalIds.length ? ['goalIds'] : []), ...(agreementRefs.length ? ['agreements'] : [])],
      });
      return toHoursDto(row, await this.repository.linksOf([hoursId], actor.organisationId), names);
    });
  }

  /** Goals and agreements are read through their owners, who scope them to this participant and placement. */
  private async checkedLinks(
    organisationId: string,
    placement: Placement,
    goalIds: readonly string[],
    agreementRefs: ReadonlyArray<{ handoverId: string; item: string }>,
  ): Promise<LinkTargets> {
    const names = await this.namesFor(organisationId, placement);
    const unknownGoal = goalIds.find((id) => !names.goals.some((goal) => goal.id === id));
    if (unknownGoal) throw new RuleViolationException('goalIds', `must be goals of this participant (${unknownGoal} is not)`);
    const unknownAgreement = agreementRefs.find(
      (ref) => !names.agreements.some((agreement) => agreement.handoverId === ref.handoverId && agreement.item === ref.item),
    );
    if (unknownAgreement) {
      throw new RuleViolationException(
        'agreements',
        `must be agreements recorded at this placement's handover (${unknownAgreement.handoverId} ${unknownAgreement.item} is not)`,
      );
    }
    return names;
  }

  /** The participant's goals and the placement's handover agreements by name: what hours can be linked to. */
  async linkTargets(actor: Actor, placementId: string): Promise<LinkTargets> {
    const placement = await this.placements.findVisible(actor, placementId);
    return this.namesFor(actor.organisationId, placement);
  }

  async hours(actor: Actor, placementId: string, grantId: string): Promise<JobcoachHoursDto[]> {
    const placement = await this.placements.findVisible(actor, placementId);
    await this.grantRow(actor, placementId, grantId);
    return this.hoursOf(actor.organisationId, placement, grantId);
  }

  /**
   * The period report for UWV: whom it is about (the jobcoach organisation, the employer and the employee by name,
   * as UWV's form asks), hours per month with their justifications, hours per goal and per agreement, total against
   * granted. Built from these fields and the goals' and agreements' names only: nothing medical.
   */
  async report(actor: Actor, placementId: string, grantId: string, format: 'json' | 'csv' | 'pdf' = 'json'): Promise<JobcoachReportDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const grant = await this.grantRow(actor, placementId, grantId);
    const names = await this.namesFor(actor.organisationId, placement);
    const entries = await this.hoursOf(actor.organisationId, placement, grantId, names);
    const parties = await this.partiesOf(actor, placement);
    await this.audit.record(actor, {
      action: format === 'json' ? 'read' : 'export',
      resourceType: 'jobcoach_report',
      resourceId: grantId,
      subjectParticipantId: placement.participantId,
      fields: ['name', 'employer', 'hours', 'justification', 'goals', 'agreements', ...(format === 'json' ? [] : [`format:${format}`])],
    });
    const months = monthsBetween(monthOf(grant.period_start), monthOf(grant.period_end)).map((month) => {
      const inMonth = entries.filter((entry) => monthOf(entry.workedOn) === month);
      return {
        month,
        hours: sumHours(inMonth),
        entries: inMonth.map((entry) => ({
          workedOn: entry.workedOn,
          hours: entry.hours,
          justification: entry.justification,
          goals: entry.goals.map((goal) => goal.name),
          agreements: entry.agreements.map((agreement) => agreement.name),
        })),
      };
    });
    const goals: JobcoachGoalHoursDto[] = names.goals.map((goal) => ({
      goalId: goal.id,
      code: goal.code,
      name: goal.nl,
      hours: sumHours(entries.filter((entry) => entry.goals.some((linked) => linked.goalId === goal.id))),
    }));
    const agreements: JobcoachAgreementHoursDto[] = [];
    for (const entry of entries) {
      for (const agreement of entry.agreements) {
        if (!agreements.some((seen) => seen.handoverId === agreement.handoverId && seen.item === agreement.item)) {
          const served = entries.filter((other) =>
            other.agreements.some((linked) => linked.handoverId === agreement.handoverId && linked.item === agreement.item),
          );
          agreements.push({ ...agreement, hours: sumHours(served) });
        }
      }
    }
    const dto = toGrantDto(grant);
    return {
      grantId,
      ...parties,
      status: dto.status,
      periodStart: dto.periodStart,
      periodEnd: dto.periodEnd,
      hoursGranted: dto.hoursGranted,
      hoursUsed: dto.hoursUsed,
      hoursLeft: dto.hoursLeft,
      months,
      goals,
      agreements,
      hoursWithoutReason: sumHours(entries.filter((entry) => entry.goals.length === 0 && entry.agreements.length === 0)),
    };
  }

  /** The logbook a follow-up application needs: every hour of every grant of the placement, with what it served. */
  async logbook(actor: Actor, placementId: string, format: 'json' | 'csv' = 'json'): Promise<JobcoachLogbookDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const names = await this.namesFor(actor.organisationId, placement);
    const rows = await this.repository.hoursOfPlacement(placementId, actor.organisationId);
    const links = await this.repository.linksOf(
      rows.map((row) => row.id),
      actor.organisationId,
    );
    const entries = rows.map((row) => ({ ...toHoursDto(row, links, names), periodStart: row.period_start, periodEnd: row.period_end }));
    await this.audit.record(actor, {
      action: format === 'json' ? 'read' : 'export',
      resourceType: 'jobcoach_logbook',
      resourceId: placementId,
      subjectParticipantId: placement.participantId,
      fields: ['name', 'employer', 'hours', 'justification', 'goals', 'agreements', ...(format === 'json' ? [] : [`format:${format}`])],
    });
    const grants = (await this.repository.grantsOf(placementId, actor.organisationId)).map(toGrantDto);
    const starts = grants.map((grant) => grant.periodStart).sort();
    const ends = grants.map((grant) => grant.periodEnd).sort();
    return {
      placementId,
      // Whom and which periods the logbook is about, as the UWV period report says it (names only, nothing medical).
      ...(await this.partiesOf(actor, placement)),
      periodStart: starts[0] ?? null,
      periodEnd: ends.at(-1) ?? null,
      grants,
      entries,
      entriesWithoutReason: entries.filter((entry) => entry.goals.length === 0 && entry.agreements.length === 0).length,
    };
  }

  /** Whom the report is about, read through each name's owner: names only, never a date of birth or a BSN. */
  private async partiesOf(
    actor: Actor,
    placement: Placement,
  ): Promise<Pick<JobcoachReportDto, 'organisationName' | 'employerName' | 'participantName'>> {
    const [organisation, participant, employer] = await Promise.all([
      this.organisations.get(actor.organisationId),
      this.participants.findVisible(actor, placement.participantId),
      this.employers.get(placement.employerId),
    ]);
    return {
      organisationName: organisation.name,
      employerName: employer.name,
      participantName: `${participant.firstName} ${participant.lastName}`.trim(),
    };
  }

  private async namesFor(organisationId: string, placement: Placement): Promise<LinkTargets> {
    return {
      goals: await this.profiles.goalNames(organisationId, placement.participantId),
      agreements: await this.handovers.agreementsOfPlacement(placement.id, organisationId),
    };
  }

  private async hoursOf(organisationId: string, placement: Placement, grantId: string, names?: LinkTargets): Promise<JobcoachHoursDto[]> {
    const rows = await this.repository.hoursOf(grantId);
    const links = await this.repository.linksOf(
      rows.map((row) => row.id),
      organisationId,
    );
    const known = names ?? (await this.namesFor(organisationId, placement));
    return rows.map((row) => toHoursDto(row, links, known));
  }

  /**
   * UWV asks for the logbook before a follow-up grant: hours of earlier periods that are linked to no goal or
   * agreement are a warning (the request is recorded as sent; UWV decides), like the contract warnings.
   */
  private async logbookWarnings(placementId: string, periodStart: string): Promise<JobcoachWarning[]> {
    const unlinked = await this.repository.unlinkedHoursBefore(placementId, periodStart);
    if (unlinked.entries === 0) return [];
    const hours = fromHundredths(hundredths(unlinked.hours));
    const entries = unlinked.entries;
    return [
      {
        code: 'logbook_incomplete',
        nl: `In het logboek van de vorige periode staan ${formatNumber(hours, 'nl')} uur (${entries} keer) zonder doel of afspraak. UWV vraagt bij een vervolgaanvraag een logboek waarin elk uur aan een doel is gekoppeld.`,
        en: `The logbook of the previous period has ${formatNumber(hours, 'en')} hours (${entries} ${entries === 1 ? 'entry' : 'entries'}) linked to no goal or agreement. UWV asks for a logbook that links every hour to a goal before a follow-up grant.`,
      },
    ];
  }

  private async grantRow(actor: Actor, placementId: string, grantId: string, lock = false): Promise<GrantRow> {
    const row = await this.repository.grant(grantId, placementId, actor.organisationId, lock);
    if (!row) throw new NotFoundProblem('jobcoach grant');
    return row;
  }

  /** At most six months per grant; no overlap with another grant that is not refused; at most three years in all. */
  private async checkPeriod(
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
    const others = await this.repository.otherPeriods(placementId, exceptGrantId);
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

  private async warningsFor(placement: Placement, rules: JobcoachRules): Promise<JobcoachWarning[]> {
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
    const percentage = await this.placements.latestWageValuePercentage(placement.id);
    if (percentage !== null && percentage < rules.minWageValuePercent) {
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

/** The goals and agreements of a registration, without repeats; at least one is required. */
function requiredLinks(input: JobcoachHoursLinksDto): { goalIds: string[]; agreementRefs: Array<{ handoverId: string; item: string }> } {
  const goalIds = [...new Set(input.goalIds ?? [])];
  const agreementRefs = [...new Map((input.agreements ?? []).map((ref) => [`${ref.handoverId}/${ref.item}`, ref])).values()];
  if (goalIds.length === 0 && agreementRefs.length === 0) {
    throw new RuleViolationException(
      'goalIds',
      'choose at least one goal or agreement these hours served: UWV pays only for hours registered with a reason',
    );
  }
  return { goalIds, agreementRefs };
}

export interface LinkTargets {
  goals: TrajectoryGoalName[];
  agreements: HandoverAgreementName[];
}

function sumHours(entries: ReadonlyArray<{ hours: number }>): number {
  return fromHundredths(entries.reduce((sum, entry) => sum + hundredths(entry.hours), 0));
}

function toHoursDto(row: HoursRow, links: readonly LinkRow[], names: LinkTargets): JobcoachHoursDto {
  const own = links.filter((link) => link.hours_id === row.id);
  // In the order of the plan and of the checklist, whatever order they were ticked in.
  const goalRank = (id: string) => names.goals.findIndex((goal) => goal.id === id) >>> 0;
  const agreementRank = (link: LinkRow) =>
    names.agreements.findIndex((known) => known.handoverId === link.handover_meeting_id && known.item === link.agreement_item) >>> 0;
  return {
    id: row.id,
    grantId: row.grant_id,
    workedOn: row.worked_on,
    hours: Number(row.hours),
    justification: row.justification,
    goals: own
      .filter((link) => link.goal_id !== null)
      .sort((a, b) => goalRank(a.goal_id!) - goalRank(b.goal_id!))
      .map((link) => {
        const goal = names.goals.find((known) => known.id === link.goal_id);
        return { goalId: link.goal_id!, code: goal?.code ?? '', name: goal?.nl ?? '' };
      }),
    agreements: own
      .filter((link) => link.handover_meeting_id !== null)
      .sort((a, b) => agreementRank(a) - agreementRank(b))
      .map((link) => ({
        handoverId: link.handover_meeting_id!,
        item: link.agreement_item!,
        name: HandoverService.agreementName(link.agreement_item!),
      })),
  };
}
