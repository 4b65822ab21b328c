import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Actor } from './actor.js';
import type { ResourceKind } from './policy.decorator.js';
import { type ResourceAccessReader, resourceAccessReader } from './resource-access.js';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The one place that decides which records an actor is related to. Single
 * reads and lists use the same conditions, so a list never shows, and a
 * count never reveals, what a single read would refuse.
 */
@Injectable()
export class PolicyService {
  private readonly readers = new Map<ResourceKind, ResourceAccessReader>();

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Participants the actor may see, as a condition on `alias` (a participant row). */
  participantScope(actor: Actor, alias: string): SqlCondition {
    const params = {
      scopeOrg: actor.organisationId,
      scopeMember: actor.membershipId,
      scopeTeam: actor.teamId,
      scopeParticipant: actor.participantId,
    };
    // An erased participant is gone for every purpose: no route may reach the anonymised row.
    const org = `${alias}.organisation_id = :scopeOrg AND ${alias}.erased_at IS NULL`;
    switch (actor.role) {
      case 'admin':
        return { sql: org, params };
      case 'team_lead':
        return {
          sql: `${org} AND (${alias}.coach_membership_id = :scopeMember OR ${alias}.coach_membership_id IN (SELECT tm.id FROM membership tm WHERE tm.team_id = :scopeTeam AND tm.organisation_id = :scopeOrg))`,
          params,
        };
      case 'jobcoach':
        return {
          sql: `${org} AND (${alias}.coach_membership_id = :scopeMember OR ${alias}.id IN (SELECT cs.participant_id FROM caseload_share cs WHERE cs.coach_membership_id = :scopeMember AND (cs.valid_until IS NULL OR cs.valid_until >= current_date)))`,
          params,
        };
      case 'participant':
        return { sql: `${org} AND ${alias}.id = :scopeParticipant`, params };
      case 'employer_user':
      case 'funder':
        // Employers never read participant records; they get consented projections elsewhere. Funders see aggregates only.
        return { sql: 'false', params };
    }
  }

  employerScope(actor: Actor, alias: string): SqlCondition {
    const params = { scopeOrg: actor.organisationId, scopeEmployer: actor.employerId };
    if (actor.role === 'employer_user') return { sql: `${alias}.organisation_id = :scopeOrg AND ${alias}.id = :scopeEmployer`, params };
    if (actor.role === 'participant' || actor.role === 'funder') return { sql: 'false', params };
    return { sql: `${alias}.organisation_id = :scopeOrg`, params };
  }

  membershipScope(actor: Actor, alias: string): SqlCondition {
    const params = { scopeOrg: actor.organisationId, scopeMember: actor.membershipId, scopeTeam: actor.teamId };
    if (actor.role === 'admin') return { sql: `${alias}.organisation_id = :scopeOrg`, params };
    if (actor.role === 'team_lead')
      return { sql: `${alias}.organisation_id = :scopeOrg AND (${alias}.team_id = :scopeTeam OR ${alias}.id = :scopeMember)`, params };
    return { sql: `${alias}.id = :scopeMember`, params };
  }

  /**
   * Placements follow their participant; an employer user sees their
   * employer's placements only where the participant agreed that the employer
   * may know a support organisation is involved.
   */
  placementScope(actor: Actor, alias: string): SqlCondition {
    if (actor.role === 'employer_user') {
      return {
        sql: `${alias}.organisation_id = :scopeOrg AND ${alias}.employer_id = :scopeEmployer AND EXISTS (
          SELECT 1 FROM consent c WHERE c.participant_id = ${alias}.participant_id AND c.employer_id = ${alias}.employer_id
            AND c.purpose = 'disclose_support_organisation' AND c.withdrawn_at IS NULL)`,
        params: { scopeOrg: actor.organisationId, scopeEmployer: actor.employerId },
      };
    }
    const participant = this.participantScope(actor, 'scoped_participant');
    return {
      sql: `EXISTS (SELECT 1 FROM participant scoped_participant WHERE scoped_participant.id = ${alias}.participant_id AND ${participant.sql})`,
      params: participant.params,
    };
  }

  /** Records that belong to a placement (handover meeting, check-in) follow the placement. */
  placementPartScope(actor: Actor, alias: string): SqlCondition {
    const placement = this.placementScope(actor, 'scoped_placement');
    return {
      sql: `EXISTS (SELECT 1 FROM placement scoped_placement WHERE scoped_placement.id = ${alias}.placement_id AND ${placement.sql})`,
      params: placement.params,
    };
  }

  scope(kind: ResourceKind, actor: Actor, alias: string): SqlCondition {
    if (kind === 'participant') return this.participantScope(actor, alias);
    if (kind === 'handover_meeting' || kind === 'checkin') return this.placementPartScope(actor, alias);
    if (kind === 'placement') return this.placementScope(actor, alias);
    if (kind === 'employer') return this.employerScope(actor, alias);
    return this.membershipScope(actor, alias);
  }

  /** Whether the actor is related to the record; unrelated and non-existent look the same. */
  async canAccess(actor: Actor, kind: ResourceKind, id: string): Promise<boolean> {
    const reader = this.reader(kind);
    return reader.isVisible(kind, id, this.scope(kind, actor, 'r'));
  }

  /** The owner's repository registered for the kind with `@ChecksResourceAccess` (found once). */
  private reader(kind: ResourceKind): ResourceAccessReader {
    const known = this.readers.get(kind);
    if (known) return known;
    const owner = resourceAccessReader(kind);
    const reader = owner && this.moduleRef.get(owner, { strict: false });
    if (!reader) throw new Error(`No repository checks access to ${kind}: decorate its owner's repository with @ChecksResourceAccess`);
    this.readers.set(kind, reader);
    return reader;
  }
}
