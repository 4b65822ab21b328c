import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';
import type { TrialTargetGroupFacts } from '../rules/calculations/trial-placement.js';
import { SubsidyDecision, SubsidyPayment, SubsidyStatement } from './entities/subsidy.entities.js';
import { WageValueAssessment } from './entities/wage-value-assessment.entity.js';

export interface PaymentAlertRow {
  coach_membership_id: string | null;
  participant_id: string | null;
  employer: string;
}

export interface TargetGroupRegisterRow {
  target_group_register_status: string | null;
  target_group_register_date: string | null;
}

/**
 * Every statement on subsidy_decision, subsidy_payment, subsidy_statement and wage_value_assessment.
 * Reads (never writes) placement, employer, membership and user_account for the overdue alert,
 * and participant_profile for the LKV's target-group register entry.
 */
@Injectable()
export class SubsidyRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async insertAssessment(row: Omit<WageValueAssessment, 'id' | 'createdAt'>): Promise<WageValueAssessment> {
    return this.manager.getRepository(WageValueAssessment).save(row);
  }

  async assessments(placementId: string): Promise<WageValueAssessment[]> {
    return this.manager.getRepository(WageValueAssessment).find({ where: { placementId }, order: { assessedOn: 'DESC' } });
  }

  async wageValueOn(placementId: string, lastDay: string): Promise<{ percentage: string } | undefined> {
    const [row] = await this.query<{ percentage: string }>(
      'SELECT percentage FROM wage_value_assessment WHERE placement_id = $1 AND assessed_on <= $2 ORDER BY assessed_on DESC, created_at DESC LIMIT 1',
      [placementId, lastDay],
    );
    return row;
  }

  /** The month's statements, oldest first: the original, then each correction. */
  async statements(placementId: string, month: string): Promise<SubsidyStatement[]> {
    return this.manager.getRepository(SubsidyStatement).find({ where: { placementId, month }, order: { createdAt: 'ASC' } });
  }

  /** Months whose latest statement was reported with a provisional value, oldest first. */
  provisionalMonths(): Promise<Array<{ placement_id: string; month: string }>> {
    return this.query(
      `SELECT placement_id, month FROM (
         SELECT DISTINCT ON (placement_id, month) placement_id, month, provisional
           FROM subsidy_statement ORDER BY placement_id, month, created_at DESC
       ) latest WHERE provisional ORDER BY month, placement_id`,
    );
  }

  async lockStatements(placementId: string, month: string): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`subsidy_statement:${placementId}:${month}`]);
  }

  async insertStatement(row: Omit<SubsidyStatement, 'id' | 'createdAt'>): Promise<SubsidyStatement> {
    return this.manager.getRepository(SubsidyStatement).save(row);
  }

  async insertDecision(row: Omit<SubsidyDecision, 'id' | 'createdAt'>): Promise<SubsidyDecision> {
    return this.manager.getRepository(SubsidyDecision).save(row);
  }

  async latestDecision(placementId: string): Promise<SubsidyDecision | null> {
    return this.manager.getRepository(SubsidyDecision).findOne({ where: { placementId }, order: { createdAt: 'DESC' } });
  }

  async insertPayments(payments: Partial<SubsidyPayment>[]): Promise<SubsidyPayment[]> {
    return this.manager.getRepository(SubsidyPayment).save(payments);
  }

  async payments(decisionId: string): Promise<SubsidyPayment[]> {
    return this.manager.getRepository(SubsidyPayment).find({ where: { decisionId }, order: { month: 'ASC' } });
  }

  async payment(id: string): Promise<SubsidyPayment | null> {
    return this.manager.getRepository(SubsidyPayment).findOneBy({ id });
  }

  /** Number of rows changed: 0 when the payment is not this placement's. */
  async markReceived(paymentId: string, placementId: string, receivedOn: string): Promise<number> {
    const result = await this.manager.getRepository(SubsidyPayment).update({ id: paymentId, placementId }, { receivedOn });
    return result.affected ?? 0;
  }

  /** Claimed in one statement, so a retried or duplicated job alerts once. */
  async claimAlert(paymentId: string, at: Date): Promise<boolean> {
    const claimed = await this.manager
      .getRepository(SubsidyPayment)
      .update({ id: paymentId, alertedAt: IsNull(), receivedOn: IsNull() }, { alertedAt: at });
    return Boolean(claimed.affected);
  }

  async paymentAlertContext(placementId: string): Promise<PaymentAlertRow | undefined> {
    const [row] = await this.query<PaymentAlertRow>(
      `SELECT pl.coach_membership_id, pl.participant_id, e.name AS employer
         FROM placement pl JOIN employer e ON e.id = pl.employer_id
        WHERE pl.id = $1`,
      [placementId],
    );
    return row;
  }

  async targetGroupRegister(participantId: string): Promise<TargetGroupRegisterRow | undefined> {
    const [row] = await this.query<TargetGroupRegisterRow>(
      'SELECT target_group_register_status, target_group_register_date::text AS target_group_register_date FROM participant_profile WHERE participant_id = $1',
      [participantId],
    );
    return row;
  }

  /** What the trial-extension rule needs from participant_profile (read only). */
  async trialTargetGroupFacts(participantId: string): Promise<TrialTargetGroupFacts> {
    const [row] = await this.query<{
      limitation_kind: string | null;
      benefit_type: string | null;
      target_group_register_status: string | null;
    }>('SELECT limitation_kind, benefit_type, target_group_register_status FROM participant_profile WHERE participant_id = $1', [
      participantId,
    ]);
    return {
      limitationKind: row?.limitation_kind ?? null,
      benefitType: row?.benefit_type ?? null,
      targetGroupRegisterStatus: row?.target_group_register_status ?? null,
    };
  }

  /** The placement's organisation (placement, read only) and whether a wage value was assessed. */
  async subsidyContext(placementId: string): Promise<{ organisationId: string; assessed: boolean } | undefined> {
    const [row] = await this.query<{ organisation_id: string; assessed: boolean }>(
      'SELECT pl.organisation_id, EXISTS (SELECT 1 FROM wage_value_assessment w WHERE w.placement_id = pl.id) AS assessed FROM placement pl WHERE pl.id = $1',
      [placementId],
    );
    return row ? { organisationId: row.organisation_id, assessed: row.assessed } : undefined;
  }

  /** The data export's wage value assessments of one placement. */
  exportWageValueAssessments(placementId: string): Promise<Array<Record<string, unknown>>> {
    return this.query(
      'SELECT assessed_on, percentage, reference_job, method, next_reassessment_on FROM wage_value_assessment WHERE placement_id = $1',
      [placementId],
    );
  }

  /** Empties every free-text value in the subsidy rows about one participant (their placements, read only). */
  async anonymiseForParticipant(participantId: string, erased: string): Promise<{ assessments: number; decisions: number }> {
    const assessments = await this.query<{ id: string }>(
      `UPDATE wage_value_assessment SET assessor_name = $2, reference_job = $2, method = $2, report_document = NULL
        WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1) RETURNING id`,
      [participantId, erased],
    );
    const decisions = await this.query<{ id: string }>(
      'UPDATE subsidy_decision SET reference = NULL WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1) RETURNING id',
      [participantId],
    );
    return { assessments: assessments.length, decisions: decisions.length };
  }
}
