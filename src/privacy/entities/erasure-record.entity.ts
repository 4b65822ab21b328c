import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why and by whom a participant was erased, kept apart from the (append-only) audit log, which holds ids only. */
@Entity('erasure_record')
export class ErasureRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'timestamptz' })
  erasedAt: Date;

  @Column({ type: 'uuid' })
  erasedByUserId: string;

  /** The staff member's reason, as typed: about the request, not about the person. */
  @Column({ type: 'text' })
  reason: string;
}
