import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactChannel } from './checkin.entity.js';

/** What the participant filled in before a check-in; never required, and without effect on any benefit. */
@Entity('checkin_preparation')
export class CheckinPreparation {
  @PrimaryColumn({ type: 'uuid' })
  checkinId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'smallint', nullable: true })
  howAreThings: number | null;

  @Column({ type: 'text', nullable: true })
  trend: 'better' | 'same' | 'worse' | null;

  @Column({ type: 'text', array: true, default: [] })
  hinderingDomains: string[];

  @Column({ type: 'text', array: true, default: [] })
  helpingDomains: string[];

  @Column({ type: 'text', nullable: true })
  firstStep: string | null;

  @Column({ type: 'text', nullable: true })
  helpWanted: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;
}

@Entity('contact_log')
export class ContactLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @Column({ type: 'uuid', nullable: true })
  checkinId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  channel: ContactChannel;

  @Column({ type: 'text' })
  withParty: 'participant' | 'employer' | 'both' | 'care_provider';

  /** Encrypted (FieldEncryption). */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** A renewal talk: a talk about what comes after the contract ending on `contractEndOn`. */
  @Column({ type: 'text', nullable: true })
  topic: 'renewal_talk' | null;

  @Column({ type: 'date', nullable: true })
  contractEndOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export type PlacementEventKind =
  | 'rhythm_changed'
  | 'coach_reassigned'
  | 'aftercare_renewed'
  | 'risk_flag_raised'
  | 'risk_flag_cleared'
  | 'closed'
  | 'dropped_out'
  | 'opted_out';

/** What happened to a placement's aftercare, who asked for it and why. */
@Entity('placement_event')
export class PlacementEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'text' })
  kind: PlacementEventKind;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  requestedBy: 'participant' | 'coach' | 'employer' | 'team_lead' | 'system' | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;
}
