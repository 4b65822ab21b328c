import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { MembershipsService } from '../identity/memberships.service.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import type { Placement } from '../placements/entities/placement.entity.js';
import { PlacementsService } from '../placements/placements.service.js';
import { localDate } from '../rules/calculations/working-days.js';
import { durableFrom as durableFromContractStart } from '../rules/calculations/dates.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { CheckinsRepository } from './checkins.repository.js';
import { CheckinsService } from './checkins.service.js';
import {
  type AftercareStatusDto,
  type CheckinDto,
  type ClosureDto,
  type ContactDto,
  type ContactReportRowDto,
  type MissedCheckinDto,
  type CheckinAppointmentDto,
  type PreparationDto,
  type ReassignmentDto,
  type RecordCheckinDto,
  type RenewalDto,
  type RhythmChangeDto,
  SEVERE_SIGNALS,
} from './dto/checkin.dto.js';
import type { CheckinPreparation, PlacementEvent, PlacementEventKind } from './entities/aftercare-records.entity.js';
import type { Checkin } from './entities/checkin.entity.js';
import type { PlacementRiskDto, RiskFollowUpDto } from './dto/risk.dto.js';
import { EarlyWarningService } from './early-warning.service.js';

/** How many earlier check-ins a signal must come back in to raise a risk flag. */
const REPEAT_WINDOW = 2;

/** Follow-ups that are a contact too, and with whom. */
const RISK_CONTACTS: Partial<Record<RiskFollowUpDto['action'], Pick<ContactDto, 'withParty' | 'topic'>>> = {
  called_participant: { withParty: 'participant' },
  contacted_employer: { withParty: 'employer' },
  renewal_talk_held: { withParty: 'both', topic: 'renewal_talk' },
};

/** The participant's next planned check-in, for their home page. */
export interface NextCheckin {
  id: string;
  dueOn: string;
  prepared: boolean;
  appointmentAt: Date | null;
  appointmentPlace: string | null;
}

@Injectable()
export class AftercareService {
  constructor(
    private readonly repository: CheckinsRepository,
    private readonly transactions: Transactions,
    private readonly checkins: CheckinsService,
    private readonly encryption: FieldEncryption,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly placements: PlacementsService,
    private readonly memberships: MembershipsService,
    private readonly parameters: RuleParametersService,
    private readonly earlyWarning: EarlyWarningService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, placementId: string): Promise<CheckinDto[]> {
    const rows = await this.repository.forPlacement(placementId);
    const prepared = await this.repository.preparedIds(rows.map((row) => row.id));
    const placement = await this.repository.placement(placementId);
    await this.audit.record(actor, {
      action: 'list',
      resourceType: 'checkin',
      resourceId: placementId,
      subjectParticipantId: placement.participantId,
    });
    return rows.filter((row) => row.status !== 'cancelled').map((row) => this.toDto(row, actor, prepared.has(row.id)));
  }

