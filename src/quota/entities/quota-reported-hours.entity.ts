import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CountsAt } from '../../rules/calculations/quota.js';

/**
 * Target-group hours an employer reports itself for the banenafspraak:
 * employees in the doelgroepregister not placed through the organisation,
 * or workers it hires in ('hiring', they count here) or lends out
 * ('lending', they count at the hirer). Rows are added, never edited.
 */
@Entity('quota_reported_hours')
@Index('ix_quota_reported_hours_employer_year', ['employerId', 'year'])
export class QuotaReportedHours {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  employerId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'numeric', precision: 9, scale: 2 })
  hours: string;

  @Column({ type: 'text' })
  countsAt: CountsAt;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  reportedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
