import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';
import type { TargetGroup } from '../target-groups.js';

/**
 * A person with an occupational disability on a trajectory towards, or in, work
 * (deelnemer). Personal data: every read and change is audit-logged.
 */
@Entity('participant')
@Index('ix_participant_organisation_coach', ['organisationId', 'coachMembershipId'])
export class Participant extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  /** The coach who guides the trajectory and, later, the aftercare. */
  @Column({ type: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** Coach notes: special-category data, encrypted at rest (FieldEncryption). */
  @Column({ type: 'text', nullable: true })
  privateNotes: string | null;

  /** Who pays for the trajectory (organisations' funder table). */
  @Column({ type: 'uuid', nullable: true })
  funderId: string | null;

  @Column({ type: 'text', nullable: true })
  targetGroup: TargetGroup | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @VersionColumn()
  version: number;
}
