import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';
import { UserAccount } from './user-account.entity.js';

export const ROLES = ['admin', 'team_lead', 'jobcoach', 'employer_user', 'participant', 'funder'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['admin', 'team_lead', 'jobcoach'];

export type MembershipStatus = 'invited' | 'active' | 'disabled';

/** One role of one person in one organisation. */
@Entity('membership')
@Unique('uq_membership_organisation_user', ['organisationId', 'userId'])
@Index('ix_membership_team', ['teamId'])
export class Membership extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccount;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  /** For employer users: the one employer they act for. */
  @Column({ type: 'uuid', nullable: true })
  employerId: string | null;

  /** For funder users (read-only): the funder whose trajectories they see as aggregates. */
  @Column({ type: 'uuid', nullable: true })
  funderId: string | null;

  /** For participants: their own participant record. */
  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'text', default: 'invited' })
  status: MembershipStatus;

  /** A coach's absence (holiday, sickness): help requests go to the team lead meanwhile. */
  @Column({ type: 'date', nullable: true })
  absentUntil: string | null;
}
