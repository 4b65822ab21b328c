import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

export const FUNDER_KINDS = ['municipality', 'uwv', 'other'] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

/** Who pays for a participant's trajectory (a municipality, UWV or another body), per organisation. */
@Entity('funder')
@Index('uq_funder_organisation_name', ['organisationId', 'name'], { unique: true })
export class Funder extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: FunderKind;
}
