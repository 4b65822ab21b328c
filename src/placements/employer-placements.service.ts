import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { addMonths } from '../rules/calculations/dates.js';
import type { EmployerPlacementDto } from './dto/employer-placement.dto.js';
import { Placement } from './entities/placement.entity.js';
import { SubsidyService } from './subsidy.service.js';

/** Months after the contract start before the employer may see the no-risk policy without the employee's say. */
const NO_RISK_DISCLOSURE_MONTHS = 2;

@Injectable()
export class EmployerPlacementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
    private readonly subsidy: SubsidyService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, employerId: string): Promise<EmployerPlacementDto[]> {
    const scope = this.policies.placementScope(actor, 'pl');
    const rows: Array<
      Placement & { employeeName: string; coachName: string | null; coachEmail: string | null; coachPhone: string | null }
    > = await this.dataSource
      .getRepository(Placement)
      .createQueryBuilder('pl')
      .innerJoin('participant', 'p', 'p.id = pl.participant_id')
      .leftJoin('membership', 'm', 'm.id = pl.coach_membership_id')
      .leftJoin('user_account', 'u', 'u.id = m.user_id')
      .select('pl')
      .addSelect("p.first_name || ' ' || p.last_name", 'employee_name')
      .addSelect('u.display_name', 'coach_name')
      .addSelect('u.email', 'coach_email')
      .addSelect('u.phone', 'coach_phone')
      .where('pl.employer_id = :employerId', { employerId })
      .andWhere(scope.sql, scope.params)
      .orderBy('pl.created_at', 'DESC')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((entity, index) => ({
          ...entity,
          employeeName: raw[index].employee_name,
          coachName: raw[index].coach_name,
          coachEmail: raw[index].coach_email,
          coachPhone: raw[index].coach_phone,
        })),
      );
    const today = this.clock.now().toISOString().slice(0, 10);
    const result: EmployerPlacementDto[] = [];
    for (const row of rows) {
      const disclosable = row.contractStart !== null && addMonths(row.contractStart, NO_RISK_DISCLOSURE_MONTHS) <= today;
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
        contactPerson: row.coachName ? { name: row.coachName, email: row.coachEmail!, phone: row.coachPhone } : null,
        subsidy: await this.subsidy.statusOf(row.id),
        noRiskPolicyLastDay: disclosable ? ((await this.subsidy.noRiskPolicyOf(row).catch(() => undefined))?.lastCoveredDay ?? null) : null,
      });
    }
    return result;
  }
}
