import { Column, Entity, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

export interface OrganisationSettings {
  /** Staff may sign in by e-mail link as well as by password. */
  staffMagicLinkAllowed?: boolean;
  /** Working days within which a coach acknowledges a help request. */
  helpResponseWorkingDays?: number;
  matchingWeights?: Record<string, number>;
}

/** A tenant: a re-integration company or a municipality. Nothing crosses its boundary. */
@Entity('organisation')
export class Organisation extends BaseEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'jsonb', default: {} })
  settings: OrganisationSettings;

  @VersionColumn()
  version: number;
}
