import { Injectable } from '@nestjs/common';
import { type ErasureContext, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { PrivacyRepository } from './privacy.repository.js';

/** The erasure record itself: proof that, when and why a person was erased (AVG art. 5(2)), holding no data about them. */
@Injectable()
@OwnsPersonalData({ order: 5 })
export class ErasureRecordPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'erasure_record',
      erasure: 'keep' as const,
      reason:
        'anonymised_participant_record: who erased the (emptied) participant row, when and on what request; the reason describes the request, not the person',
    },
  ];

  constructor(private readonly repository: PrivacyRepository) {}

  async erase({ actor, participantId, organisationId, now, reason }: ErasureContext): Promise<void> {
    await this.repository.recordErasure({ organisationId, participantId, erasedAt: now, erasedByUserId: actor.userId, reason });
  }
}