  async record(actor: Actor, checkinId: string, input: RecordCheckinDto): Promise<CheckinDto> {
    const { checkin, placement } = await this.transactions.run(async () => {
      const checkin = await this.lock(checkinId);
      if (checkin.status === 'done') throw new ConflictProblem('This check-in was already recorded.', 'already-recorded');
      if (checkin.status === 'cancelled') throw new RuleViolationException('status', 'this check-in was cancelled');
      if (checkin.firstAfterStart && input.workMatchesDescription === undefined) {
        throw new RuleViolationException('workMatchesDescription', 'the first check-in asks whether the work matches how it was described');
      }
      if (input.heldOn > this.today()) throw new RuleViolationException('heldOn', 'must not be in the future');
      Object.assign(checkin, {
        status: 'done',
        heldOn: input.heldOn,
        channel: input.channel,
        withWhom: input.withWhom,
        frame: { ...input.frame },
        lookBack: input.lookBack ?? null,
        lookAhead: input.lookAhead ?? null,
        actions: input.actions ?? [],
        lifeDomains: input.lifeDomains ?? {},
        signals: input.signals ?? [],
        agreementEvaluations: input.agreementEvaluations ?? [],
        workMatchesDescription: input.workMatchesDescription ?? null,
        notes: this.encryption.encrypt(input.notes ?? null),
        nextContactOn: input.nextContactOn ?? null,
        recordedByUserId: actor.userId,
      });
      Object.assign(checkin, await this.repository.writeRecord(checkin));
      const placement = await this.repository.placement(checkin.placementId);
      const contactAt = new Date(`${input.heldOn}T12:00:00Z`);
      await this.repository.insertContact({
        organisationId: checkin.organisationId,
        placementId: checkin.placementId,
        participantId: placement.participantId,
        coachMembershipId: actor.membershipId,
        checkinId: checkin.id,
        at: contactAt,
        channel: input.channel,
        withParty: input.withWhom,
        summary: null,
      });
      // Only what changed is written, as save() would, without reading the placement a second time.
      const changes: Partial<Pick<Placement, 'lastContactAt' | 'riskFlagReasons' | 'riskFlagRaisedAt'>> = {};
      if (!placement.lastContactAt || placement.lastContactAt < contactAt) changes.lastContactAt = placement.lastContactAt = contactAt;
      if (await this.evaluateRisk(placement, checkin)) {
        changes.riskFlagReasons = placement.riskFlagReasons;
        changes.riskFlagRaisedAt = placement.riskFlagRaisedAt;
      }
      if (Object.keys(changes).length > 0) await this.placements.updateAftercare(placement.id, changes);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'checkin',
        resourceId: checkin.id,
        subjectParticipantId: placement.participantId,
        fields: Object.keys(input),
      });
      return { checkin, placement };
    });
    if (placement.lastContactAt) await this.checkins.scheduleNoContact(placement.id, placement.lastContactAt);
    await this.earlyWarning.evaluatePlacement(placement.id);
    return this.toDto(checkin, actor, false);
  }

  /** A missed check-in is a fact with a reason, never a label on the person. */
  async markMissed(actor: Actor, checkinId: string, input: MissedCheckinDto): Promise<CheckinDto> {
    const checkin = await this.transactions.run(async () => {
      const checkin = await this.lock(checkinId);
      if (checkin.status !== 'planned')
        throw new RuleViolationException('status', `only a planned check-in can be missed (this one is ${checkin.status})`);
      checkin.status = 'missed';
      checkin.missedReason = input.reason;
      checkin.recordedByUserId = actor.userId;
      const saved = await this.repository.save(checkin);
      const placement = await this.repository.placement(checkin.placementId);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'checkin',
        resourceId: checkin.id,
        subjectParticipantId: placement.participantId,
        fields: ['status', 'missedReason'],
      });
      return saved;
    });
    await this.earlyWarning.evaluatePlacement(checkin.placementId);
    return this.toDto(checkin, actor, false);
  }

  /** The coach agrees a time and place for a planned check-in; the participant sees it on their home page. */
  async planAppointment(actor: Actor, checkinId: string, input: CheckinAppointmentDto): Promise<CheckinDto> {
    const checkin = await this.transactions.run(async () => {
      const checkin = await this.lock(checkinId);
      if (checkin.status !== 'planned')
        throw new RuleViolationException('startsAt', `only a planned check-in gets a time and place (this one is ${checkin.status})`);
      checkin.appointmentAt = new Date(input.startsAt);
      checkin.appointmentPlace = input.place;
      const saved = await this.repository.save(checkin);
      const placement = await this.repository.placement(checkin.placementId);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'checkin',
        resourceId: checkin.id,
        subjectParticipantId: placement.participantId,
        fields: ['appointmentAt', 'appointmentPlace'],
      });
      return saved;
    });
    return this.toDto(checkin, actor, false);
  }

  async prepare(actor: Actor, checkinId: string, input: PreparationDto): Promise<CheckinDto> {
    const checkin = await this.repository.findById(checkinId);
    if (!checkin) throw new NotFoundProblem('check-in');
    if (checkin.status !== 'planned') throw new RuleViolationException('checkinId', 'you can prepare for a check-in that is still to come');
    await this.repository.upsertPreparation({
      checkinId,
      organisationId: checkin.organisationId,
      howAreThings: input.howAreThings ?? null,
      trend: input.trend ?? null,
      hinderingDomains: input.hinderingDomains ?? [],
      helpingDomains: input.helpingDomains ?? [],
      firstStep: input.firstStep ?? null,
      helpWanted: input.helpWanted ?? null,
      submittedAt: this.clock.now(),
    });
    return this.toDto(checkin, actor, true);
  }

  async preparation(checkinId: string): Promise<CheckinPreparation> {
    const found = await this.repository.preparation(checkinId);
    if (!found) throw new NotFoundProblem('preparation');
    return found;
  }

  /** Check-ins and contacts of all of a participant's placements (coach's participant page); in the participant's access log. */
  async participantHistory(
    actor: Actor,
    participantId: string,
  ): Promise<{
    checkins: Array<{ id: string; placement_id: string; due_on: string; status: string; held_on: string | null }>;
    contacts: Array<{ at: Date; channel: string; with_party: string; checkin_id: string | null }>;
  }> {
    const checkins = await this.repository.forParticipant(participantId, actor.organisationId);
    const contacts = await this.repository.contactsForParticipant(participantId, actor.organisationId);
    await this.audit.record(actor, [
      { action: 'list', resourceType: 'checkin', subjectParticipantId: participantId },
      { action: 'list', resourceType: 'contact_log', subjectParticipantId: participantId },
    ]);
    return { checkins, contacts };
  }

  /** The coach's check-in page: the check-in with the participant's and employer's names; in the participant's access log. */
  async checkinHeader(
    actor: Actor,
    checkinId: string,
  ): Promise<{
    placement_id: string;
    due_on: string;
    status: string;
    first_after_start: boolean;
    participant: string;
    employer: string;
    appointment_at: Date | null;
    appointment_place: string | null;
  }> {
    const row = await this.repository.pageHeader(checkinId, actor.organisationId);
    if (!row) throw new NotFoundProblem('checkin');
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'checkin',
      resourceId: checkinId,
      subjectParticipantId: row.participant_id,
    });
    const { participant_id: _participantId, ...header } = row;
    return header;
  }

  /** What the participant prepared, for their coach's check-in page (null when nothing was prepared); the read is in the participant's access log. */
  async preparationForCoach(actor: Actor, checkinId: string): Promise<CheckinPreparation | null> {
    const row = await this.repository.pageHeader(checkinId, actor.organisationId);
    if (!row) throw new NotFoundProblem('checkin');
    const found = await this.repository.preparation(checkinId);
    if (found) {
      await this.audit.record(actor, {
        action: 'read',
        resourceType: 'checkin_preparation',
        resourceId: checkinId,
        subjectParticipantId: row.participant_id,
        fields: ['howAreThings', 'trend', 'hinderingDomains', 'helpingDomains', 'firstStep', 'helpWanted'],
      });
    }
    return found;
  }

  /** The participant's own next planned check-in. */
  async nextCheckin(participantId: string, organisationId: string): Promise<NextCheckin | undefined> {
    const row = await this.repository.nextPlannedForParticipant(participantId, organisationId);
    return row
      ? {
          id: row.id,
          dueOn: row.due_on,
          prepared: row.prepared,
          appointmentAt: row.appointment_at,
          appointmentPlace: row.appointment_place,
        }
      : undefined;
  }

  /** Due date and status of a check-in the participant prepares for. */
  async checkinDue(checkinId: string): Promise<{ due_on: string; status: string } | undefined> {
    return this.repository.dueOnAndStatus(checkinId);
  }

  async changeRhythm(actor: Actor, placementId: string, input: RhythmChangeDto): Promise<AftercareStatusDto> {
    await this.inAftercare(placementId, async (placement) => {
      await this.event(placement, 'rhythm_changed', actor, input.requestedBy, input.reason, {
        from: placement.monitoringFrequency,
        to: input.frequency,
      });
      placement.monitoringFrequency = input.frequency;
      await this.placements.saveAftercare(placement);
      await this.checkins.generate(placementId);
    });
    await this.checkins.reconcilePlacement(placementId);
    await this.earlyWarning.evaluatePlacement(placementId);
    return this.status(placementId);
  }

  async renew(actor: Actor, placementId: string, input: RenewalDto): Promise<AftercareStatusDto> {
    await this.inAftercare(placementId, async (placement) => {
      if (placement.aftercareEndOn && input.aftercareEndOn <= placement.aftercareEndOn) {
        throw new RuleViolationException('aftercareEndOn', `must be after the current end (${placement.aftercareEndOn})`);
      }
      await this.event(placement, 'aftercare_renewed', actor, 'coach', input.reason, {
        from: placement.aftercareEndOn,
        to: input.aftercareEndOn,
      });
      placement.aftercareEndOn = input.aftercareEndOn;
      await this.placements.saveAftercare(placement);
      await this.checkins.generate(placementId);
    });
    await this.checkins.reconcilePlacement(placementId);
    await this.earlyWarning.evaluatePlacement(placementId);
    return this.status(placementId);
  }

  /** Holiday or leaving: another coach takes over, with a reason that participant and employer can see. */
  async reassign(actor: Actor, placementId: string, input: ReassignmentDto): Promise<AftercareStatusDto> {
    await this.transactions.run(async () => {
      const placement = await this.lockPlacement(placementId);
      const coach = await this.repository.activeMember(input.coachMembershipId, placement.organisationId);
      if (!coach || !['jobcoach', 'team_lead'].includes(coach.role))
        throw new RuleViolationException('coachMembershipId', 'must be an active coach of your organisation');
      if (coach.id === placement.coachMembershipId)
        throw new RuleViolationException('coachMembershipId', 'is already the coach of this placement');
      await this.event(placement, 'coach_reassigned', actor, actor.role === 'team_lead' ? 'team_lead' : 'coach', input.reason, {
        from: placement.coachMembershipId,
        to: coach.id,
      });
      placement.coachMembershipId = coach.id;
      await this.placements.saveAftercare(placement);
      await this.repository.reassignPlanned(placementId, coach.id);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'placement',
        resourceId: placementId,
        subjectParticipantId: placement.participantId,
        fields: ['coachMembershipId'],
      });
    });
    return this.status(placementId);
  }

  async logContact(actor: Actor, placementId: string, input: ContactDto): Promise<{ id: string }> {
    const at = new Date(input.at);
    if (at.getTime() > this.clock.now().getTime()) throw new RuleViolationException('at', 'must not be in the future');
    const { id, placement } = await this.transactions.run(async () => {
      const placement = await this.lockPlacement(placementId);
      // A renewal talk is about the contract end date as it stands now; a later extension needs its own talk.
      if (input.topic === 'renewal_talk' && !placement.contractEnd)
        throw new RuleViolationException('topic', 'a renewal talk needs a contract with an end date');
      const id = await this.repository.insertContact({
        organisationId: placement.organisationId,
        placementId,
        participantId: placement.participantId,
        coachMembershipId: actor.membershipId,
        checkinId: null,
        at,
        channel: input.channel,
        withParty: input.withParty,
        summary: this.encryption.encrypt(input.summary ?? null),
        topic: input.topic ?? null,
        contractEndOn: input.topic === 'renewal_talk' ? placement.contractEnd : null,
      });
      if (!placement.lastContactAt || placement.lastContactAt < at) {
        placement.lastContactAt = at;
        await this.placements.saveAftercare(placement);
      }
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'contact_log',
        resourceId: id,
        subjectParticipantId: placement.participantId,
      });
      return { id, placement };
    });
    if (placement.lastContactAt) await this.checkins.scheduleNoContact(placement.id, placement.lastContactAt);
    await this.earlyWarning.evaluatePlacement(placementId);
    return { id };
  }

  /**
   * What the coach did about an early-warning risk. A call or a renewal talk
   * is also logged as a contact, after which the rules run again: a risk
   * whose condition ended closes by itself.
   */
  async followUpRisk(actor: Actor, placementId: string, riskId: string, input: RiskFollowUpDto): Promise<PlacementRiskDto> {
    const contact = RISK_CONTACTS[input.action];
    const followed = await this.earlyWarning.recordFollowUp(actor, placementId, riskId, input);
    if (!contact) return followed;
    await this.logContact(actor, placementId, {
      at: this.clock.now().toISOString(),
      channel: input.channel ?? 'phone',
      withParty: contact.withParty,
      topic: contact.topic,
    });
    // The contact may have ended the risk's condition: answer the risk as it stands now.
    return (await this.earlyWarning.forPlacement(actor, placementId)).find((risk) => risk.id === riskId) ?? followed;
  }

  async close(actor: Actor, placementId: string, input: ClosureDto): Promise<AftercareStatusDto> {
    if (input.kind === 'dropped_out' && !input.reasonCode) throw new RuleViolationException('reasonCode', 'is required for a drop-out');
    await this.transactions.run(async () => {
      const placement = await this.lockPlacement(placementId);
      if (['closed', 'dropped_out'].includes(placement.status))
        throw new ConflictProblem('This placement is already closed.', 'already-closed');
      const start = placement.contractStart ?? placement.trialStart;
      if (start && input.closedOn < start)
        throw new RuleViolationException('closedOn', `must not be before the placement started (${start})`);
      placement.status = input.kind === 'dropped_out' ? 'dropped_out' : 'closed';
      placement.closedOn = input.closedOn;
      placement.closureReason = input.reason;
      placement.dropoutReason = input.reasonCode ?? (input.kind === 'opted_out' ? 'participant_opted_out' : null);
      if (input.kind === 'opted_out') placement.participantOptedOutAt = this.clock.now();
      await this.placements.saveAftercare(placement);
      await this.repository.cancelPlanned(placementId);
      const kind: PlacementEventKind = input.kind === 'closed' ? 'closed' : input.kind === 'dropped_out' ? 'dropped_out' : 'opted_out';
      await this.event(placement, kind, actor, input.kind === 'opted_out' ? 'participant' : 'coach', input.reason, {
        reasonCode: input.reasonCode ?? null,
      });
      if (input.kind === 'dropped_out') {
        await this.tasks.create({
          organisationId: placement.organisationId,
          assigneeMembershipId: placement.coachMembershipId,
          participantId: placement.participantId,
          placementId,
          kind: 're_intake',
          title: 'Plan a re-intake: the placement ended in a drop-out',
          dueOn: input.closedOn,
          dedupeKey: `re_intake.${placementId}`,
        });
      }
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'placement',
        resourceId: placementId,
        subjectParticipantId: placement.participantId,
        fields: ['status', 'closedOn'],
      });
    });
    await this.earlyWarning.evaluatePlacement(placementId);
    return this.status(placementId);
  }

  async status(placementId: string): Promise<AftercareStatusDto> {
    const placement = await this.repository.placement(placementId);
    let durableFrom: string | null = null;
    if (placement.contractStart) {
      const parameters = await this.parameters.sourceFor(placement.organisationId);
      const months = parameters.findValueOn('durablePlacementMonths', placement.contractStart)?.value;
      if (months) durableFrom = durableFromContractStart(placement.contractStart, months);
    }
    const active =
      !['closed', 'dropped_out', 'no_match'].includes(placement.status) ||
      (placement.closedOn !== null && durableFrom !== null && placement.closedOn >= durableFrom);
    return {
      placementId,
      status: placement.status,
      aftercareEndOn: placement.aftercareEndOn,
      monitoringFrequency: placement.monitoringFrequency,
      riskFlagReasons: placement.riskFlagReasons,
      durable: active && durableFrom !== null && durableFrom <= this.today() && placement.type === 'paid_job',
      durableFrom,
    };
  }

  async contactReport(actor: Actor, from: string, to: string): Promise<ContactReportRowDto[]> {
    if (to < from) throw new RuleViolationException('to', 'must not be before from');
    const rows = await this.repository.contactReport(
      actor.organisationId,
      from,
      to,
      actor.role === 'team_lead' ? { teamId: actor.teamId ?? null, membershipId: actor.membershipId } : undefined,
    );
    const coaches = await this.memberships.recipients(rows.map((row) => row.coach_membership_id));
    const named = rows.map((row) => ({ ...row, coachName: coaches.get(row.coach_membership_id)?.displayName ?? '' }));
    // By month, then coach name, as the report always listed them.
    named.sort((a, b) => a.month.localeCompare(b.month) || a.coachName.localeCompare(b.coachName));
    const result = new Map<string, ContactReportRowDto>();
    for (const row of named) {
      const key = `${row.coach_membership_id}.${row.month}`;
      const entry = result.get(key) ?? {
        coachMembershipId: row.coach_membership_id,
        coachName: row.coachName,
        month: row.month,
        contacts: 0,
        byChannel: {},
      };
      entry.contacts += row.n;
      entry.byChannel[row.channel] = row.n;
      result.set(key, entry);
    }
    return [...result.values()];
  }

  /**
   * Severe signals flag at once; other signals when they come back within the
   * last check-ins. True when the placement's flags changed (the caller writes them).
   */
  private async evaluateRisk(placement: Placement, checkin: Checkin): Promise<boolean> {
    if (checkin.signals.length === 0) return false;
    const previous = await this.repository.previousSignals(placement.id, checkin.id, REPEAT_WINDOW);
    const reasons = new Set<string>();
    for (const signal of checkin.signals) {
      if (SEVERE_SIGNALS.includes(signal)) reasons.add(`${signal}: severe`);
      else if (previous.some((row) => row.signals.includes(signal))) reasons.add(`${signal}: repeated`);
    }
    if (reasons.size === 0) return false;
    placement.riskFlagReasons = [...new Set([...placement.riskFlagReasons, ...reasons])];
    placement.riskFlagRaisedAt ??= this.clock.now();
    await this.event(placement, 'risk_flag_raised', undefined, 'system', [...reasons].join('; '), { checkinId: checkin.id });
    return true;
  }

  private async inAftercare(placementId: string, work: (placement: Placement) => Promise<void>): Promise<void> {
    await this.transactions.run(async () => {
      const placement = await this.lockPlacement(placementId);
      if (placement.status !== 'aftercare')
        throw new RuleViolationException('placementId', 'the placement is not in aftercare (the handover completes it)');
      await work(placement);
    });
  }

  private async event(
    placement: Placement,
    kind: PlacementEventKind,
    actor: Actor | undefined,
    requestedBy: PlacementEvent['requestedBy'],
    reason: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.placements.recordEvent({
      organisationId: placement.organisationId,
      placementId: placement.id,
      kind,
      at: this.clock.now(),
      actorUserId: actor?.userId ?? null,
      requestedBy,
      reason,
      details: details as never,
    });
  }

  private async lock(checkinId: string): Promise<Checkin> {
    const checkin = await this.repository.lock(checkinId);
    if (!checkin) throw new NotFoundProblem('check-in');
    return checkin;
  }

  private async lockPlacement(placementId: string): Promise<Placement> {
    const placement = await this.repository.lockPlacement(placementId);
    if (!placement) throw new NotFoundProblem('placement');
    return placement;
  }

  private today(): string {
    return localDate(this.clock.now());
  }

  private toDto(checkin: Checkin, actor: Actor, prepared: boolean): CheckinDto {
    const staff = ['admin', 'team_lead', 'jobcoach'].includes(actor.role);
    return {
      id: checkin.id,
      placementId: checkin.placementId,
      dueOn: checkin.dueOn,
      status: checkin.status,
      firstAfterStart: checkin.firstAfterStart,
      appointmentAt: checkin.appointmentAt?.toISOString() ?? null,
      appointmentPlace: checkin.appointmentPlace ?? null,
      heldOn: checkin.heldOn,
      channel: checkin.channel,
      signals: staff ? checkin.signals : [],
      frame: staff ? checkin.frame : null,
      ...(staff ? { notes: this.encryption.decrypt(checkin.notes) } : {}),
      missedReason: checkin.missedReason,
      prepared,
    };
  }
}
