import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CONSENT_PURPOSES = [
  'proposal_to_employers',
  'share_profile_with_employer',
  'disclose_support_organisation',
  'disclose_target_group',
  'email_reminders',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Profile parts a participant can choose to share with one employer. */
export const SHAREABLE_PROFILE_PARTS = [
  'name',
  'contact',
  'workPreferences',
  'skills',
  'workHistory',
  'adaptations',
  'availability',
] as const;
export type ShareableProfilePart = (typeof SHAREABLE_PROFILE_PARTS)[number];

/** How a participant confirmed a consent a coach recorded for them. */
export const CONSENT_CONFIRMATIONS = ['in_person', 'phone', 'video', 'email', 'letter'] as const;
export type ConsentConfirmation = (typeof CONSENT_CONFIRMATIONS)[number];

/**
 * A consent the participant gave for one purpose (and, where it applies, one
 * employer). Rows are never changed except to record the withdrawal, so the
 * history of who consented to what, and when, stays.
 */
@Entity('consent')
@Index('ix_consent_participant', ['participantId', 'purpose'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ type: 'uuid', nullable: true })
  employerId: string | null;

  @Column({ type: 'text', array: true, default: [] })
  profileParts: ShareableProfilePart[];

  @Column({ type: 'timestamptz' })
  givenAt: Date;

  @Column({ type: 'uuid' })
  givenByUserId: string;

  /** For a consent a coach recorded on the participant's behalf: how the participant confirmed it to them. */
  @Column({ type: 'text', nullable: true })
  confirmedVia: ConsentConfirmation | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
