import { Injectable } from '@nestjs/common';
import type { ErasureContext, ErasureOutcome, OwnedTable, PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { OwnsPersonalData } from '../platform/privacy/personal-data.js';
import { TasksRepository } from './tasks.repository.js';

/**
 * A coach's task about a participant (title and detail may name them or
 * describe their situation) is work about a trajectory that no longer
 * exists once the participant is erased: it goes.
 */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class TasksPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'coach_task',
      erasure: 'delete',
      reason: 'Tasks about the participant or their placements, with free-text title and detail, are deleted.',
    },
  ];

  constructor(private readonly tasks: TasksRepository) {}

  async erase({ organisationId, participantId }: ErasureContext): Promise<ErasureOutcome> {
    const deleted = await this.tasks.deleteAbout(organisationId, participantId);
    return { fields: deleted > 0 ? ['coachTasks'] : [], counts: { coachTasksDeleted: deleted } };
  }
}
