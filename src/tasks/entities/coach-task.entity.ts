import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const TASK_KINDS = [
  'discuss_benefit_effect',
  'hours_above_capacity',
  'wage_value_full',
  'wage_value_reassessment',
  'subsidy_payment_missing',
  'jobcoach_contract_warning',
  're_intake',
  'low_satisfaction_score',
  'other',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * Work the system hands to a coach ("discuss what more hours mean for the
 * benefit"). One open task per purpose: `dedupeKey` keeps repeats from piling up.
 */
@Entity('coach_task')
@Index('ix_coach_task_assignee', ['assigneeMembershipId', 'doneAt'])
@Unique('uq_coach_task_dedupe_key', ['dedupeKey'])
export class CoachTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  assigneeMembershipId: string | null;

  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'text' })
  kind: TaskKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
