import { Injectable } from '@nestjs/common';
import { CoachDashboardService } from '../coach-dashboard/coach-dashboard.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Transactions } from '../platform/database/transactions.js';
import { RuleViolationException } from '../platform/http/problem.js';
import type { ReassignParticipantDto } from '../participants/dto/participant.dto.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { AftercareService } from './aftercare.service.js';

/**
 * A team lead hands a participant to another coach: the participant, their
 * open placements and the planned check-ins move together, with one reason,
 * or nothing moves.
 */
@Injectable()
export class CaseloadTransferService {
  constructor(
    private readonly transactions: Transactions,
    private readonly participants: ParticipantsService,
    private readonly aftercare: AftercareService,
    private readonly dashboard: CoachDashboardService,
  ) {}

  transfer(actor: Actor, participantId: string, input: ReassignParticipantDto): Promise<void> {
    return this.transactions.run(async () => {
      const before = await this.participants.get(actor, participantId);
      await this.participants.reassign(actor, participantId, input);
      if (!before.coachMembershipId) return;
      for (const placementId of await this.dashboard.openPlacementsWithCoach(participantId, before.coachMembershipId)) {
        try {
          await this.aftercare.reassign(actor, placementId, input);
        } catch (error) {
          // A placement already with the new coach needs no move; any other refusal undoes the whole hand-over.
          if (!(error instanceof RuleViolationException) || error.invalidParams?.[0]?.reason !== 'is already the coach of this placement')
            throw error;
        }
      }
    });
  }
}
