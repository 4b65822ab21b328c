import { DiscoveryService } from '@nestjs/core';
import type { Actor } from '../auth/actor.js';

/**
 * What erasure does to one table's rows about the erased person:
 * - delete: the rows go;
 * - anonymise: the rows stay for counts, with every personal and free-text value emptied;
 * - keep: kept as they are for a stated legal reason (a category of RETENTION_POLICY), holding no free text about the person;
 * - none: the table holds nothing about one participant (reference or configuration data, or another person's own data).
 */
export type ErasureHandling = 'delete' | 'anonymise' | 'keep' | 'none';

export interface OwnedTable {
  table: string;
  erasure: ErasureHandling;
  /** Why, in one sentence; for `keep` the RETENTION_POLICY category first (`category: why`). */
  reason: string;
}

export interface ErasureContext {
  actor: Actor;
  participantId: string;
  organisationId: string;
  now: Date;
  /** Why, as the staff member gave it. */
  reason: string;
  /** E-mail addresses of the erased person, gathered by the owners that know them (participant row, account). */
  addresses: Set<string>;
}

/** Counts reported in the erasure's answer, and the audit entry's field names. */
export interface ErasureOutcome {
  fields?: string[];
  counts?: Record<string, number | boolean>;
}

/**
 * A capability's privacy contract for the tables it owns: which tables they
 * are and what erasure does to each (a schema test fails on a table with a
 * person reference or free text that no contract names), and the erasure
 * itself. Erasers run in one transaction, in `order` (lower first), after the
 * participant is locked and the name confirmed.
 *
 * Export sections are contributed with `@ExportsPersonalData()` (privacy/data-export-contributor.ts).
 */
export interface PersonalDataOwner {
  readonly tables: readonly OwnedTable[];
  erase?(context: ErasureContext): Promise<ErasureOutcome | void>;
}

/** Marks a provider as a PersonalDataOwner; the option is the erasure order (default 100). */
export const OwnsPersonalData = DiscoveryService.createDecorator<{ order?: number }>();
