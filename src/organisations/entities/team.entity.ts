import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

@Entity('team')
@Index('ix_team_organisation', ['organisationId'])
export class Team extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  /** How many participants one coach of this team should carry at most; the team page marks who is above it. */
  @Column({ type: 'int', default: 30 })
  caseloadLimit: number;
}
