import { Column, Entity, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';
import type { ContactChannel } from '../aftercare.constants.js';

export type CheckinStatus = 'planned' | 'done' | 'missed' | 'cancelled';
export { CONTACT_CHANNELS, type ContactChannel } from '../aftercare.constants.js';

export interface CheckinAction {
  owner: 'coach' | 'employer' | 'employee';
  text: string;
  dueOn?: string;
}

export interface AgreementEvaluation {
  item: string;
  party: 'participant' | 'employer' | 'coach';
  kept: boolean;
  note?: string;
}

/** An aftercare check-in by the same coach: planned from the monitoring plan, then recorded or marked missed. */
@Entity('checkin')
export class Checkin extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'text' })
  status: CheckinStatus;

  /** The first check-in asks whether the work matches how it was described. */
  @Column({ type: 'boolean', default: false })
  firstAfterStart: boolean;

  /** The agreed time of a planned check-in, when the coach set one. */
  @Column({ type: 'timestamptz', nullable: true })
  appointmentAt: Date | null;

  /** Where the planned check-in takes place ("bij u thuis", "op het werk", an address, "telefonisch"). */
  @Column({ type: 'text', nullable: true })
  appointmentPlace: string | null;

  @Column({ type: 'date', nullable: true })
  heldOn: string | null;

  @Column({ type: 'text', nullable: true })
  channel: ContactChannel | null;

  @Column({ type: 'text', nullable: true })
  withWhom: 'participant' | 'employer' | 'both' | null;

  /** Knowing, being able, doing, belonging (kennen, kunnen, doen, zijn). */
  @Column({ type: 'jsonb', nullable: true })
  frame: Record<'knowing' | 'able' | 'doing' | 'belonging', string> | null;

  @Column({ type: 'text', nullable: true })
  lookBack: string | null;

  @Column({ type: 'text', nullable: true })
  lookAhead: string | null;

  @Column({ type: 'jsonb', default: [] })
  actions: CheckinAction[];

  @Column({ type: 'jsonb', default: {} })
  lifeDomains: Record<string, string>;

  @Column({ type: 'text', array: true, default: [] })
  signals: string[];

  @Column({ type: 'jsonb', default: [] })
  agreementEvaluations: AgreementEvaluation[];

  @Column({ type: 'boolean', nullable: true })
  workMatchesDescription: boolean | null;

  /** Encrypted (FieldEncryption). */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'date', nullable: true })
  nextContactOn: string | null;

  @Column({ type: 'text', nullable: true })
  missedReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @VersionColumn()
  version: number;
}
