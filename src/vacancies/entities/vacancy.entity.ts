import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';
import { numericColumn } from '../../reference-data/numeric-transformer.js';

export const VACANCY_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export interface VacancyTask {
  description: string;
  /** Could be carved out of the job for someone who cannot do it (jobcarving). */
  canBeCarvedOut: boolean;
}

/** A job at an employer, described so that it can be matched (and honestly: with its physical load). */
@Entity('vacancy')
@Index('ix_vacancy_organisation_status', ['organisationId', 'status'])
@Index('ix_vacancy_employer', ['employerId'])
export class Vacancy extends BaseEntity {
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) employerId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'char', length: 4 }) iscoCode: string;
  @Column({ type: 'text', nullable: true }) escoUri: string | null;
  @Column({ type: 'text', nullable: true }) sector: string | null;
  @Column({ type: 'jsonb', default: [] }) tasks: VacancyTask[];
  /** Lower-cased descriptions of the tasks that cannot be carved out; matched against exclusions. */
  @Column({ type: 'text', array: true, default: [] }) coreTasks: string[];
  @Column({ type: 'text', array: true, default: [] }) skills: string[];
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericColumn }) hoursMin: number;
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericColumn }) hoursMax: number;
  @Column({ type: 'smallint', nullable: true }) physicalLoad: number | null;
  @Column({ type: 'text', array: true, default: [] }) days: string[];
  @Column({ type: 'text', array: true, default: ['day'] }) shifts: string[];
  @Column({ type: 'text' }) postcode: string;
  @Column({ type: 'double precision', nullable: true }) latitude: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude: number | null;
  @Column({ type: 'boolean', default: false }) publicTransportReachable: boolean;
  @Column({ type: 'text', array: true, default: [] }) requiredCertificates: string[];
  @Column({ type: 'text', nullable: true }) languageLevel: string | null;
  @Column({ type: 'boolean', default: false }) drivingLicenceRequired: boolean;
  @Column({ type: 'smallint', nullable: true }) stimulusLevel: number | null;
  @Column({ type: 'smallint', nullable: true }) productionPressure: number | null;
  @Column({ type: 'smallint', nullable: true }) workPace: number | null;
  @Column({ type: 'integer', nullable: true }) teamSize: number | null;
  @Column({ type: 'boolean', default: false }) supervisionOnFloor: boolean;
  @Column({ type: 'boolean', default: false }) quietWorkspacePossible: boolean;
  @Column({ type: 'text', array: true, default: [] }) adaptationsPossible: string[];
  @Column({ type: 'boolean', default: false }) growthPossible: boolean;
  @Column({ type: 'boolean', default: true }) trialPlacementPossible: boolean;
  @Column({ type: 'boolean', default: false }) wageCostSubsidyPossible: boolean;
  @Column({ type: 'text', default: 'draft' }) status: VacancyStatus;
  @Column({ type: 'date', nullable: true }) closingDate: string | null;
  /** The key a CSV import gave the row, so a re-run finds it (unique per organisation). */
  @Column({ type: 'text', nullable: true }) externalReference: string | null;
  @VersionColumn() version: number;
}
