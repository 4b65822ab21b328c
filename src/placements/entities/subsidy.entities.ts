import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A subsidy calculation as it was reported for one month. Stored whole, so a
 * later parameter change never alters what was already reported. A statement
 * made with a provisional value is corrected by a new statement pointing at it
 * (one original per month, one correction per statement: partial unique indexes).
 */
@Entity('subsidy_statement')
export class SubsidyStatement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  /** YYYY-MM */
  @Column({ type: 'text' })
  month: string;

  @Column({ type: 'integer' })
  amountCents: number;

  @Column({ type: 'jsonb' })
  calculation: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  reportedByUserId: string | null;

  /** Made with a value not yet published (e.g. the minimum wage of a new half-year). */
  @Column({ type: 'boolean', default: false })
  provisional: boolean;

  @Column({ type: 'uuid', nullable: true })
  correctsStatementId: string | null;

  /** For a correction: its amount minus the corrected statement's. */
  @Column({ type: 'integer', nullable: true })
  differenceCents: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export type SubsidyDecisionStatus = 'applied' | 'granted' | 'refused';

/** The municipality's decision on the wage-cost subsidy: applied, then granted or refused. */
@Entity('subsidy_decision')
@Index('ix_subsidy_decision_placement', ['placementId'])
export class SubsidyDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'text' })
  status: SubsidyDecisionStatus;

  @Column({ type: 'date' })
  appliedOn: string;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'integer', nullable: true })
  monthlyAmountCents: number | null;

  @Column({ type: 'date', nullable: true })
  periodStart: string | null;

  @Column({ type: 'date', nullable: true })
  periodEnd: string | null;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One expected monthly payment of a granted subsidy; missing N days after it was due raises an alert. */
@Entity('subsidy_payment')
@Unique('uq_subsidy_payment_month', ['decisionId', 'month'])
export class SubsidyPayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'uuid' })
  decisionId: string;

  /** YYYY-MM */
  @Column({ type: 'text' })
  month: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'integer' })
  amountCents: number;

  @Column({ type: 'date', nullable: true })
  receivedOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  alertedAt: Date | null;
}
