import { activeManager } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { CoachTask, type TaskKind } from './entities/coach-task.entity.js';

export interface NewTask {
  organisationId: string;
  assigneeMembershipId: string | null;
  participantId?: string | null;
  placementId?: string | null;
  kind: TaskKind;
  title: string;
  detail?: string | null;
  dueOn?: string | null;
  /** The same purpose twice gives one task. */
  dedupeKey: string;
}

@Injectable()
export class TasksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(task: NewTask, manager: EntityManager = activeManager(this.dataSource)): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(CoachTask)
      .values({ participantId: null, placementId: null, detail: null, dueOn: null, ...task })
      .orIgnore()
      .execute();
  }

  async openFor(organisationId: string, placementId: string): Promise<CoachTask[]> {
    return this.dataSource
      .getRepository(CoachTask)
      .find({ where: { organisationId, placementId, doneAt: IsNull() }, order: { createdAt: 'ASC' } });
  }
}
