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

/** The dedupe key of the admins' task to add a missing rule value (per key, scope and period), or its prefix. */
export function missingRuleValueKey(organisationId: string, key?: string, scope?: string | null, periodStart?: string): string {
  const parts = [`rule_parameter_missing.${organisationId}.`];
  if (key !== undefined) parts.push(`${key}.`);
  if (scope !== undefined) parts.push(`${scope ?? ''}.`);
  if (periodStart !== undefined) parts.push(periodStart);
  return parts.join('');
}

@Injectable()
export class TasksService {
  constructor(private readonly tasks: TasksRepository) {}

  /** Joins the open transaction. */
  async create(task: NewTask): Promise<void> {
    await this.tasks.insertUnlessPresent({ participantId: null, placementId: null, detail: null, dueOn: null, ...task });
  }

  /** The admins' to-do list for rule values that are not in Werkbrug yet. */
  missingRuleValues(organisationId: string): Promise<CoachTask[]> {
    return this.tasks.openUnassigned(organisationId, missingRuleValueKey(organisationId));
  }

  /** A value was added for the key from `from` to `to` (open end: null): the tasks it answers are done. */
  ruleValueAdded(organisationId: string, key: string, from: string, to: string | null, at: Date): Promise<number> {
    return this.tasks.completeDueWithin(organisationId, missingRuleValueKey(organisationId, key), from, to, at);
  }

  openFor(organisationId: string, placementId: string): Promise<CoachTask[]> {
    return this.tasks.openFor(organisationId, placementId);
  }
}
