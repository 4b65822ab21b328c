import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { Membership } from '../identity/entities/membership.entity.js';
import { Placement } from '../placements/entities/placement.entity.js';
import { localDate } from '../rules/calculations/working-days.js';
import { durableFrom as durableFromContractStart } from '../rules/calculations/dates.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { CheckinsService } from './checkins.service.js';
import {
  type AftercareStatusDto,
  type CheckinDto,
  type ClosureDto,
  type ContactDto,
  type ContactReportRowDto,
  type MissedCheckinDto,
  type PreparationDto,
  type ReassignmentDto,
  type RecordCheckinDto,
  type RenewalDto,
  type RhythmChangeDto,
  SEVERE_SIGNALS,
} from './dto/checkin.dto.js';
import { CheckinPreparation, ContactLog, PlacementEvent, type PlacementEventKind } from './entities/aftercare-records.entity.js';
import { Checkin } from './entities/checkin.entity.js';

/** How many earlier check-ins a signal must come back in to raise a risk flag. */
const REPEAT_WINDOW = 2;

@Injectable()
export class AftercareService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkins: CheckinsService,
    private readonly encryption: FieldEncryption,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly parameters: RuleParametersService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, placementId: string): Promise<CheckinDto[]> {
    const rows = await this.dataSource.getRepository(Checkin).find({ where: { placementId }, order: { dueOn: 'ASC' } });
    const prepared = await this.preparedIds(rows.map((row) => row.id));
    const placement = await this.dataSource.getRepository(Placement).findOneByOrFail({ id: placementId });
    await this.audit.record(actor, {
      action: 'list',
      resourceType: 'checkin',
      resourceId: placementId,
      subjectParticipantId: placement.participantId,
    });
    return rows.filter((row) => row.status !== 'cancelled').map((row) => this.toDto(row, actor, prepared.has(row.id)));
  }

  async record(actor: Actor, checkinId: string, input: RecordCheckinDto): Promise<CheckinDto> {
    const { checkin, placement } = await this.dataSource.transaction(async (manager) => {
      const checkin = await this.lock(checkinId, manager);
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
      // One UPDATE of the row locked above; save() would read it again first to find what changed.
      const [[written]] = await manager.query(
        `UPDATE checkin SET status = $2, held_on = $3, channel = $4, with_whom = $5, frame = $6, look_back = $7, look_ahead = $8,
                actions = $9, life_domains = $10, signals = $11, agreement_evaluations = $12, work_matches_description = $13,
                notes = $14, next_contact_on = $15, recorded_by_user_id = $16, version = version + 1, updated_at = CURRENT_TIMESTAMP
          WHERE id = $1 RETURNING version, updated_at`,
        [
          checkin.id,
          checkin.status,
          checkin.heldOn,
          checkin.channel,
          checkin.withWhom,
          JSON.stringify(checkin.frame),
          checkin.lookBack,
          checkin.lookAhead,
          JSON.stringify(checkin.actions),
          JSON.stringify(checkin.lifeDomains),
          checkin.signals,
          JSON.stringify(checkin.agreementEvaluations),
          checkin.workMatchesDescription,
          checkin.notes,
          checkin.nextContactOn,
          checkin.recordedByUserId,
        ],
      );
      Object.assign(checkin, { version: written.version, updatedAt: written.updated_at });
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: checkin.placementId });
      const contactAt = new Date(`${input.heldOn}T12:00:00Z`);
      await manager.getRepository(ContactLog).insert({
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
      if (await this.evaluateRisk(placement, checkin, manager)) {
        changes.riskFlagReasons = placement.riskFlagReasons;
        changes.riskFlagRaisedAt = placement.riskFlagRaisedAt;
      }
      if (Object.keys(changes).length > 0) await manager.getRepository(Placement).update({ id: placement.id }, changes);
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'checkin',
          resourceId: checkin.id,
          subjectParticipantId: placement.participantId,
          fields: Object.keys(input),
        },
        manager,
      );
      return { checkin, placement };
    });
    if (placement.lastContactAt) await this.checkins.scheduleNoContact(placement.id, placement.lastContactAt);
    return this.toDto(checkin, actor, false);
  }

  /** A missed check-in is a fact with a reason, never a label on the person. */
  async markMissed(actor: Actor, checkinId: string, input: MissedCheckinDto): Promise<CheckinDto> {
    const checkin = await this.dataSource.transaction(async (manager) => {
      const checkin = await this.lock(checkinId, manager);
      if (checkin.status !== 'planned')
        throw new RuleViolationException('status', `only a planned check-in can be missed (this one is ${checkin.status})`);
      checkin.status = 'missed';
      checkin.missedReason = input.reason;
      checkin.recordedByUserId = actor.userId;
      const saved = await manager.getRepository(Checkin).save(checkin);
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: checkin.placementId });
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'checkin',
          resourceId: checkin.id,
          subjectParticipantId: placement.participantId,
          fields: ['status', 'missedReason'],
        },
        manager,
      );
      return saved;
    });
    return this.toDto(checkin, actor, false);
  }

  async prepare(actor: Actor, checkinId: string, input: PreparationDto): Promise<CheckinDto> {
    const checkin = await this.dataSource.getRepository(Checkin).findOneByOrFail({ id: checkinId });
    if (checkin.status !== 'planned') throw new RuleViolationException('checkinId', 'you can prepare for a check-in that is still to come');
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CheckinPreparation)
      .values({
        checkinId,
        organisationId: checkin.organisationId,
        howAreThings: input.howAreThings ?? null,
        trend: input.trend ?? null,
        hinderingDomains: input.hinderingDomains ?? [],
        helpingDomains: input.helpingDomains ?? [],
        firstStep: input.firstStep ?? null,
        helpWanted: input.helpWanted ?? null,
        submittedAt: this.clock.now(),
      })
      .orUpdate(
        ['how_are_things', 'trend', 'hindering_domains', 'helping_domains', 'first_step', 'help_wanted', 'submitted_at'],
        ['checkin_id'],
      )
      .execute();
    return this.toDto(checkin, actor, true);
  }

  async preparation(checkinId: string): Promise<CheckinPreparation> {
    const found = await this.dataSource.getRepository(CheckinPreparation).findOneBy({ checkinId });
    if (!found) throw new NotFoundProblem('preparation');
    return found;
  }

  async changeRhythm(actor: Actor, placementId: string, input: RhythmChangeDto): Promise<AftercareStatusDto> {
    await this.inAftercare(placementId, async (placement, manager) => {
      await this.event(manager, placement, 'rhythm_changed', actor, input.requestedBy, input.reason, {
        from: placement.monitoringFrequency,
        to: input.frequency,
      });
      placement.monitoringFrequency = input.frequency;
      await manager.getRepository(Placement).save(placement);
      await this.checkins.generate(placementId, manager);
    });
    await this.checkins.reconcilePlacement(placementId);
    return this.status(placementId);
  }

  async renew(actor: Actor, placementId: string, input: RenewalDto): Promise<AftercareStatusDto> {
    await this.inAftercare(placementId, async (placement, manager) => {
      if (placement.aftercareEndOn && input.aftercareEndOn <= placement.aftercareEndOn) {
        throw new RuleViolationException('aftercareEndOn', `must be after the current end (${placement.aftercareEndOn})`);
      }
      await this.event(manager, placement, 'aftercare_renewed', actor, 'coach', input.reason, {
        from: placement.aftercareEndOn,
        to: input.aftercareEndOn,
      });
      placement.aftercareEndOn = input.aftercareEndOn;
      await manager.getRepository(Placement).save(placement);
      await this.checkins.generate(placementId, manager);
    });
    await this.checkins.reconcilePlacement(placementId);
    return this.status(placementId);
  }

  /** Holiday or leaving: another coach takes over, with a reason that participant and employer can see. */
  async reassign(actor: Actor, placementId: string, input: ReassignmentDto): Promise<AftercareStatusDto> {
    await this.dataSource.transaction(async (manager) => {
      const placement = await this.lockPlacement(placementId, manager);
      const coach = await manager
        .getRepository(Membership)
        .findOneBy({ id: input.coachMembershipId, organisationId: placement.organisationId, status: 'active' });
      if (!coach || !['jobcoach', 'team_lead'].includes(coach.role))
        throw new RuleViolationException('coachMembershipId', 'must be an active coach of your organisation');
      if (coach.id === placement.coachMembershipId)
        throw new RuleViolationException('coachMembershipId', 'is already the coach of this placement');
      await this.event(manager, placement, 'coach_reassigned', actor, actor.role === 'team_lead' ? 'team_lead' : 'coach', input.reason, {
        from: placement.coachMembershipId,
        to: coach.id,
      });
      placement.coachMembershipId = coach.id;
      await manager.getRepository(Placement).save(placement);
      await manager.query("UPDATE checkin SET coach_membership_id = $2 WHERE placement_id = $1 AND status = 'planned'", [
        placementId,
        coach.id,
      ]);
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'placement',
          resourceId: placementId,
          subjectParticipantId: placement.participantId,
          fields: ['coachMembershipId'],
        },
        manager,
      );
    });
    return this.status(placementId);
  }

  async logContact(actor: Actor, placementId: string, input: ContactDto): Promise<{ id: string }> {
    const at = new Date(input.at);
    if (at.getTime() > this.clock.now().getTime()) throw new RuleViolationException('at', 'must not be in the future');
    const { id, placement } = await this.dataSource.transaction(async (manager) => {
      const placement = await this.lockPlacement(placementId, manager);
      const saved = await manager.getRepository(ContactLog).save({
        organisationId: placement.organisationId,
        placementId,
        participantId: placement.participantId,
        coachMembershipId: actor.membershipId,
        checkinId: null,
        at,
        channel: input.channel,
        withParty: input.withParty,
        summary: this.encryption.encrypt(input.summary ?? null),
      });
      if (!placement.lastContactAt || placement.lastContactAt < at) {
        placement.lastContactAt = at;
        await manager.getRepository(Placement).save(placement);
      }
      await this.audit.record(
        actor,
        { action: 'create', resourceType: 'contact_log', resourceId: saved.id, subjectParticipantId: placement.participantId },
        manager,
      );
      return { id: saved.id, placement };
    });
    if (placement.lastContactAt) await this.checkins.scheduleNoContact(placement.id, placement.lastContactAt);
    return { id };
  }

  async close(actor: Actor, placementId: string, input: ClosureDto): Promise<AftercareStatusDto> {
    if (input.kind === 'dropped_out' && !input.reasonCode) throw new RuleViolationException('reasonCode', 'is required for a drop-out');
    await this.dataSource.transaction(async (manager) => {
      const placement = await this.lockPlacement(placementId, manager);
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
      await manager.getRepository(Placement).save(placement);
      await manager.query("UPDATE checkin SET status = 'cancelled' WHERE placement_id = $1 AND status = 'planned'", [placementId]);
      const kind: PlacementEventKind = input.kind === 'closed' ? 'closed' : input.kind === 'dropped_out' ? 'dropped_out' : 'opted_out';
      await this.event(manager, placement, kind, actor, input.kind === 'opted_out' ? 'participant' : 'coach', input.reason, {
        reasonCode: input.reasonCode ?? null,
      });
      if (input.kind === 'dropped_out') {
        await this.tasks.create(
          {
            organisationId: placement.organisationId,
            assigneeMembershipId: placement.coachMembershipId,
            participantId: placement.participantId,
            placementId,
            kind: 're_intake',
            title: 'Plan a re-intake: the placement ended in a drop-out',
            dueOn: input.closedOn,
            dedupeKey: `re_intake.${placementId}`,
          },
          manager,
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'placement',
          resourceId: placementId,
          subjectParticipantId: placement.participantId,
          fields: ['status', 'closedOn'],
        },
        manager,
      );
    });
    return this.status(placementId);
  }

  async status(placementId: string): Promise<AftercareStatusDto> {
    const placement = await this.dataSource.getRepository(Placement).findOneByOrFail({ id: placementId });
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
    const teamFilter = actor.role === 'team_lead' ? 'AND (m.team_id = $4 OR m.id = $5)' : '';
    const params: unknown[] = [actor.organisationId, from, to];
    if (actor.role === 'team_lead') params.push(actor.teamId, actor.membershipId);
    const rows = await this.dataSource.query(
      `SELECT c.coach_membership_id, u.display_name AS coach_name, to_char(c.at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month, c.channel, count(*)::int AS n
         FROM contact_log c JOIN membership m ON m.id = c.coach_membership_id JOIN user_account u ON u.id = m.user_id
        WHERE c.organisation_id = $1 AND c.at >= $2::date AND c.at < ($3::date + 1) ${teamFilter}
        GROUP BY 1, 2, 3, 4 ORDER BY 3, 2`,
      params,
    );
    const result = new Map<string, ContactReportRowDto>();
    for (const row of rows as Array<{ coach_membership_id: string; coach_name: string; month: string; channel: string; n: number }>) {
      const key = `${row.coach_membership_id}.${row.month}`;
      const entry = result.get(key) ?? {
        coachMembershipId: row.coach_membership_id,
        coachName: row.coach_name,
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
  private async evaluateRisk(placement: Placement, checkin: Checkin, manager: EntityManager): Promise<boolean> {
    if (checkin.signals.length === 0) return false;
    const previous: Array<{ signals: string[] }> = await manager.query(
      "SELECT signals FROM checkin WHERE placement_id = $1 AND status = 'done' AND id <> $2 ORDER BY held_on DESC LIMIT $3",
      [placement.id, checkin.id, REPEAT_WINDOW],
    );
    const reasons = new Set<string>();
    for (const signal of checkin.signals) {
      if (SEVERE_SIGNALS.includes(signal)) reasons.add(`${signal}: severe`);
      else if (previous.some((row) => row.signals.includes(signal))) reasons.add(`${signal}: repeated`);
    }
    if (reasons.size === 0) return false;
    placement.riskFlagReasons = [...new Set([...placement.riskFlagReasons, ...reasons])];
    placement.riskFlagRaisedAt ??= this.clock.now();
    await this.event(manager, placement, 'risk_flag_raised', undefined, 'system', [...reasons].join('; '), { checkinId: checkin.id });
    return true;
  }

  private async inAftercare(placementId: string, work: (placement: Placement, manager: EntityManager) => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const placement = await this.lockPlacement(placementId, manager);
      if (placement.status !== 'aftercare')
        throw new RuleViolationException('placementId', 'the placement is not in aftercare (the handover completes it)');
      await work(placement, manager);
    });
  }

  private async event(
    manager: EntityManager,
    placement: Placement,
    kind: PlacementEventKind,
    actor: Actor | undefined,
    requestedBy: PlacementEvent['requestedBy'],
    reason: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await manager.getRepository(PlacementEvent).insert({
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

  private async lock(checkinId: string, manager: EntityManager): Promise<Checkin> {
    const checkin = await manager
      .getRepository(Checkin)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :checkinId', { checkinId })
      .getOne();
    if (!checkin) throw new NotFoundProblem('check-in');
    return checkin;
  }

  private async lockPlacement(placementId: string, manager: EntityManager): Promise<Placement> {
    const placement = await manager
      .getRepository(Placement)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :placementId', { placementId })
      .getOne();
    if (!placement) throw new NotFoundProblem('placement');
    return placement;
  }

  private async preparedIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ checkin_id: string }> = await this.dataSource.query(
      'SELECT checkin_id FROM checkin_preparation WHERE checkin_id = ANY($1)',
      [ids],
    );
    return new Set(rows.map((row) => row.checkin_id));
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
