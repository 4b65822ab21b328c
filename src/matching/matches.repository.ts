import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, DeepPartial } from 'typeorm';
import type { ShareableProfilePart } from '../consents/entities/consent.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { ParticipantProfile } from '../profiles/entities/participant-profile.entity.js';
import { type EmployerAnswer, Match, MatchEvent, type MatchStatus } from './entities/match.entity.js';

export interface EmployerCandidateRow {
  match_id: string;
  vacancy_id: string;
  vacancy_title: string;
  status: MatchStatus;
  participant_id: string;
  parts: ShareableProfilePart[] | null;
  employer_answer: EmployerAnswer | null;
  employer_answer_reason: string | null;
  employer_answered_at: Date | null;
}

export interface ParticipantMatchRow {
  id: string;
  status: MatchStatus;
  score: number | null;
  vacancy_id: string;
  title: string;
  employer: string;
  employer_id: string;
}

/**
 * Every statement on match and match_event. Reads participant (scope, and
 * the employer's consented view), participant_profile, consent, vacancy and
 * employer read-only for the views it serves.
 */
@Injectable()
export class MatchesRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  save(match: DeepPartial<Match>): Promise<Match> {
    return this.manager.getRepository(Match).save(match);
  }

  async addEvent(event: Omit<MatchEvent, 'id' | 'sequence'>): Promise<void> {
    await this.manager.getRepository(MatchEvent).insert(event);
  }

  events(matchId: string): Promise<MatchEvent[]> {
    return this.manager.getRepository(MatchEvent).find({ where: { matchId }, order: { at: 'ASC', sequence: 'ASC' } });
  }

  /** One match whose participant is within the participant scope (alias `p`); `lock` takes its row lock (inside a transaction). */
  findVisible(matchId: string, organisationId: string, scope: SqlCondition, lock = false): Promise<Match | null> {
    const query = this.manager
      .getRepository(Match)
      .createQueryBuilder('m')
      .innerJoin(Participant, 'p', 'p.id = m.participant_id')
      .where('m.id = :matchId', { matchId })
      .andWhere('m.organisation_id = :org', { org: organisationId })
      .andWhere(scope.sql, scope.params);
    if (lock) query.setLock('pessimistic_write', undefined, ['m']);
    return query.getOne();
  }

  /** One match of the employer that the employer sees (after the introduction), with its row lock (inside a transaction). */
  findForEmployer(matchId: string, employerId: string, organisationId: string, statuses: readonly MatchStatus[]): Promise<Match | null> {
    return this.manager
      .getRepository(Match)
      .createQueryBuilder('m')
      .where('m.id = :matchId AND m.employer_id = :employerId AND m.organisation_id = :organisationId', {
        matchId,
        employerId,
        organisationId,
      })
      .andWhere('m.status IN (:...statuses)', { statuses })
      .setLock('pessimistic_write')
      .getOne();
  }

  findInOrganisation(matchId: string, organisationId: string): Promise<Match | null> {
    return this.manager.getRepository(Match).findOneBy({ id: matchId, organisationId });
  }

  /** The employer's matches in these statuses, each with the profile parts its participant currently shares with the employer. */
  employerCandidates(employerId: string, organisationId: string, statuses: readonly MatchStatus[]): Promise<EmployerCandidateRow[]> {
    return this.query<EmployerCandidateRow>(
      `SELECT m.id AS match_id, m.vacancy_id, v.title AS vacancy_title, m.status, m.participant_id, c.profile_parts AS parts,
              m.employer_answer, m.employer_answer_reason, m.employer_answered_at
         FROM match m
         JOIN vacancy v ON v.id = m.vacancy_id
         LEFT JOIN consent c ON c.participant_id = m.participant_id AND c.employer_id = m.employer_id
           AND c.purpose = 'share_profile_with_employer' AND c.withdrawn_at IS NULL
         WHERE m.employer_id = $1 AND m.organisation_id = $2 AND m.status = ANY($3)
         ORDER BY m.created_at, m.id`,
      [employerId, organisationId, statuses],
    );
  }

  /** Participants and profiles by id, for the employer's consented view (projected by the service). */
  async participantsAndProfiles(
    participantIds: string[],
  ): Promise<{ participants: Map<string, Participant>; profiles: Map<string, ParticipantProfile> }> {
    const ids = participantIds;
    const participants = await this.manager
      .getRepository(Participant)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids })
      .getMany();
    const profiles = await this.manager
      .getRepository(ParticipantProfile)
      .createQueryBuilder('pp')
      .where('pp.participant_id IN (:...ids)', { ids })
      .getMany();
    return {
      participants: new Map(participants.map((p) => [p.id, p])),
      profiles: new Map(profiles.map((p) => [p.participantId, p])),
    };
  }

  /** Which (vacancy, participant) pairs already have a match, of one vacancy or one participant. */
  async pairs(
    organisationId: string,
    where: { vacancyId?: string; participantId?: string },
  ): Promise<Array<{ vacancy_id: string; participant_id: string }>> {
    return this.query(
      `SELECT vacancy_id, participant_id FROM match WHERE organisation_id = $1 AND ($2::uuid IS NULL OR vacancy_id = $2) AND ($3::uuid IS NULL OR participant_id = $3)`,
      [organisationId, where.vacancyId ?? null, where.participantId ?? null],
    );
  }

  /** A participant's matches, newest first, with vacancy title and employer name. */
  ofParticipant(participantId: string, organisationId: string): Promise<ParticipantMatchRow[]> {
    return this.query<ParticipantMatchRow>(
      `SELECT m.id, m.status, m.score::float8 AS score, m.vacancy_id, v.title, e.name AS employer, m.employer_id
           FROM match m JOIN vacancy v ON v.id = m.vacancy_id JOIN employer e ON e.id = m.employer_id
          WHERE m.participant_id = $1 AND m.organisation_id = $2 ORDER BY m.created_at DESC`,
      [participantId, organisationId],
    );
  }

  /** The participant's matches and their history, for the data export. */
  async forExport(participantId: string, organisationId: string): Promise<Array<Record<string, unknown>>> {
    const matches = await this.query(
      `SELECT m.id, v.title AS vacancy, e.name AS employer, m.status, m.score::float8 AS score, m.trial_skipped_reason,
              m.employer_answer, m.employer_answer_reason, m.employer_answered_at, m.created_at, m.updated_at
         FROM match m JOIN vacancy v ON v.id = m.vacancy_id JOIN employer e ON e.id = m.employer_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2 ORDER BY m.created_at, m.id`,
      [participantId, organisationId],
    );
    for (const match of matches) {
      match.events = await this.query(
        'SELECT at, from_status, to_status, reason FROM match_event WHERE match_id = $1 ORDER BY at, sequence',
        [match.id],
      );
      delete match.id;
    }
    return matches;
  }

  /** Empties the free text of the participant's matches and their events; the rows stay for the counts. */
  async eraseFreeText(participantId: string, organisationId: string): Promise<{ matches: number; events: number }> {
    const matches = await this.query(
      `UPDATE match SET trial_skipped_reason = NULL, employer_answer_reason = NULL
        WHERE participant_id = $1 AND organisation_id = $2 AND (trial_skipped_reason IS NOT NULL OR employer_answer_reason IS NOT NULL) RETURNING id`,
      [participantId, organisationId],
    );
    const events = await this.query(
      `UPDATE match_event SET reason = NULL
        WHERE match_id IN (SELECT id FROM match WHERE participant_id = $1 AND organisation_id = $2) AND reason IS NOT NULL RETURNING id`,
      [participantId, organisationId],
    );
    return { matches: affectedRows(matches), events: affectedRows(events) };
  }
}
