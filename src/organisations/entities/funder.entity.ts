import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

import type { FunderKind } from '../funder-kinds.js';

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
