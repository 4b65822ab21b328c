import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../database/base.entity.js';

/** An organisation's client: a company or public body that hires participants. */
@Entity('employer')
@Index('ix_employer_organisation', ['organisationId'])
export class Employer extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  /** The organisation's one named contact person for this employer (a coach's membership). */
  @Column({ type: 'uuid', nullable: true })
  contactCoachMembershipId: string | null;

  @VersionColumn()
  version: number;
}
