import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

/** A person who can sign in. What they may do depends on their membership in an organisation. */
@Entity('user_account')
export class UserAccount extends BaseEntity {
  /** Stored lower-cased; unique across the installation. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /** Encrypted TOTP secret (see FieldEncryption). */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  @Column({ type: 'boolean', default: false })
  totpEnabled: boolean;

  /** The last authenticator time step accepted: its code and older ones are refused. */
  @Column({ type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;

  @Column({ type: 'text', default: 'nl' })
  locale: 'nl' | 'en';

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
