import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { numericColumn } from '../../reference-data/numeric-transformer.js';

/**
 * The participant's work profile, kept by the coach. One row per participant,
 * in its own table so the participant record stays as it is. The private
 * fields (benefit type, limitation kind, notes) are for staff only.
 */
@Entity('participant_profile')
@Index('ix_participant_profile_organisation_hours', ['organisationId', 'hoursMin', 'hoursMax'])
export class ParticipantProfile {
  @PrimaryColumn({ type: 'uuid' }) participantId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'text', array: true, default: [] }) occupationWishes: string[];
  /** Derived from occupationWishes on write: 3- and 2-digit ISCO groups, for matching in SQL. */
  @Column({ type: 'text', array: true, default: [] }) occupationMinorGroups: string[];
  @Column({ type: 'text', array: true, default: [] }) occupationSubMajorGroups: string[];
  @Column({ type: 'text', array: true, default: [] }) skills: string[];
  @Column({ type: 'text', array: true, default: [] }) certificates: string[];
  @Column({ type: 'text', nullable: true }) languageLevel: string | null;
  @Column({ type: 'boolean', default: false }) drivingLicence: boolean;
  @Column({ type: 'text', nullable: true }) educationLevel: string | null;
  @Column({ type: 'jsonb', default: [] }) workHistory: Array<{ employer: string; role: string; from?: string; until?: string }>;
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericColumn }) hoursMin: number;
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericColumn }) hoursMax: number;
  @Column({ type: 'text', array: true, default: [] }) daysAvailable: string[];
  @Column({ type: 'text', array: true, default: ['day'] }) shiftsPossible: string[];
  @Column({ type: 'text', nullable: true }) postcode: string | null;
  @Column({ type: 'double precision', nullable: true }) latitude: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude: number | null;
  @Column({ type: 'numeric', precision: 5, scale: 1, transformer: numericColumn }) maxTravelKm: number;
  @Column({ type: 'text', array: true, default: [] }) transportModes: string[];
  @Column({ type: 'smallint', nullable: true }) copesStimulus: number | null;
  @Column({ type: 'smallint', nullable: true }) copesPressure: number | null;
  @Column({ type: 'smallint', nullable: true }) copesPace: number | null;
  @Column({ type: 'boolean', default: false }) needsSupervision: boolean;
  @Column({ type: 'text', array: true, default: [] }) needsAdaptations: string[];
  @Column({ type: 'text', array: true, default: [] }) excludedSectors: string[];
  @Column({ type: 'text', array: true, default: [] }) excludedTasks: string[];
  @Column({ type: 'text', array: true, default: [] }) strengths: string[];
  @Column({ type: 'boolean', default: false }) wantsGrowth: boolean;
  @Column({ type: 'text', nullable: true }) workReadiness: string | null;
  @Column({ type: 'text', nullable: true }) targetGroupRegisterStatus: string | null;
  @Column({ type: 'date', nullable: true }) targetGroupRegisterDate: string | null;
  /** The latest dated capacity assessment (participant_capacity), kept here for matching in SQL. */
  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true, transformer: numericColumn }) capacityHoursPerWeek: number | null;
  @Column({ type: 'date', nullable: true }) capacityAssessedOn: string | null;
  /** Private: staff only, never in any employer projection. */
  @Column({ type: 'text', nullable: true }) benefitType: string | null;
  @Column({ type: 'text', nullable: true }) limitationKind: 'physical' | 'mental' | 'both' | null;
  /** Encrypted with FieldEncryption. */
  @Column({ type: 'text', nullable: true }) privateNotes: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** Belastbaarheid: assessed capacity, dated, because it changes over time. */
@Entity('participant_capacity')
@Index('ix_participant_capacity_latest', ['participantId', 'assessedOn', 'createdAt'])
export class ParticipantCapacity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'date' }) assessedOn: string;
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericColumn }) hoursPerDay: number;
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericColumn }) hoursPerWeek: number;
  @Column({ type: 'text', nullable: true }) breaks: string | null;
  @Column({ type: 'text', array: true, default: [] }) physicalLimits: string[];
  @Column({ type: 'uuid', nullable: true }) assessedByUserId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Observed work behaviour on the 13 dimensions, 1-5, dated. What happened, never a label. */
@Entity('work_behaviour_observation')
@Index('ix_work_behaviour_participant', ['participantId', 'observedOn'])
export class WorkBehaviourObservation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'date' }) observedOn: string;
  @Column({ type: 'jsonb' }) scores: Record<string, number>;
  @Column({ type: 'uuid', nullable: true }) observedByUserId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A barrier from the taxonomy. Private: staff only; leads to a support action, never to a lower match score. */
@Entity('participant_barrier')
@Index('ix_participant_barrier_participant', ['participantId'])
export class ParticipantBarrier {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) source: 'self_reported' | 'coach_observed' | 'referral';
  @Column({ type: 'text', nullable: true }) supportAction: string | null;
  @Column({ type: 'date' }) notedOn: string;
  @Column({ type: 'date', nullable: true }) resolvedOn: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** An intermediate goal of the trajectory plan, with the instruments that serve it. */
@Entity('trajectory_goal')
@Index('ix_trajectory_goal_participant', ['participantId'])
export class TrajectoryGoal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text', array: true, default: [] }) instruments: string[];
  @Column({ type: 'text', array: true, default: [] }) barrierCodes: string[];
  @Column({ type: 'date', nullable: true }) targetDate: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('goal_progress')
@Index('ix_goal_progress_goal', ['goalId', 'recordedOn'])
export class GoalProgress {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) goalId: string;
  @Column({ type: 'date' }) recordedOn: string;
  @Column({ type: 'smallint' }) progress: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
