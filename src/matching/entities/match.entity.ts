import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';
import { numericColumn } from '../../reference-data/numeric-transformer.js';

export const MATCH_STATUSES = [
  'proposed',
  'introduced',
  'interview',
  'trial_placement_agreed',
  'contract_agreed',
  'rejected',
  'withdrawn',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Where a match may go next. Contract without a trial placement needs a stated reason. */
export const MATCH_TRANSITIONS: Record<MatchStatus, readonly MatchStatus[]> = {
  proposed: ['introduced', 'rejected', 'withdrawn'],
  introduced: ['interview', 'trial_placement_agreed', 'contract_agreed', 'rejected', 'withdrawn'],
  interview: ['trial_placement_agreed', 'contract_agreed', 'rejected', 'withdrawn'],
  trial_placement_agreed: ['contract_agreed', 'rejected', 'withdrawn'],
  contract_agreed: [],
  rejected: [],
  withdrawn: [],
};

/** How an employer answers an introduced candidate; "not now" comes with a reason. */
export const EMPLOYER_ANSWERS = ['interested', 'invite', 'not_now'] as const;
export type EmployerAnswer = (typeof EMPLOYER_ANSWERS)[number];

/** Statuses in which the employer sees the candidate (after the introduction). */
export const EMPLOYER_VISIBLE_STATUSES: readonly MatchStatus[] = ['introduced', 'interview', 'trial_placement_agreed', 'contract_agreed'];

@Entity('match')
@Index('ix_match_employer_status', ['employerId', 'status'])
@Index('ix_match_participant', ['participantId'])
export class Match extends BaseEntity {
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) vacancyId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'uuid' }) employerId: string;
  @Column({ type: 'text', default: 'proposed' }) status: MatchStatus;
  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true, transformer: numericColumn }) score: number | null;
  @Column({ type: 'text', nullable: true }) trialSkippedReason: string | null;
  @Column({ type: 'uuid' }) createdByUserId: string;
  @Column({ type: 'text', nullable: true }) employerAnswer: EmployerAnswer | null;
  @Column({ type: 'text', nullable: true }) employerAnswerReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) employerAnsweredAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) employerAnsweredByUserId: string | null;
  @VersionColumn() version: number;
}

/** Every step of a match: who, when, from, to, why. */
@Entity('match_event')
@Index('ix_match_event_match', ['matchId', 'at', 'sequence'])
export class MatchEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) matchId: string;
  /** Orders events recorded within the same instant. */
  @Column({ type: 'bigint', insert: false, update: false }) sequence: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'text', nullable: true }) fromStatus: MatchStatus | null;
  @Column({ type: 'text' }) toStatus: MatchStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
}
