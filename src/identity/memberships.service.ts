import { AuditService } from '../audit/audit.service.js';
import { Transactions } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import type { MembershipDto, UpdateMembershipDto } from '../organisations/dto/organisation.dto.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { mayCarryCaseload } from './caseworker.js';
import { type Membership, type MembershipStatus, type Role, STAFF_ROLES } from './entities/membership.entity.js';
import { IdentityRepository, type RecipientRow } from './identity.repository.js';
import { SessionService } from './session.service.js';

/**
 * A person behind a membership, as mails and pages address them: the one
 * public read of membership + user_account for other capabilities.
 */
export interface Recipient {
  membershipId: string;
  userId: string;
  organisationId: string;
  role: Role;
  status: MembershipStatus;
  teamId: string | null;
  /** A coach's absence (YYYY-MM-DD, inclusive): mail meant for them may go to the team lead meanwhile. */
  absentUntil: string | null;
  email: string;
  displayName: string;
  locale: 'nl' | 'en';
  phone: string | null;
}

function toRecipient(row: RecipientRow): Recipient {
  return {
    membershipId: row.membership_id,
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    status: row.status,
    teamId: row.team_id,
    absentUntil: row.absent_until,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    phone: row.phone,
  };
}

function toMembershipDto(membership: Membership): MembershipDto {
  return {
    id: membership.id,
    displayName: membership.user!.displayName,
    email: membership.user!.email,
    role: membership.role,
    status: membership.status,
    teamId: membership.teamId,
    absentUntil: membership.absentUntil,
  };
}

/** Memberships: who has which role in an organisation, and how to reach them. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly policies: PolicyService,
    private readonly sessions: SessionService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Name, address and language of each membership's account, keyed by
   * membership id; ids that do not exist are absent from the map. Any status
   * (check `status` when only active people may be addressed). Joins the open
   * transaction, if any.
   */
  async recipients(membershipIds: readonly string[]): Promise<Map<string, Recipient>> {
    const ids = [...new Set(membershipIds.filter((id): id is string => !!id))];
    if (ids.length === 0) return new Map();
    const rows = await this.identity.recipients(ids);
    return new Map(rows.map((row) => [row.membership_id, toRecipient(row)]));
  }

  /** One membership's recipient, or undefined when the id is null or unknown. */
  async recipient(membershipId: string | null | undefined): Promise<Recipient | undefined> {
    if (!membershipId) return undefined;
    return (await this.recipients([membershipId])).get(membershipId);
  }

  /** The active team leads of these teams in the organisation, oldest membership first (the first is a team's usual lead). */
  async teamLeads(organisationId: string, teamIds: readonly string[]): Promise<Recipient[]> {
    const ids = [...new Set(teamIds.filter((id): id is string => !!id))];
    if (ids.length === 0) return [];
    return (await this.identity.teamLeads(organisationId, ids)).map(toRecipient);
  }

  /** The active employer users of one employer (who hear about candidates introduced to it). */
  async employerUsers(organisationId: string, employerId: string): Promise<Recipient[]> {
    return (await this.identity.employerUsers(organisationId, employerId)).map(toRecipient);
  }

  /** The participant's own account in the organisation (they may have none: not every participant signs in). */
  async participantRecipient(participantId: string, organisationId: string): Promise<Recipient | undefined> {
    const row = await this.identity.participantRecipient(participantId, organisationId);
    return row ? toRecipient(row) : undefined;
  }

  /** Whether a membership may carry a caseload: an active or invited job coach or team lead of the organisation. */
  async isCaseworker(organisationId: string, membershipId: string): Promise<boolean> {
    return mayCarryCaseload(await this.identity.membershipIn(organisationId, membershipId));
  }

  /** The membership of the job coach or team lead (not disabled) with this address in the organisation, if any. */
  async caseworkerByEmail(organisationId: string, email: string): Promise<string | undefined> {
    const found = await this.identity.membershipByEmail(organisationId, email.trim().toLowerCase());
    return found && mayCarryCaseload(found) ? found.id : undefined;
  }

  /** Everyone in the organisation who may carry a caseload (and so be an employer's contact), by name: ids and names only. */
  async caseworkers(organisationId: string): Promise<Array<{ membershipId: string; name: string }>> {
    const rows = await this.identity.staffMembershipsWithAccounts({
      sql: 'm.organisation_id = :organisationId',
      params: { organisationId },
    });
    return rows.filter(mayCarryCaseload).map((row) => ({ membershipId: row.id, name: row.user!.displayName }));
  }

  /** Active staff and open invitations of the organisation, for the admin's overview. */
  memberCounts(organisationId: string): Promise<{ active: number; invited: number }> {
    return this.identity.memberCounts(organisationId);
  }

  /** Staff accounts the actor may see: the organisation (admins), the team (team leads), themself. */
  async listVisible(actor: Actor): Promise<MembershipDto[]> {
    const rows = await this.identity.staffMembershipsWithAccounts(this.policies.membershipScope(actor, 'm'));
    return rows.map(toMembershipDto);
  }

  async update(actor: Actor, membershipId: string, input: UpdateMembershipDto): Promise<MembershipDto> {
    const membership = await this.identity.membershipWithAccount(membershipId);
    if (!membership) throw new NotFoundProblem('membership');
    if (input.teamId && !(await this.organisations.teamExists(actor.organisationId, input.teamId))) throw new NotFoundProblem('team');
    if (input.role !== undefined && input.role !== membership.role) {
      if (!STAFF_ROLES.includes(membership.role)) throw new RuleViolationException('role', 'can only be changed for staff accounts');
      // An admin cannot take away their own rights: another admin has to.
      if (membership.id === actor.membershipId) throw new RuleViolationException('role', 'cannot be changed on your own account');
    }
    if (input.status === 'disabled' && membership.id === actor.membershipId) {
      throw new RuleViolationException('status', 'cannot be disabled on your own account');
    }
    const changes: Partial<Pick<Membership, 'role' | 'status' | 'teamId' | 'absentUntil'>> = {};
    if (input.role !== undefined) changes.role = input.role;
    if (input.status !== undefined) changes.status = input.status;
    if (input.teamId !== undefined) changes.teamId = input.teamId;
    if (input.absentUntil !== undefined) changes.absentUntil = input.absentUntil;
    await this.transactions.run(async () => {
      await this.identity.updateMembership(membershipId, changes);
      // A disabled account must not keep working through sessions it already has.
      if (input.status === 'disabled') await this.sessions.revokeAllForUser(membership.userId);
      // Who gave or took away someone's rights is part of the organisation's security record.
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'membership',
        resourceId: membershipId,
        fields: Object.keys(changes),
      });
    });
    return toMembershipDto({ ...membership, ...changes } as Membership);
  }
}
