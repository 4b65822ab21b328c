import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, isStaff } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { type DataExportContributor, type DataExportSectionOptions, ExportsPersonalData } from './data-export-contributor.js';
import type { DataExportDto } from './dto/data-export.dto.js';
import { Transactions } from '../platform/database/transactions.js';

export interface RegisteredSection {
  contributor: DataExportContributor;
  order: number;
  titleNl: string;
}

const ABOUT = {
  nl: 'Dit zijn alle gegevens die Werkbrug over u bewaart, met wie ze heeft bekeken of gewijzigd en welke toestemmingen u gaf (AVG artikel 15).',
  en: 'This is all the data Werkbrug holds about you, who looked at or changed it, and which consents you gave (GDPR article 15).',
};

/**
 * Collects a participant's data export from every DataExportContributor in
 * the application, in one consistent snapshot, and writes an 'export' audit
 * entry in the same transaction.
 */
@Injectable()
export class DataExportService implements OnApplicationBootstrap {
  private registered?: RegisteredSection[];

  constructor(
    private readonly transactions: Transactions,
    private readonly discovery: DiscoveryService,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.sections();
  }

  /** The registered sections, in export order. Fails at start-up when two contributors claim one section. */
  sections(): RegisteredSection[] {
    if (this.registered) return this.registered;
    const byClass = new Map<unknown, RegisteredSection>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: ExportsPersonalData.KEY })) {
      const contributor = wrapper.instance as DataExportContributor | undefined;
      if (!contributor || typeof contributor.collect !== 'function') continue;
      // The same class provided by two modules is one contributor.
      if (byClass.has(contributor.constructor)) continue;
      const options: DataExportSectionOptions = this.discovery.getMetadataByDecorator(ExportsPersonalData, wrapper) ?? {};
      byClass.set(contributor.constructor, { contributor, order: options.order ?? 100, titleNl: options.titleNl ?? contributor.section });
    }
    const sections = [...byClass.values()].sort((a, b) => a.order - b.order || a.contributor.section.localeCompare(b.contributor.section));
    const seen = new Set<string>();
    for (const { contributor } of sections) {
      if (seen.has(contributor.section)) throw new Error(`Two data export contributors claim the section "${contributor.section}"`);
      seen.add(contributor.section);
    }
    this.registered = sections;
    return sections;
  }

  async export(actor: Actor, participantId: string): Promise<DataExportDto> {
    const participant = await this.participants.findVisible(actor, participantId);
    const context = { audience: isStaff(actor) ? ('staff' as const) : ('participant' as const) };
    const exportedAt = this.clock.now();
    const sections = await this.transactions.run(async () => {
      const collected: Record<string, unknown> = {};
      for (const { contributor } of this.sections()) {
        collected[contributor.section] = await contributor.collect(participantId, participant.organisationId, context);
      }
      await this.audit.record(actor, {
        action: 'export',
        resourceType: 'participant',
        resourceId: participantId,
        subjectParticipantId: participantId,
        fields: Object.keys(collected),
      });
      return collected;
    }, 'REPEATABLE READ');
    return { exportedAt: exportedAt.toISOString(), participantId, organisationId: participant.organisationId, about: ABOUT, sections };
  }
}
