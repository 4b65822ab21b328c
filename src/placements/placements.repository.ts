import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PlacementEvent } from '../aftercare/entities/aftercare-records.entity.js';
import { Employer } from '../employers/entities/employer.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { TableRepository } from '../platform/database/transactions.js';
import { Placement } from './entities/placement.entity.js';

/** A placement as the employer sees it, with the employee's name. */
export type EmployerPlacementRow = Placement & {
  employeeName: string;
};

/**
 * Every statement on placement and placement_event.
 * Reads of other capabilities' tables are named `foreign...` and say whose they are.
 */
@Injectable()
@ChecksResourceAccess('placement')
export class PlacementsRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  save(placement: Partial<Placement>): Promise<Placement> {
    return this.manager.getRepository(Placement).save(placement);
  }

  /** Only the given columns, without reading the placement again. */
  async update(placementId: string, changes: Partial<Placement>): Promise<void> {
    await this.manager.getRepository(Placement).update({ id: placementId }, changes);
  }

  /** Participant/employer pairs with a placement still running (trial, contract or aftercare), within the organisation. */
  async runningPairs(
    organisationId: string,
    participantIds: string[],
    employerIds: string[],
  ): Promise<Array<{ participant_id: string; employer_id: string }>> {
    if (!participantIds.length || !employerIds.length) return [];
    return this.query(
      `SELECT DISTINCT participant_id, employer_id FROM placement
        WHERE organisation_id = $1 AND participant_id = ANY($2) AND employer_id = ANY($3) AND status IN ('trial', 'contract', 'aftercare')`,
      [organisationId, participantIds, employerIds],
    );
  }

  async insertEvent(event: Partial<PlacementEvent>): Promise<void> {
    await this.manager.getRepository(PlacementEvent).insert(event as never);
  }

  pageVisible(scope: SqlCondition, skip: number, take: number): Promise<[Placement[], number]> {
    return this.manager
      .getRepository(Placement)
      .createQueryBuilder('pl')
      .innerJoin(Participant, 'p', 'p.id = pl.participant_id')
      .where(scope.sql, scope.params)
      .orderBy('pl.created_at', 'DESC')
      .addOrderBy('pl.id')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  /** One placement within the participant scope; `lock` takes its row lock (inside a transaction). */
  findVisible(id: string, scope: SqlCondition, lock: boolean): Promise<Placement | null> {
    const query = this.manager
      .getRepository(Placement)
      .createQueryBuilder('pl')
      .innerJoin(Participant, 'p', 'p.id = pl.participant_id')
      .where('pl.id = :id', { id })
      .andWhere(scope.sql, scope.params);
    if (lock) query.setLock('pessimistic_write', undefined, ['pl']);
    return query.getOne();
  }

  byId(id: string): Promise<Placement | null> {
    return this.manager.getRepository(Placement).findOneBy({ id });
  }

  /** Reads participant for the employee's name (a read-only join for the employer's view). */
  async employerView(employerId: string, scope: SqlCondition): Promise<EmployerPlacementRow[]> {
    const { entities, raw } = await this.manager
      .getRepository(Placement)
      .createQueryBuilder('pl')
      .innerJoin('participant', 'p', 'p.id = pl.participant_id')
      .select('pl')
      .addSelect("p.first_name || ' ' || p.last_name", 'employee_name')
      .where('pl.employer_id = :employerId', { employerId })
      .andWhere(scope.sql, scope.params)
      .orderBy('pl.created_at', 'DESC')
      .getRawAndEntities();
    return entities.map((entity, index) => ({
      ...entity,
      employeeName: raw[index].employee_name,
    }));
  }

  async latestWageValuePercentage(placementId: string): Promise<number | null> {
    const [assessment] = await this.query<{ percentage: string }>(
      'SELECT percentage FROM wage_value_assessment WHERE placement_id = $1 ORDER BY assessed_on DESC, created_at DESC LIMIT 1',
      [placementId],
    );
    return assessment ? Number(assessment.percentage) : null;
  }

  // Foreign read: employer belongs to employers.
  async foreignEmployerExists(employerId: string, organisationId: string): Promise<boolean> {
    return (await this.manager.getRepository(Employer).countBy({ id: employerId, organisationId })) > 0;
  }

  // Foreign read: match belongs to matching.
  async foreignMatch(
    matchId: string,
    organisationId: string,
  ): Promise<{ participant_id: string; employer_id: string; status: string } | null> {
    const [match] = await this.query<{ participant_id: string; employer_id: string; status: string }>(
      'SELECT participant_id, employer_id, status FROM match WHERE id = $1 AND organisation_id = $2',
      [matchId, organisationId],
    );
    return match ?? null;
  }

  // Foreign read: participant_capacity belongs to profiles.
  async foreignAssessedHoursPerWeek(participantId: string): Promise<number | null> {
    const [capacity] = await this.query<{ hours_per_week: string }>(
      'SELECT hours_per_week FROM participant_capacity WHERE participant_id = $1 ORDER BY assessed_on DESC, created_at DESC LIMIT 1',
      [participantId],
    );
    return capacity ? Number(capacity.hours_per_week) : null;
  }

  // Foreign read: participant_profile belongs to profiles.
  async foreignBenefitType(participantId: string): Promise<string | null> {
    const [profile] = await this.query<{ benefit_type: string | null }>(
      'SELECT benefit_type FROM participant_profile WHERE participant_id = $1',
      [participantId],
    );
    return profile?.benefit_type ?? null;
  }

  // Foreign read: employer belongs to employers (the employer portal's home card; its contact person comes from MembershipsService).
  async foreignEmployerCard(
    employerId: string,
    organisationId: string,
  ): Promise<{ name: string; contact_coach_membership_id: string | null } | null> {
    const [employer] = await this.query<{ name: string; contact_coach_membership_id: string | null }>(
      'SELECT e.name, e.contact_coach_membership_id FROM employer e WHERE e.id = $1 AND e.organisation_id = $2',
      [employerId, organisationId],
    );
    return employer ?? null;
  }

  // Foreign read: checkin belongs to aftercare.
  foreignNextCheckins(placementIds: string[]): Promise<Array<{ placement_id: string; due_on: string }>> {
    if (placementIds.length === 0) return Promise.resolve([]);
    return this.query(
      `SELECT placement_id, min(due_on)::text AS due_on FROM checkin WHERE placement_id = ANY($1::uuid[]) AND status = 'planned' GROUP BY placement_id`,
      [placementIds],
    );
  }

  // Foreign read: handover_meeting belongs to aftercare (handover).
  foreignLatestHandovers(placementIds: string[]): Promise<Array<{ placement_id: string; id: string }>> {
    if (placementIds.length === 0) return Promise.resolve([]);
    return this.query(
      `SELECT DISTINCT ON (placement_id) placement_id, id FROM handover_meeting
            WHERE placement_id = ANY($1::uuid[]) AND status <> 'cancelled' ORDER BY placement_id, starts_at DESC`,
      [placementIds],
    );
  }

  /** The participant's placements for the data export (employer name joined read-only). */
  exportPlacements(participantId: string, organisationId: string): Promise<Array<Record<string, unknown>>> {
    return this.query(
      `SELECT pl.id, e.name AS employer, pl.type, pl.status, pl.trial_start, pl.trial_planned_end, pl.trial_outcome, pl.trial_evaluation,
              pl.contract_start, pl.contract_type, pl.hours_per_week, pl.contract_end, pl.outflow_on, pl.outflow_to, pl.closed_on, pl.closure_reason
         FROM placement pl JOIN employer e ON e.id = pl.employer_id WHERE pl.participant_id = $1 AND pl.organisation_id = $2 ORDER BY pl.created_at`,
      [participantId, organisationId],
    );
  }

  // Foreign read: handover_meeting belongs to aftercare; kept here until AftercareService offers an export per placement.
  foreignExportHandovers(placementId: string): Promise<Array<Record<string, unknown>>> {
    return this.query(
      'SELECT starts_at, status, checklist, attendance, participant_confirmed_at, employer_confirmed_at FROM handover_meeting WHERE placement_id = $1',
      [placementId],
    );
  }

  // Foreign read: checkin belongs to aftercare; kept here until AftercareService offers an export per placement.
  foreignExportCheckins(placementId: string): Promise<Array<Record<string, unknown>>> {
    return this.query(
      'SELECT due_on, status, held_on, channel, with_whom, frame, look_back, look_ahead, actions, life_domains, signals, agreement_evaluations, work_matches_description, notes, missed_reason FROM checkin WHERE placement_id = $1 ORDER BY due_on',
      [placementId],
    );
  }

  // Foreign read: contact_log belongs to aftercare; kept here until AftercareService offers an export per placement.
  foreignExportContacts(placementId: string): Promise<Array<Record<string, unknown>>> {
    return this.query('SELECT at, channel, with_party, summary FROM contact_log WHERE placement_id = $1 ORDER BY at', [placementId]);
  }

  /** Erasure: the rows stay for outcome counts and subsidy accounts; every contact value and free text about the person goes. */
  async anonymiseForParticipant(participantId: string): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Placement)
      .set({
        employerContactName: null,
        employerContactEmail: null,
        employerContactPhone: null,
        trialEvaluation: null,
        trialExtensionReason: null,
        closureReason: null,
        wageScale: null,
      })
      .where('participant_id = :participantId', { participantId })
      .execute();
    return result.affected ?? 0;
  }

  async anonymiseEventsForParticipant(participantId: string): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(PlacementEvent)
      .set({ reason: null, details: {} })
      .where('placement_id IN (SELECT id FROM placement WHERE participant_id = :participantId)', { participantId })
      .execute();
    return result.affected ?? 0;
  }

  /** The access check of routes on a placement (the policy's condition on alias `r`). */
  async isVisible(_kind: string, id: string, condition: SqlCondition): Promise<boolean> {
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "placement" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }
}
