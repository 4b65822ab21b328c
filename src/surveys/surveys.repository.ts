import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import type { Respondent } from './survey.constants.js';

export interface SurveySettingRow {
  moment_months: number[];
  repeat_every_months: number;
  updated_at: Date | null;
}

/** A placement that is running, read (not owned) to decide which survey is due. */
export interface RunningPlacementRow {
  id: string;
  organisation_id: string;
  participant_id: string;
  employer_id: string;
  coach_membership_id: string | null;
  started_on: string;
  participant_opted_out: boolean;
  participant_name: string;
  participant_email: string | null;
  employer_contact_name: string | null;
  employer_contact_email: string | null;
  moment_months: number[] | null;
  repeat_every_months: number | null;
}

export interface NewInvitation {
  organisationId: string;
  placementId: string;
  participantId: string;
  employerId: string;
  coachMembershipId: string | null;
  respondent: Respondent;
  momentMonths: number;
  dueOn: string;
  tokenHash: Buffer;
  expiresAt: Date;
  now: Date;
}

export interface InvitationRow {
  id: string;
  organisation_id: string;
  placement_id: string;
  participant_id: string;
  employer_id: string;
  coach_membership_id: string | null;
  respondent: Respondent;
  moment_months: number;
  due_on: string;
  expires_at: Date;
  created_at: Date;
  answered_at: Date | null;
  score: number | null;
  coach_name: string | null;
  participant_name: string | null;
  employer_name: string | null;
  participant_erased: boolean;
}

export interface CoachAverageRow {
  coach_membership_id: string | null;
  coach_name: string | null;
  responses: number;
  score_sum: number;
  participant_responses: number;
  participant_sum: number;
  employer_responses: number;
  employer_sum: number;
}

export interface LatestScoreRow {
  placement_id: string;
  invitation_id: string;
  respondent: Respondent;
  score: number;
  answered_at: Date;
}

const INVITATION_COLUMNS = `
  i.id, i.organisation_id, i.placement_id, i.participant_id, i.employer_id, i.coach_membership_id, i.respondent,
  i.moment_months, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.expires_at, i.created_at, i.answered_at, i.score,
  cu.display_name AS coach_name, p.first_name || ' ' || p.last_name AS participant_name, e.name AS employer_name,
  p.erased_at IS NOT NULL AS participant_erased`;

/** Labels for a view: the coach's, participant's and employer's names (read joins, owned by identity, participants, employers). */
const INVITATION_JOINS = `
  FROM survey_invitation i
  JOIN participant p ON p.id = i.participant_id
  JOIN employer e ON e.id = i.employer_id
  LEFT JOIN membership cm ON cm.id = i.coach_membership_id
  LEFT JOIN user_account cu ON cu.id = cm.user_id`;

/**
 * Every statement on survey_setting and survey_invitation. Running placements
 * are read from placement and participant (read-only, to find due moments).
 */
