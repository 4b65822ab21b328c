import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

/** E-mails sent to the participant's addresses: subject, status and date, not the bodies. */
@Injectable()
@ExportsPersonalData({ order: 60, titleNl: 'E-mails die wij u stuurden' })
export class MailMessagesExportContributor implements DataExportContributor {
  readonly section = 'mailMessages';

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const participant = await manager.getRepository(Participant).findOneByOrFail({ id: participantId, organisationId });
    const login = await participantLogin(manager, participantId, organisationId);
    const addresses = [participant.email, login?.email].filter((email): email is string => !!email).map((email) => email.toLowerCase());
    if (addresses.length === 0) return [];
    const rows: Array<{ subject: string | null; template: string; status: string; sent_at: Date | null; created_at: Date }> =
      await manager.query(
        `SELECT subject, template, status, sent_at, created_at
         FROM mail_message
        WHERE lower(recipient) = ANY($1) AND (organisation_id = $2 OR organisation_id IS NULL)
        ORDER BY created_at DESC`,
        [addresses, organisationId],
      );
    return rows.map((row) => ({
      subject: row.subject,
      kind: row.template,
      status: row.status,
      sentAt: row.sent_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    }));
  }
}

export const CORE_EXPORT_CONTRIBUTORS = [
  UserAccountExportContributor,
  MembershipsExportContributor,
  AuditEventsExportContributor,
  MailMessagesExportContributor,
];
