import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

export const PLACEMENT_TYPES = ['paid_job', 'work_experience', 'volunteer', 'self_employment'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const PLACEMENT_STATUSES = ['trial', 'contract', 'aftercare', 'closed', 'dropped_out', 'no_match'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'zero_hours', 'on_call', 'agency', 'secondment'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/**
 * A participant at an employer: from the trial placement (proefplaatsing)
 * through the contract to aftercare and closure. Dates are calendar dates.
 */
@Entity('placement')
@Index('ix_placement_organisation_participant', ['organisationId', 'participantId'])
@Index('ix_placement_employer', ['employerId'])
export class Placement extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'uuid' })
  employerId: string;

  @Column({ type: 'uuid', nullable: true })
  vacancyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  matchId: string | null;

  /** The coach who guided the trajectory stays for the aftercare. */
  @Column({ type: 'uuid', nullable: true })
  coachMembershipId: string | null;

  @Column({ type: 'text' })
  type: PlacementType;

  @Column({ type: 'text' })
  status: PlacementStatus;

  /** The employer's person who works directly with the participant. */
  @Column({ type: 'text', nullable: true })
  employerContactName: string | null;

  @Column({ type: 'text', nullable: true })
  employerContactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  employerContactPhone: string | null;

  @Column({ type: 'date', nullable: true })
  trialStart: string | null;

  @Column({ type: 'date', nullable: true })
  trialPlannedEnd: string | null;

  @Column({ type: 'text', nullable: true })
  trialExtensionReason: string | null;

  @Column({ type: 'date', nullable: true })
  letterOfIntentOn: string | null;

  /** UWV's decision on the trial placement; the trial may not start before it. */
  @Column({ type: 'date', nullable: true })
  uwvDecisionOn: string | null;

  @Column({ type: 'text', nullable: true })
  trialOutcome: 'match' | 'no_match' | null;

  @Column({ type: 'text', nullable: true })
  trialEvaluation: string | null;

  @Column({ type: 'date', nullable: true })
  contractStart: string | null;

  @Column({ type: 'text', nullable: true })
  contractType: ContractType | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  hoursPerWeek: string | null;

  /** Gross hourly wage in euros, excluding holiday pay. */
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true })
  grossHourlyWage: string | null;

  @Column({ type: 'text', nullable: true })
  wageScale: string | null;

  @Column({ type: 'date', nullable: true })
  contractEnd: string | null;

  @Column({ type: 'date', nullable: true })
  outflowOn: string | null;

  @Column({ type: 'text', nullable: true })
  outflowTo: 'work' | 'education' | null;

  @Column({ type: 'date', nullable: true })
  fundingEndOn: string | null;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'text', nullable: true })
  closureReason: string | null;

  @Column({ type: 'text', nullable: true })
  dropoutReason: string | null;

  /** Aftercare runs at least until the contract ends; a recorded renewal moves it. */
  @Column({ type: 'date', nullable: true })
  aftercareEndOn: string | null;

  @Column({ type: 'text', nullable: true })
  monitoringFrequency: string | null;

  @Column({ type: 'text', array: true, default: [] })
  riskFlagReasons: string[];

  @Column({ type: 'timestamptz', nullable: true })
  riskFlagRaisedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastContactAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  participantOptedOutAt: Date | null;

  /** The no-risk policy group (Ziektewet art. 29b); selects its parameter. */
  @Column({ type: 'text', default: 'default' })
  noRiskGroup: string;

  @VersionColumn()
  version: number;
}
