import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { HelpCategory, HelpChannel, HelpStatus, HelpUrgency } from '../help-request.constants.js';

/** A participant's or employer user's request for help (migration 1763900600000); `body` is encrypted. */
@Entity('help_request')
@Index('ix_help_request_assignee_status', ['assignedMembershipId', 'status'])
export class HelpRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  requesterUserId: string;

  @Column({ type: 'text' })
  requesterRole: 'participant' | 'employer_user';

  @Index('ix_help_request_participant')
  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  employerId: string | null;

  @Column({ type: 'text' })
  category: HelpCategory;

  @Column({ type: 'text' })
  urgency: HelpUrgency;

  @Column({ type: 'text', nullable: true })
  preferredChannel: HelpChannel | null;

  @Column({ type: 'text', nullable: true })
  preferredTime: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'new' })
  status: HelpStatus;

  @Column({ type: 'uuid', nullable: true })
  assignedMembershipId: string | null;

  @Column({ type: 'timestamptz' })
  acknowledgeBy: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A message in a help request's conversation; `body` is encrypted. */
@Entity('help_request_message')
@Index('ix_help_request_message_request', ['helpRequestId', 'createdAt'])
export class HelpRequestMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  helpRequestId: string;

  @Column({ type: 'uuid' })
  authorUserId: string;

  @Column({ type: 'text' })
  authorRole: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
