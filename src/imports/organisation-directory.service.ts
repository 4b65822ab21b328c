import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import type { MembershipStatus, Role } from '../identity/entities/membership.entity.js';
import { OrganisationDirectoryRepository } from './organisation-directory.repository.js';

/** A staff member as the admin's user list shows it. */
export interface DirectoryMember {
  displayName: string;
  email: string;
  role: Role;
  status: MembershipStatus;
  teamId: string | null;
}

export interface DirectoryOption {
  id: string;
  name: string;
}

/**
 * What the admin's pages list of the organisation: member counts, staff
 * members, teams and employers (the options of the invitation form). Read
 * only; the admin is the actor and the membership scope applies.
 */
@Injectable()
export class OrganisationDirectoryService {
  constructor(
    private readonly repository: OrganisationDirectoryRepository,
    private readonly policies: PolicyService,
  ) {}

  memberCounts(actor: Actor): Promise<{ active: number; invited: number }> {
    return this.repository.memberCounts(actor.organisationId);
  }

  async staffMembers(actor: Actor, limit = 1000): Promise<DirectoryMember[]> {
    const members = await this.repository.staffMembers(this.policies.membershipScope(actor, 'm'), limit);
    return members.map((member) => ({
      displayName: member.user!.displayName,
      email: member.user!.email,
      role: member.role,
      status: member.status,
      teamId: member.teamId,
    }));
  }

  teams(actor: Actor): Promise<DirectoryOption[]> {
    return this.repository.teams(actor.organisationId);
  }

  employers(actor: Actor, limit = 500): Promise<DirectoryOption[]> {
    return this.repository.employers(actor.organisationId, limit);
  }
}