@Injectable()
export class SurveysRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async setting(organisationId: string): Promise<SurveySettingRow | undefined> {
    const [row] = await this.query<SurveySettingRow>(
      'SELECT moment_months, repeat_every_months, updated_at FROM survey_setting WHERE organisation_id = $1',
      [organisationId],
    );
    return row;
  }

  async saveSetting(organisationId: string, momentMonths: number[], repeatEveryMonths: number, userId: string, at: Date): Promise<void> {
    await this.query(
      `INSERT INTO survey_setting (organisation_id, moment_months, repeat_every_months, updated_at, updated_by_user_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id) DO UPDATE
         SET moment_months = EXCLUDED.moment_months, repeat_every_months = EXCLUDED.repeat_every_months,
             updated_at = EXCLUDED.updated_at, updated_by_user_id = EXCLUDED.updated_by_user_id`,
      [organisationId, momentMonths, repeatEveryMonths, at, userId],
    );
  }

  /**
   * Placements in trial, contract or aftercare that started on or before `startedBy`,
   * of participants not erased, after `afterId` (keyset pages), with their organisation's setting.
   */
  runningPlacements(startedBy: string, afterId: string | null, limit: number): Promise<RunningPlacementRow[]> {
    return this.query<RunningPlacementRow>(
      `SELECT pl.id, pl.organisation_id, pl.participant_id, pl.employer_id, pl.coach_membership_id,
              to_char(COALESCE(pl.trial_start, pl.contract_start), 'YYYY-MM-DD') AS started_on,
              pl.participant_opted_out_at IS NOT NULL AS participant_opted_out,
              p.first_name || ' ' || p.last_name AS participant_name, p.email AS participant_email,
              pl.employer_contact_name, pl.employer_contact_email, s.moment_months, s.repeat_every_months
         FROM placement pl
         JOIN participant p ON p.id = pl.participant_id AND p.organisation_id = pl.organisation_id
         LEFT JOIN survey_setting s ON s.organisation_id = pl.organisation_id
        WHERE pl.status IN ('trial', 'contract', 'aftercare')
          AND p.erased_at IS NULL
          AND COALESCE(pl.trial_start, pl.contract_start) <= $1::date
          AND ($2::uuid IS NULL OR pl.id > $2::uuid)
        ORDER BY pl.id
        LIMIT $3`,
      [startedBy, afterId, limit],
    );
  }

  /** The invitation, unless this placement, respondent and moment has one already (then undefined: exactly once). */
  async insertOnce(invitation: NewInvitation): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO survey_invitation (organisation_id, placement_id, participant_id, employer_id, coach_membership_id, respondent,
                                      moment_months, due_on, token_hash, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT uq_survey_invitation_moment DO NOTHING
       RETURNING id`,
      [
        invitation.organisationId,
        invitation.placementId,
        invitation.participantId,
        invitation.employerId,
        invitation.coachMembershipId,
        invitation.respondent,
        invitation.momentMonths,
        invitation.dueOn,
        invitation.tokenHash,
        invitation.expiresAt,
        invitation.now,
      ],
    );
    return row?.id;
  }

  /**
   * Which invitations these placements have already, as `placementId.respondent.moment`, and when each
   * respondent of a placement was last asked (`placementId.respondent` to the newest created_at).
   */
  async existing(placementIds: string[]): Promise<{ keys: Set<string>; lastSent: Map<string, Date> }> {
    if (placementIds.length === 0) return { keys: new Set(), lastSent: new Map() };
    const rows = await this.query<{ key: string; respondent_key: string; created_at: Date }>(
      `SELECT placement_id || '.' || respondent || '.' || moment_months AS key, placement_id || '.' || respondent AS respondent_key,
              created_at
         FROM survey_invitation WHERE placement_id = ANY($1::uuid[])`,
      [placementIds],
    );
    const lastSent = new Map<string, Date>();
    for (const row of rows) {
      const known = lastSent.get(row.respondent_key);
      if (!known || known < row.created_at) lastSent.set(row.respondent_key, row.created_at);
    }
    return { keys: new Set(rows.map((row) => row.key)), lastSent };
  }

  async byTokenHash(tokenHash: Buffer): Promise<InvitationRow | undefined> {
    const [row] = await this.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} ${INVITATION_JOINS} WHERE i.token_hash = $1`, [tokenHash]);
    return row;
  }

  async byId(organisationId: string, id: string): Promise<InvitationRow | undefined> {
    const [row] = await this.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} ${INVITATION_JOINS} WHERE i.id = $1 AND i.organisation_id = $2`,
      [id, organisationId],
    );
    return row;
  }

  /** Open (unanswered, unexpired) invitations for the participant, or for an employer's contact person. */
  open(organisationId: string, who: { participantId: string } | { employerId: string }, now: Date): Promise<InvitationRow[]> {
    const participant = 'participantId' in who;
    return this.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} ${INVITATION_JOINS}
        WHERE i.organisation_id = $1 AND i.answered_at IS NULL AND i.expires_at > $3 AND p.erased_at IS NULL
          AND ${participant ? "i.respondent = 'participant' AND i.participant_id = $2" : "i.respondent = 'employer_contact' AND i.employer_id = $2"}
        ORDER BY i.created_at`,
      [organisationId, participant ? who.participantId : who.employerId, now],
    );
  }

  /** Records the answer once: undefined when it was already answered (also by a concurrent request) or expired. */
  async answer(id: string, score: number, wentWell: string | null, couldBeBetter: string | null, at: Date): Promise<boolean> {
    const result = await this.query(
      `UPDATE survey_invitation SET answered_at = $2, score = $3, went_well = $4, could_be_better = $5
        WHERE id = $1 AND answered_at IS NULL AND expires_at > $2
        RETURNING id`,
      [id, at, score, wentWell, couldBeBetter],
    );
    return affectedRows(result) > 0;
  }

  /** Open invitations to the employer's contact person stop (the participant withdrew the consent to disclose the support). */
  async expireEmployerInvitations(participantId: string, employerId: string | null, at: Date): Promise<number> {
    const result = await this.query(
      `UPDATE survey_invitation SET expires_at = $3, token_hash = NULL
        WHERE participant_id = $1 AND respondent = 'employer_contact' AND answered_at IS NULL AND expires_at > $3
          AND ($2::uuid IS NULL OR employer_id = $2::uuid)
        RETURNING id`,
      [participantId, employerId, at],
    );
    return affectedRows(result);
  }

  /** Of these invitations, the ones whose mail is no longer wanted: answered, expired, gone, or of an erased participant. */
  async unwanted(ids: string[], now: Date): Promise<Set<string>> {
    const rows = await this.query<{ id: string }>(
      `SELECT wanted.id::text AS id FROM unnest($1::uuid[]) AS wanted(id)
        WHERE NOT EXISTS (
          SELECT 1 FROM survey_invitation i JOIN participant p ON p.id = i.participant_id
           WHERE i.id = wanted.id AND i.answered_at IS NULL AND i.expires_at > $2 AND p.erased_at IS NULL)`,
      [ids, now],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Scores answered in [from, to) per coach (the coach at the moment of the invitation), optionally of one team's coaches. */
  averagesPerCoach(organisationId: string, from: Date, to: Date, teamId: string | null): Promise<CoachAverageRow[]> {
    return this.query<CoachAverageRow>(
      `SELECT i.coach_membership_id, cu.display_name AS coach_name,
              count(*)::int AS responses, sum(i.score)::int AS score_sum,
              count(*) FILTER (WHERE i.respondent = 'participant')::int AS participant_responses,
              COALESCE(sum(i.score) FILTER (WHERE i.respondent = 'participant'), 0)::int AS participant_sum,
              count(*) FILTER (WHERE i.respondent = 'employer_contact')::int AS employer_responses,
              COALESCE(sum(i.score) FILTER (WHERE i.respondent = 'employer_contact'), 0)::int AS employer_sum
         FROM survey_invitation i
         LEFT JOIN membership cm ON cm.id = i.coach_membership_id
         LEFT JOIN user_account cu ON cu.id = cm.user_id
        WHERE i.organisation_id = $1 AND i.answered_at >= $2 AND i.answered_at < $3
          AND ($4::uuid IS NULL OR cm.team_id = $4::uuid)
        GROUP BY i.coach_membership_id, cu.display_name
        ORDER BY cu.display_name NULLS LAST, i.coach_membership_id`,
      [organisationId, from, to, teamId],
    );
  }

  /** The newest answered score per placement (any respondent). */
  latestScores(organisationId: string, placementIds: string[]): Promise<LatestScoreRow[]> {
    if (placementIds.length === 0) return Promise.resolve([]);
    return this.query<LatestScoreRow>(
      `SELECT DISTINCT ON (i.placement_id) i.placement_id, i.id AS invitation_id, i.respondent, i.score, i.answered_at
         FROM survey_invitation i
        WHERE i.organisation_id = $1 AND i.placement_id = ANY($2::uuid[]) AND i.answered_at IS NOT NULL
        ORDER BY i.placement_id, i.answered_at DESC, i.id`,
      [organisationId, placementIds],
    );
  }

  /** The participant's own answers, for their data export. */
  exportRows(participantId: string, organisationId: string): Promise<Array<Record<string, unknown>>> {
    return this.query(
      `SELECT i.moment_months AS "momentMonths", to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn", i.created_at AS "sentAt",
              i.answered_at AS "answeredAt", i.score, i.went_well AS "wentWell", i.could_be_better AS "couldBeBetter"
         FROM survey_invitation i
        WHERE i.participant_id = $1 AND i.organisation_id = $2 AND i.respondent = 'participant'
        ORDER BY i.created_at`,
      [participantId, organisationId],
    );
  }

  /**
   * Erasure: unanswered invitations go; answered ones keep only the score, moment and coach
   * (the organisation's yearly UWV figure), with the free text and the link removed.
   */
  async eraseForParticipant(participantId: string, organisationId: string): Promise<{ deleted: number; anonymised: number }> {
    const deleted = await this.query(
      'DELETE FROM survey_invitation WHERE participant_id = $1 AND organisation_id = $2 AND answered_at IS NULL RETURNING id',
      [participantId, organisationId],
    );
    const anonymised = await this.query(
      `UPDATE survey_invitation SET went_well = NULL, could_be_better = NULL, token_hash = NULL
        WHERE participant_id = $1 AND organisation_id = $2 RETURNING id`,
      [participantId, organisationId],
    );
    return { deleted: affectedRows(deleted), anonymised: affectedRows(anonymised) };
  }
}
