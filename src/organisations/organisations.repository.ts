import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';
import { Funder } from './entities/funder.entity.js';
import { Organisation } from './entities/organisation.entity.js';
import { Team } from './entities/team.entity.js';

/** Every statement on organisation, team and funder. */
@Injectable()
export class OrganisationsRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  organisation(id: string): Promise<Organisation | null> {
    return this.manager.getRepository(Organisation).findOneBy({ id });
  }

  organisationBySlug(slug: string): Promise<Organisation | null> {
    return this.manager.getRepository(Organisation).findOneBy({ slug });
  }

  insertOrganisation(values: Pick<Organisation, 'name' | 'slug' | 'settings'>): Promise<Organisation> {
    return this.manager.getRepository(Organisation).save(values);
  }

  saveOrganisation(organisation: Organisation): Promise<Organisation> {
    return this.manager.getRepository(Organisation).save(organisation);
  }

  team(organisationId: string, id: string): Promise<Team | null> {
    return this.manager.getRepository(Team).findOneBy({ id, organisationId });
  }

  teams(organisationId: string): Promise<Team[]> {
    return this.manager.getRepository(Team).find({ where: { organisationId }, order: { name: 'ASC' } });
  }

  async setCaseloadLimit(organisationId: string, teamId: string, limit: number): Promise<void> {
    await this.manager.getRepository(Team).update({ id: teamId, organisationId }, { caseloadLimit: limit });
  }

  createTeam(organisationId: string, name: string): Promise<Team> {
    return this.manager.getRepository(Team).save({ organisationId, name });
  }

  funders(organisationId: string): Promise<Funder[]> {
    return this.manager.getRepository(Funder).find({ where: { organisationId }, order: { name: 'ASC' } });
  }

  funder(organisationId: string, id: string): Promise<Funder | null> {
    return this.manager.getRepository(Funder).findOneBy({ id, organisationId });
  }

  funderByName(organisationId: string, name: string): Promise<Funder | null> {
    return this.manager.getRepository(Funder).findOneBy({ organisationId, name });
  }

  createFunder(values: Pick<Funder, 'organisationId' | 'name' | 'kind'>): Promise<Funder> {
    return this.manager.getRepository(Funder).save(values);
  }
}
