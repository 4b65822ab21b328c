import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export type MailStatus = 'queued' | 'sent' | 'retrying' | 'failed';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Base64. */
  content: string;
  /** For calendar invitations: sent as an alternative body part, as mail clients expect. */
  method?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
}

/**
 * The outbox: one row per mail that should go out. The row is the source of
 * truth; the queue job only carries its id, so a retried or repeated job finds
 * the row already sent and does nothing.
 */
@Entity('mail_message')
@Unique('uq_mail_message_dedupe_key', ['dedupeKey'])
@Unique('uq_mail_message_message_id', ['messageId'])
@Index('ix_mail_message_status_created', ['status', 'createdAt'])
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_mail_message_organisation')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** One mail per purpose: "the overdue alert for check-in X" is queued once, ever. */
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text' })
  recipient: string;

  /** What the template needs; kept until the mail is composed, then cleared. */
  @Column({ type: 'jsonb', default: {} })
  context: Record<string, unknown>;

  @Column({ type: 'jsonb', default: [] })
  attachments: MailAttachment[];

  /** The participant the mail names, whoever receives it (for erasure). */
  @Column({ type: 'uuid', nullable: true })
  aboutParticipantId: string | null;

  /** Stable, so a resend after a crash is recognisable as the same message. */
  @Column({ type: 'text' })
  messageId: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', default: 'queued' })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** The job sending this mail right now (see MailService.claim), until `claimedUntil`. */
  @Column({ type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  /** The MIME message, built when the mail was prepared ahead; cleared once sent. */
  @Column({ type: 'bytea', nullable: true, select: true })
  rawMessage: Buffer | null;

  /** Prepared ahead: not handed to the transport before this moment. */
  @Column({ type: 'timestamptz', nullable: true })
  sendAfter: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
