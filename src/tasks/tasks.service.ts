import { Injectable } from '@nestjs/common';
import { withinTransaction } from '../platform/database/transactions.js';
import type { CoachTask, TaskKind } from './entities/coach-task.entity.js';
import { TasksRepository } from './tasks.repository.js';

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
  constructor(private readonly tasks: TasksRepository) {}

  /**
   * Joins the open transaction. `manager` is transitional, for callers still
   * opening transactions the old way; converted code leaves it out.
   */
  async create(task: NewTask, manager?: Parameters<typeof withinTransaction>[0]): Promise<void> {
    await withinTransaction(manager, () =>
      this.tasks.insertUnlessPresent({ participantId: null, placementId: null, detail: null, dueOn: null, ...task }),
    );
  }

  openFor(organisationId: string, placementId: string): Promise<CoachTask[]> {
    return this.tasks.openFor(organisationId, placementId);
  }
}
