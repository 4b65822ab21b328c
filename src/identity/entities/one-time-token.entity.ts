import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OneTimeTokenPurpose = 'magic_link' | 'invitation' | 'password_reset' | 'handover_confirmation';

/** Single-use tokens sent by mail: sign-in links, invitations and password resets. Stored hashed. */
@Entity('one_time_token')
export class OneTimeToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  purpose: OneTimeTokenPurpose;

  @Column({ type: 'bytea', unique: true })
  tokenHash: Buffer;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  membershipId: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** For sign-in links: the hash of a nonce held in a cookie of the browser that asked. */
  @Column({ type: 'bytea', nullable: true })
  browserNonceHash: Buffer | null;

  /** Sign-in links opened in another browser: how many wrong codes were given for it (see AuthService.redeemMagicLink). */
  @Column({ type: 'smallint', default: 0 })
  wrongCodeAttempts: number;

  /** The record the token acts on, when that is not an account (the handover to confirm). */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
