import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import { addMonths } from '../rules/calculations/dates.js';
import type { EmployerPlacementDto } from './dto/employer-placement.dto.js';
import { type EmployerPlacementRow, PlacementsRepository } from './placements.repository.js';
import { SubsidyService } from './subsidy.service.js';

/** Months after the contract start before the employer may see the no-risk policy without the employee's say. */
const NO_RISK_DISCLOSURE_MONTHS = 2;

/** What the employer's placement page adds to each placement: the next meeting and the handover folder. */
export interface EmployerPlacementOverview extends EmployerPlacementDto {
  nextCheckin?: string;
  handoverId?: string;
}

export interface EmployerCard {
  name: string;
  contact?: { name: string; email: string | null; phone: string | null };
}

@Injectable()
export class EmployerPlacementsService {
  constructor(
    private readonly repository: PlacementsRepository,
    private readonly policies: PolicyService,
    private readonly subsidy: SubsidyService,
    private readonly consents: ConsentsService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The employer's view of its placements. Each placement shown is a read of
   * the employee's data, so each is audited for that participant. Facts that
   * tell the employer the employee belongs to a target group (subsidy,
   * no-risk policy) go out only with the participant's consent to disclose
   * the support, and the no-risk policy only with the consent to disclose
   * target-group membership too, checked here where the data leaves.
   */
  async list(actor: Actor, employerId: string): Promise<EmployerPlacementDto[]> {
    const rows = await this.repository.employerView(employerId, this.policies.placementScope(actor, 'pl'));
    const coaches = await this.memberships.recipients(rows.map((row) => row.coachMembershipId).filter((id): id is string => !!id));
    const today = this.clock.now().toISOString().slice(0, 10);
    const result: EmployerPlacementDto[] = [];
    for (const row of rows) {
      const disclosed = await this.consents.hasConsent(row.participantId, 'disclose_support_organisation', row.employerId);
      // The no-risk policy says the employee is in a target group: that takes its own consent.
      const targetGroupDisclosed =
        disclosed && (await this.consents.hasConsent(row.participantId, 'disclose_target_group', row.employerId));
      const coach = row.coachMembershipId ? coaches.get(row.coachMembershipId) : undefined;
      result.push({
        id: row.id,
        employeeName: row.employeeName,
        type: row.type,
        status: row.status,
        trialStart: row.trialStart,
        trialPlannedEnd: row.trialPlannedEnd,
        contractStart: row.contractStart,
        hoursPerWeek: row.hoursPerWeek === null ? null : Number(row.hoursPerWeek),
        contractEnd: row.contractEnd,
        contactPerson: coach?.displayName ? { name: coach.displayName, email: coach.email, phone: coach.phone } : null,
        subsidy: disclosed ? await this.subsidy.statusOf(row.id) : null,
        noRiskPolicyLastDay: targetGroupDisclosed ? await this.noRiskPolicyLastDay(row, today) : null,
      });
    }
    await this.audit.record(
      actor,
      rows.map((row, index) => ({
        action: 'read' as const,
        resourceType: 'placement',
        resourceId: row.id,
        subjectParticipantId: row.participantId,
        fields: readFields(result[index]!),
      })),
    );
    return result;
  }

  /** The placement page of the employer portal: the view above with the next check-in and the newest handover meeting. */
  async overview(actor: Actor, employerId: string): Promise<EmployerPlacementOverview[]> {
    const items = await this.list(actor, employerId);
    const ids = items.map((item) => item.id);
    const checkins = await this.repository.foreignNextCheckins(ids);
    const handovers = await this.repository.foreignLatestHandovers(ids);
    return items.map((item) => ({
      ...item,
      nextCheckin: checkins.find((row) => row.placement_id === item.id)?.due_on,
      handoverId: handovers.find((row) => row.placement_id === item.id)?.id,
    }));
  }

  /** The employer's own name and its contact person at the organisation, for the employer portal's home page. */
  async employerCard(actor: Actor, employerId: string): Promise<EmployerCard> {
    const employer = await this.repository.foreignEmployerCard(employerId, actor.organisationId);
    if (!employer) throw new NotFoundProblem('employer');
    const contact = await this.memberships.recipient(employer.contact_coach_membership_id);
    return {
      name: employer.name,
      contact: contact?.displayName ? { name: contact.displayName, email: contact.email, phone: contact.phone } : undefined,
    };
  }

  private async noRiskPolicyLastDay(row: EmployerPlacementRow, today: string): Promise<string | null> {
    if (row.contractStart === null || addMonths(row.contractStart, NO_RISK_DISCLOSURE_MONTHS) > today) return null;
    return (await this.subsidy.noRiskPolicyOf(row).catch(() => undefined))?.lastCoveredDay ?? null;
  }
}

function readFields(dto: EmployerPlacementDto): string[] {
  return [
    'employeeName',
    'type',
    'status',
    'trialStart',
    'trialPlannedEnd',
    'contractStart',
    'hoursPerWeek',
    'contractEnd',
    ...(dto.subsidy ? ['subsidy'] : []),
    ...(dto.noRiskPolicyLastDay ? ['noRiskPolicyLastDay'] : []),
  ];
}
