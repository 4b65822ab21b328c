import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { InvalidInputException } from '../platform/http/problem.js';
import { type ErasureContext, type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { EraseParticipantDto, ErasureResultDto } from './dto/erasure.dto.js';

export { ERASED_NAME } from '../participants/participants.repository.js';

/** Compares names as people type them: case, accents' composition and extra spaces do not matter. */
export function sameName(typed: string, actual: string): boolean {
  const normal = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
  return normal(typed) === normal(actual);
}

interface RegisteredOwner {
  owner: PersonalDataOwner;
  order: number;
  name: string;
}

/**
 * The right to erasure (GDPR art. 17), within what the law requires us to
 * keep (see retention-policy.ts). Each capability erases its own tables
 * through its privacy contract (`@OwnsPersonalData`), all in one transaction.
 * The participant row stays, emptied and marked erased, so counts and
 * statistics still add up; the audit log keeps its rows (ids only, append-only).
 */
@Injectable()
export class ErasureService {
  private registered?: RegisteredOwner[];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly transactions: Transactions,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every registered privacy contract, in erasure order. */
  owners(): RegisteredOwner[] {
    if (this.registered) return this.registered;
    const byClass = new Map<unknown, RegisteredOwner>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: OwnsPersonalData.KEY })) {
      const owner = wrapper.instance as PersonalDataOwner | undefined;
      if (!owner || byClass.has(owner.constructor)) continue;
      const options = this.discovery.getMetadataByDecorator(OwnsPersonalData, wrapper) ?? {};
      byClass.set(owner.constructor, { owner, order: options.order ?? 100, name: owner.constructor.name });
    }
    this.registered = [...byClass.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    return this.registered;
  }

  /** Every table some capability declares, with what erasure does to it. */
  ownedTables(): Array<OwnedTable & { owner: string }> {
    return this.owners().flatMap(({ owner, name }) => owner.tables.map((table) => ({ ...table, owner: name })));
  }

  async erase(actor: Actor, participantId: string, input: EraseParticipantDto): Promise<ErasureResultDto> {
    return this.transactions.run(async () => {
      // Locked, and 404 once erased: a second erasure finds nothing.
      const participant = await this.participants.findVisible(actor, participantId, true);
      if (!sameName(input.confirmName, `${participant.firstName} ${participant.lastName}`)) {
        throw new InvalidInputException([{ name: 'confirmName', reason: "must equal the participant's full name (first and last name)" }]);
      }
      const context: ErasureContext = {
        actor,
        participantId,
        organisationId: participant.organisationId,
        now: this.clock.now(),
        reason: input.reason,
        addresses: new Set(participant.email ? [participant.email.toLowerCase()] : []),
      };
      const fields: string[] = [];
      const counts: Record<string, number | boolean> = {};
      for (const { owner } of this.owners()) {
        const outcome = await owner.erase?.(context);
        if (!outcome) continue;
        fields.push(...(outcome.fields ?? []));
        Object.assign(counts, outcome.counts);
      }
      await this.audit.record(actor, {
        action: 'erase',
        resourceType: 'participant',
        resourceId: participantId,
        subjectParticipantId: participantId,
        fields,
      });
      return {
        participantId,
        erasedAt: context.now.toISOString(),
        consentsWithdrawn: Number(counts.consentsWithdrawn ?? 0),
        userAccountAnonymised: Boolean(counts.userAccountAnonymised),
        sessionsRevoked: Number(counts.sessionsRevoked ?? 0),
        oneTimeTokensDeleted: Number(counts.oneTimeTokensDeleted ?? 0),
        mailMessagesDeleted: Number(counts.mailMessagesDeleted ?? 0),
        mailMessagesAnonymised: Number(counts.mailMessagesAnonymised ?? 0),
      };
    });
  }
}
