import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { CoachTask } from './entities/coach-task.entity.js';

/** Every statement on coach_task. */
@Injectable()
export class TasksRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** A task whose dedupe key exists already is left as it is. */
  async insertUnlessPresent(task: Omit<CoachTask, 'id' | 'doneAt' | 'createdAt'>): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(CoachTask).values(task).orIgnore().execute();
  }

  openFor(organisationId: string, placementId: string): Promise<CoachTask[]> {
    return this.manager
      .getRepository(CoachTask)
      .find({ where: { organisationId, placementId, doneAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** Open tasks for nobody in particular whose dedupe key starts with the prefix (the organisation's admins act on them). */
  openUnassigned(organisationId: string, dedupePrefix: string): Promise<CoachTask[]> {
    return this.manager
      .getRepository(CoachTask)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId AND t.assignee_membership_id IS NULL AND t.done_at IS NULL', { organisationId })
      .andWhere('starts_with(t.dedupe_key, :prefix)', { prefix: dedupePrefix })
      .orderBy('t.due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'ASC')
      .getMany();
  }

  /** Marks open tasks done whose dedupe key starts with the prefix and that are due within the period. */
  async completeDueWithin(organisationId: string, dedupePrefix: string, from: string, to: string | null, at: Date): Promise<number> {
    const done = await this.query(
      `UPDATE coach_task SET done_at = $5
        WHERE organisation_id = $1 AND done_at IS NULL AND starts_with(dedupe_key, $2)
          AND due_on >= $3::date AND ($4::date IS NULL OR due_on <= $4::date)
        RETURNING id`,
      [organisationId, dedupePrefix, from, to, at],
    );
    return affectedRows(done);
  }

  /** Tasks about the participant or one of their placements (placement is read, it belongs to placements). */
  async deleteAbout(organisationId: string, participantId: string): Promise<number> {
    const deleted = await this.query(
      `DELETE FROM coach_task
        WHERE organisation_id = $1
          AND (participant_id = $2 OR placement_id IN (SELECT id FROM placement WHERE participant_id = $2))
        RETURNING id`,
      [organisationId, participantId],
    );
    return affectedRows(deleted);
  }
}
