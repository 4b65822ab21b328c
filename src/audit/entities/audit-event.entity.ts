import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction =
  | 'read'
  | 'list'
  | 'create'
  | 'update'
  | 'delete'
  | 'export'
  | 'erase'
  | 'consent_given'
  | 'consent_withdrawn'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'link'
  | 'unlink';

/**
 * Who read or changed which participant's data. Append-only: a database
 * trigger refuses updates and deletes, whoever asks.
 */
@Entity('audit_event')
@Index('ix_audit_event_subject', ['subjectParticipantId', 'at'])
@Index('ix_audit_event_organisation', ['organisationId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  resourceType: string;

  @Column({ type: 'uuid', nullable: true })
  resourceId: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectParticipantId: string | null;

  @Column({ type: 'text', array: true, default: [] })
  fields: string[];

  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
