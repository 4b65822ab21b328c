import { DiscoveryService } from '@nestjs/core';

/** Who asked for the export: the participant themself (GDPR art. 15) or staff on their behalf. */
export interface DataExportContext {
  audience: 'participant' | 'staff';
}

/**
 * One section of a participant's data export. A feature that stores data
 * about participants (placements, check-ins, help requests, ...) adds its own
 * section by providing a class like this, decorated with
 * `@ExportsPersonalData()`, in its module's providers; DataExportService
 * finds every such provider at start-up (Nest's DiscoveryService, by the
 * decorator's KEY). No change to the privacy module is needed.
 *
 * `collect` runs inside one REPEATABLE READ transaction shared by all
 * sections (the owner's repositories join it), so the export is a consistent
 * snapshot. It must return plain
 * JSON-serialisable data, limited to the participant's organisation, and must
 * never return secrets (password hashes, TOTP secrets, tokens).
 */
export interface DataExportContributor {
  /** camelCase, unique across the application: the key under `sections`. */
  readonly section: string;
  collect(participantId: string, organisationId: string, context: DataExportContext): Promise<unknown>;
}

export interface DataExportSectionOptions {
  /** Position in the export: lower first. Core sections use 10-60; features default to 100. */
  order?: number;
  /** Dutch heading for the readable (HTML) export; defaults to the section key. */
  titleNl?: string;
}

/** Marks a provider as a DataExportContributor; the discovery key acts as the registration token. */
export const ExportsPersonalData = DiscoveryService.createDecorator<DataExportSectionOptions>();
