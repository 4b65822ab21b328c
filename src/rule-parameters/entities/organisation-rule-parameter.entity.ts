import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A dated rule value set by one organisation: a local rule (re-assessment
 * interval, durable-placement period), or a national value for a period the
 * shipped reference data does not cover. The value itself is never edited:
 * an admin can only set an end date or withdraw the row (kept for the record).
 */
@Entity('organisation_rule_parameter')
@Index('ix_organisation_rule_parameter_key', ['organisationId', 'key'])
export class OrganisationRuleParameter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text', nullable: true })
  scope: string | null;

  @Column({ type: 'numeric', nullable: true })
  valueNumber: string | null;

  @Column({ type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;
}
