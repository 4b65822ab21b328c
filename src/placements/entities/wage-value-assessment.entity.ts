import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A loonwaarde (wage value) assessment: the share of the job's wage the participant's output is worth. */
@Entity('wage_value_assessment')
@Index('ix_wage_value_assessment_placement', ['placementId', 'assessedOn'])
export class WageValueAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'text' })
  assessorName: string;

  @Column({ type: 'date' })
  assessedOn: string;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  percentage: string;

  @Column({ type: 'text' })
  referenceJob: string;

  @Column({ type: 'text' })
  method: string;

  @Column({ type: 'text', nullable: true })
  reportDocument: string | null;

  @Column({ type: 'date' })
  nextReassessmentOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
