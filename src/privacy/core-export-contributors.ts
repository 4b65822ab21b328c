import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { ConsentsService } from '../consents/consents.service.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from './data-export-contributor.js';

/** The participant's user account and membership in this organisation, if they have one. */
async function participantLogin(
  manager: EntityManager,
  participantId: string,
  organisationId: string,
): Promise<{ userId: string; email: string } | null> {
  const rows: Array<{ user_id: string; email: string }> = await manager.query(
    `SELECT u.id AS user_id, u.email
       FROM membership m JOIN user_account u ON u.id = m.user_id
      WHERE m.participant_id = $1 AND m.organisation_id = $2`,
    [participantId, organisationId],
  );
  return rows[0] ? { userId: rows[0].user_id, email: rows[0].email } : null;
}

/**
 * The participant record. Coach notes (privateNotes) are decrypted and
 * included for staff AND for the participant themself: under GDPR art. 15
 * the data subject is entitled to a copy of all personal data held about
 * them, and the notes are exactly that. (Ordinary reads keep hiding them from
 * participants; a coach who thinks a note must be withheld to protect someone
 * else's rights (art. 15(4)) has to take that up with the privacy officer,
 * not silently drop it.)
 */
@Injectable()
@ExportsPersonalData({ order: 10, titleNl: 'Uw gegevens' })
export class ParticipantExportContributor implements DataExportContributor {
  readonly section = 'participant';

  constructor(private readonly encryption: FieldEncryption) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const participant = await manager.getRepository(Participant).findOneByOrFail({ id: participantId, organisationId });
    const coach: Array<{ display_name: string }> = participant.coachMembershipId
      ? await manager.query(
          'SELECT u.display_name FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.id = $1 AND m.organisation_id = $2',
          [participant.coachMembershipId, organisationId],
        )
      : [];
    return {
      id: participant.id,
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      phone: participant.phone,
      dateOfBirth: participant.dateOfBirth,
      coachName: coach[0]?.display_name ?? null,
      privateNotes: this.encryption.decrypt(participant.privateNotes),
      createdAt: participant.createdAt.toISOString(),
      updatedAt: participant.updatedAt.toISOString(),
    };
  }
}

/** The account the participant signs in with: never the password hash or the second-factor secret. */
@Injectable()
@ExportsPersonalData({ order: 20, titleNl: 'Uw account' })
export class UserAccountExportContributor implements DataExportContributor {
  readonly section = 'userAccount';

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const rows: Array<{
      email: string;
      display_name: string;
      locale: string;
      phone: string | null;
      created_at: Date;
      disabled_at: Date | null;
    }> = await manager.query(
      `SELECT u.email, u.display_name, u.locale, u.phone, u.created_at, u.disabled_at
           FROM membership m JOIN user_account u ON u.id = m.user_id
          WHERE m.participant_id = $1 AND m.organisation_id = $2`,
      [participantId, organisationId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
      phone: row.phone,
      createdAt: row.created_at.toISOString(),
      disabledAt: row.disabled_at?.toISOString() ?? null,
    };
  }
}

/** The participant's roles in this organisation (other organisations' data never crosses over). */
@Injectable()
@ExportsPersonalData({ order: 30, titleNl: 'Uw toegang tot Werkbrug' })
export class MembershipsExportContributor implements DataExportContributor {
  readonly section = 'memberships';

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const login = await participantLogin(manager, participantId, organisationId);
    if (!login) return [];
    const rows: Array<{ id: string; role: string; status: string; created_at: Date }> = await manager.query(
      'SELECT id, role, status, created_at FROM membership WHERE user_id = $1 AND organisation_id = $2 ORDER BY created_at',
      [login.userId, organisationId],
    );
    return rows.map((row) => ({ id: row.id, role: row.role, status: row.status, createdAt: row.created_at.toISOString() }));
  }
}

/** Every consent ever given or withdrawn, with what it meant. */
@Injectable()
@ExportsPersonalData({ order: 40, titleNl: 'Uw toestemmingen' })
export class ConsentsExportContributor implements DataExportContributor {
  readonly section = 'consents';

  constructor(private readonly consents: ConsentsService) {}

  collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    return this.consents.history(participantId, organisationId, manager);
  }
}

/** Who looked at or changed the participant's data: the same view as the access log, complete. */
@Injectable()
@ExportsPersonalData({ order: 50, titleNl: 'Wie uw gegevens heeft bekeken of gewijzigd' })
export class AuditEventsExportContributor implements DataExportContributor {
  readonly section = 'auditEvents';

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const rows: Array<{
      at: Date;
      actor_role: string;
      display_name: string | null;
      action: string;
      resource_type: string;
      fields: string[];
    }> = await manager.query(
      `SELECT e.at, e.actor_role, u.display_name, e.action, e.resource_type, e.fields
           FROM audit_event e
           LEFT JOIN membership m ON m.user_id = e.actor_user_id AND m.organisation_id = e.organisation_id
           LEFT JOIN user_account u ON u.id = m.user_id
          WHERE e.organisation_id = $1 AND e.subject_participant_id = $2
          ORDER BY e.at DESC, e.id DESC`,
      [organisationId, participantId],
    );
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actor: { displayName: row.display_name, role: row.actor_role },
      action: row.action,
      resourceType: row.resource_type,
      fields: row.fields,
    }));
  }
}

export const CORE_EXPORT_CONTRIBUTORS = [
  ParticipantExportContributor,
  UserAccountExportContributor,
  MembershipsExportContributor,
  ConsentsExportContributor,
  AuditEventsExportContributor,
];
