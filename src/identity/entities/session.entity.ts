import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in session. Only a hash of the token is stored, so a database leak yields no usable sessions. */
@Entity('session')
@Index('ix_session_user', ['userId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bytea', unique: true })
  tokenHash: Buffer;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  membershipId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Whether the second factor was checked for this session. */
  @Column({ type: 'boolean', default: false })
  secondFactor: boolean;

  /** The level of assurance (1 low, 2 substantial, 3 high) a broker vouched for; null for other ways of signing in. */
  @Column({ type: 'smallint', nullable: true })
  assurance: number | null;

  /** The broker (oidc_provider) the session was signed in with, to offer the sign-out there too. */
  @Column({ type: 'uuid', nullable: true })
  oidcProviderId: string | null;
}
