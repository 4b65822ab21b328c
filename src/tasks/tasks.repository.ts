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
