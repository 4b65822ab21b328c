import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import {
  GoalProgress,
  ParticipantBarrier,
  ParticipantCapacity,
  ParticipantProfile,
  TrajectoryGoal,
  WorkBehaviourObservation,
} from './entities/participant-profile.entity.js';

/**
 * Every statement on participant_profile, participant_capacity,
 * participant_barrier, trajectory_goal, goal_progress and
 * work_behaviour_observation.
 */
@Injectable()
export class ProfilesRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  findProfile(participantId: string, organisationId: string): Promise<ParticipantProfile | null> {
    return this.manager.getRepository(ParticipantProfile).findOneBy({ participantId, organisationId });
  }

  /** The profile with its row lock, for a change (inside a transaction). */
  findProfileForUpdate(participantId: string): Promise<ParticipantProfile | null> {
    return this.manager.getRepository(ParticipantProfile).findOne({ where: { participantId }, lock: { mode: 'pessimistic_write' } });
  }

  saveProfile(profile: ParticipantProfile): Promise<ParticipantProfile> {
    return this.manager.getRepository(ParticipantProfile).save(profile);
  }

  insertCapacity(capacity: Partial<ParticipantCapacity>): Promise<ParticipantCapacity> {
    return this.manager.getRepository(ParticipantCapacity).save(capacity);
  }

  /** Keeps the profile's copy of the latest dated assessment in step with the history table. */
  async refreshLatestCapacity(participantId: string): Promise<void> {
    await this.query(
      `UPDATE participant_profile pp SET capacity_hours_per_week = latest.hours_per_week, capacity_assessed_on = latest.assessed_on
       FROM (SELECT hours_per_week, assessed_on FROM participant_capacity WHERE participant_id = $1 ORDER BY assessed_on DESC, created_at DESC LIMIT 1) latest
       WHERE pp.participant_id = $1`,
      [participantId],
    );
  }

  async latestCapacityHours(participantId: string): Promise<number | null> {
    const [capacity] = await this.query<{ hours_per_week: string }>(
      'SELECT hours_per_week FROM participant_capacity WHERE participant_id = $1 ORDER BY assessed_on DESC, created_at DESC LIMIT 1',
      [participantId],
    );
    return capacity ? Number(capacity.hours_per_week) : null;
  }

  listCapacity(participantId: string, organisationId: string): Promise<ParticipantCapacity[]> {
    return this.manager
      .getRepository(ParticipantCapacity)
      .find({ where: { participantId, organisationId }, order: { assessedOn: 'DESC', createdAt: 'DESC' } });
  }

  insertWorkBehaviour(observation: Partial<WorkBehaviourObservation>): Promise<WorkBehaviourObservation> {
    return this.manager.getRepository(WorkBehaviourObservation).save(observation);
  }

  insertBarrier(barrier: Partial<ParticipantBarrier>): Promise<ParticipantBarrier> {
    return this.manager.getRepository(ParticipantBarrier).save(barrier);
  }

  listBarriers(participantId: string, organisationId: string): Promise<ParticipantBarrier[]> {
    return this.manager.getRepository(ParticipantBarrier).find({ where: { participantId, organisationId }, order: { notedOn: 'DESC' } });
  }

  insertGoal(goal: Partial<TrajectoryGoal>): Promise<TrajectoryGoal> {
    return this.manager.getRepository(TrajectoryGoal).save(goal);
  }

  findGoal(id: string, participantId: string, organisationId: string): Promise<TrajectoryGoal | null> {
    return this.manager.getRepository(TrajectoryGoal).findOneBy({ id, participantId, organisationId });
  }

  /** The participant's goals, oldest first; codes and dates only (never the barrier codes), for the jobcoach logbook. */
  goalsOf(participantId: string, organisationId: string): Promise<Array<{ id: string; code: string; target_date: string | null }>> {
    return this.query(
      'SELECT id, code, target_date::text AS target_date FROM trajectory_goal WHERE participant_id = $1 AND organisation_id = $2 ORDER BY created_at, id',
      [participantId, organisationId],
    );
  }

  insertGoalProgress(progress: Partial<GoalProgress>): Promise<GoalProgress> {
    return this.manager.getRepository(GoalProgress).save(progress);
  }

  /** The trajectory plan as stored, for the participant's data export (column names as in the table). */
  async exportRows(participantId: string, organisationId: string) {
    const params = [participantId, organisationId];
    const [profile] = await this.query<Record<string, unknown> & { private_notes: string | null }>(
      'SELECT * FROM participant_profile WHERE participant_id = $1 AND organisation_id = $2',
      params,
    );
    return {
      profile: profile ?? null,
      capacity: await this.query(
        'SELECT assessed_on, hours_per_day, hours_per_week, breaks, physical_limits FROM participant_capacity WHERE participant_id = $1 AND organisation_id = $2 ORDER BY assessed_on',
        params,
      ),
      barriers: await this.query('SELECT * FROM participant_barrier WHERE participant_id = $1 AND organisation_id = $2', params),
      goals: await this.query('SELECT * FROM trajectory_goal WHERE participant_id = $1 AND organisation_id = $2', params),
      workBehaviour: await this.query(
        'SELECT * FROM work_behaviour_observation WHERE participant_id = $1 AND organisation_id = $2',
        params,
      ),
    };
  }

  /**
   * Empties every free-text, JSON and location value of the profile; the
   * coded fields (occupation codes, hours, register status) stay for counts,
   * the quota among them.
   */
  async anonymiseProfile(participantId: string): Promise<number> {
    return affectedRows(
      await this.query(
        `UPDATE participant_profile
            SET private_notes = NULL, benefit_type = NULL, limitation_kind = NULL, work_history = '[]',
                skills = '{}', certificates = '{}', excluded_sectors = '{}', excluded_tasks = '{}', strengths = '{}',
                postcode = NULL, latitude = NULL, longitude = NULL, version = version + 1, updated_at = now()
          WHERE participant_id = $1 RETURNING participant_id`,
        [participantId],
      ),
    );
  }

  async anonymiseCapacity(participantId: string): Promise<number> {
    return affectedRows(
      await this.query("UPDATE participant_capacity SET breaks = NULL, physical_limits = '{}' WHERE participant_id = $1 RETURNING id", [
        participantId,
      ]),
    );
  }

  async deleteBarriers(participantId: string): Promise<number> {
    return affectedRows(await this.query('DELETE FROM participant_barrier WHERE participant_id = $1 RETURNING id', [participantId]));
  }

  async deleteWorkBehaviour(participantId: string): Promise<number> {
    return affectedRows(await this.query('DELETE FROM work_behaviour_observation WHERE participant_id = $1 RETURNING id', [participantId]));
  }

  async anonymiseGoalProgress(participantId: string): Promise<number> {
    return affectedRows(
      await this.query(
        'UPDATE goal_progress SET note = NULL WHERE goal_id IN (SELECT id FROM trajectory_goal WHERE participant_id = $1) RETURNING id',
        [participantId],
      ),
    );
  }
}
