import { Injectable } from '@nestjs/common';
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

  /** Joins the open transaction. */
  async create(task: NewTask): Promise<void> {
    await this.tasks.insertUnlessPresent({ participantId: null, placementId: null, detail: null, dueOn: null, ...task });
  }

  openFor(organisationId: string, placementId: string): Promise<CoachTask[]> {
    return this.tasks.openFor(organisationId, placementId);
  }
}
