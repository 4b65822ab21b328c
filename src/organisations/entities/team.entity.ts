import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

@Entity('team')
@Index('ix_team_organisation', ['organisationId'])
export class Team extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;
}
