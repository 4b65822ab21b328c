import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

export const JOBCOACH_GRANT_STATUSES = ['requested', 'granted', 'refused'] as const;
export type JobcoachGrantStatus = (typeof JOBCOACH_GRANT_STATUSES)[number];

export interface JobcoachWarning {
  code: string;
  nl: string;
  en: string;
}

/** A UWV jobcoach grant for one period of at most six months of a placement. */
@Entity('jobcoach_grant')
@Index('ix_jobcoach_grant_placement', ['placementId', 'periodStart'])
export class JobcoachGrant extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'text' })
  status: JobcoachGrantStatus;

  @Column({ type: 'date' })
  requestedOn: string;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  hoursGranted: string | null;

  /** Warnings given when the grant was requested (contract type, length, hours). */
  @Column({ type: 'jsonb', default: [] })
  warnings: JobcoachWarning[];

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId: string | null;
}

/** Hours of jobcoaching worked under a grant, each with its justification; never more than granted. */
@Entity('jobcoach_hours')
@Index('ix_jobcoach_hours_grant', ['grantId', 'workedOn'])
export class JobcoachHours {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  grantId: string;

  @Column({ type: 'date' })
  workedOn: string;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  hours: string;

  @Column({ type: 'text' })
  justification: string;

  @Column({ type: 'uuid', nullable: true })
  registeredByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
