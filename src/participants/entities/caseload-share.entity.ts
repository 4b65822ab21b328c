import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A team lead lets another coach see a participant (holiday cover, second opinion). */
@Entity('caseload_share')
@Index('ix_caseload_share_coach', ['coachMembershipId'])
export class CaseloadShare {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'uuid' })
  coachMembershipId: string;

  @Column({ type: 'uuid' })
  grantedByMembershipId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
