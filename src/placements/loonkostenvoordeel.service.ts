import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { RuleViolationException } from '../platform/http/problem.js';
import { compareDates, daysInclusive, daysInYear, formatDate, maxDate, minDate } from '../rules/calculations/dates.js';
import { type ExplanationLine, formatLongDate } from '../rules/calculations/explain.js';
import { calculateLoonkostenvoordeel } from '../rules/calculations/loonkostenvoordeel.js';
import { MissingParameterError, type ParameterSource } from '../rules/calculations/parameters.js';
import { RuleParametersService } from '../rules/rule-parameters.service.js';
import type { Placement } from './entities/placement.entity.js';
import type { LkvReasonDto, LoonkostenvoordeelDto } from './loonkostenvoordeel.dto.js';
import { PlacementsService } from './placements.service.js';

/** Weeks a year the estimate of paid hours counts: hours per week x 52. */
const WEEKS_PER_YEAR = 52;

const HOURS_ESTIMATE: ExplanationLine = {
  nl: `De verloonde uren zijn geschat uit het contract: uren per week × ${WEEKS_PER_YEAR}, naar rato van de dagen in dienst in een jaar (afgerond op twee decimalen). De loonadministratie is leidend.`,
  en: `Paid hours are estimated from the contract: hours per week × ${WEEKS_PER_YEAR}, pro rata for the days employed in a year (rounded to two decimals). The payroll administration is what counts.`,
};

interface ProfileRow {
  target_group_register_status: string | null;
  target_group_register_date: string | null;
}

/**
 * Loonkostenvoordeel banenafspraak (LKV) for one placement: whether it is
 * eligible (a paid job with a contract, the participant in the
 * doelgroepregister on or before the contract start) and the amounts per
 * calendar year. Not being eligible is an answer, not an error.
 */
@Injectable()
export class LoonkostenvoordeelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsService,
    private readonly parameters: RuleParametersService,
    private readonly audit: AuditService,
  ) {}

  async forPlacement(actor: Actor, placementId: string): Promise<LoonkostenvoordeelDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const [profile]: ProfileRow[] = await this.dataSource.query(
      'SELECT target_group_register_status, target_group_register_date::text AS target_group_register_date FROM participant_profile WHERE participant_id = $1',
      [placement.participantId],
    );
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'loonkostenvoordeel',
      resourceId: placementId,
      subjectParticipantId: placement.participantId,
      fields: ['targetGroupRegisterStatus', 'targetGroupRegisterDate'],
    });
    const registerDate = profile?.target_group_register_date ?? null;
    const base = {
      placementId,
      contractStart: placement.contractStart,
      hoursPerWeek: placement.hoursPerWeek === null ? null : Number(placement.hoursPerWeek),
      targetGroupRegisterDate: registerDate,
      hoursEstimate: HOURS_ESTIMATE,
    };
    const reason = notEligibleReason(placement, profile);
    if (reason) {
      return {
        ...base,
        eligible: false,
        reason,
        eligibleUntil: null,
        perYear: [],
        totalCents: 0,
        parametersUsed: [],
        explanation: [reason],
      };
    }
    const parameters = await this.parameters.sourceFor(placement.organisationId);
    const result = this.calculate(placement, parameters);
    return {
      ...base,
      eligible: true,
      reason: null,
      eligibleUntil: result.eligibleUntil,
      perYear: result.perYear,
      totalCents: result.totalCents,
      parametersUsed: result.parametersUsed,
      explanation: [HOURS_ESTIMATE, ...result.explanation],
    };
  }

  private calculate(placement: Placement, parameters: ParameterSource) {
    const contractStart = placement.contractStart!;
    const hoursPerWeek = Number(placement.hoursPerWeek);
    try {
      // The period follows from the contract start alone; then estimate the hours of each calendar year in it.
      const { eligibleUntil } = calculateLoonkostenvoordeel({ contractStart, paidHoursByYear: [] }, parameters);
      const lastDay = placement.contractEnd ? minDate(placement.contractEnd, eligibleUntil) : eligibleUntil;
      const paidHoursByYear: { year: number; paidHours: number }[] = [];
      for (let year = Number(contractStart.slice(0, 4)); year <= Number(lastDay.slice(0, 4)); year++) {
        const from = maxDate(formatDate({ year, month: 1, day: 1 }), contractStart);
        const yearEnd = formatDate({ year, month: 12, day: 31 });
        const to = placement.contractEnd ? minDate(yearEnd, placement.contractEnd) : yearEnd;
        const days = daysInclusive(from, to);
        const paidHours = Math.round(((hoursPerWeek * WEEKS_PER_YEAR * days) / daysInYear(year)) * 100) / 100;
        paidHoursByYear.push({ year, paidHours });
      }
      return calculateLoonkostenvoordeel({ contractStart, paidHoursByYear }, parameters);
    } catch (error) {
      if (error instanceof MissingParameterError) {
        throw new RuleViolationException('contractStart', `${error.message}. An administrator can add it under rule parameters.`);
      }
      throw error;
    }
  }
}

function notEligibleReason(placement: Placement, profile: ProfileRow | undefined): LkvReasonDto | null {
  if (placement.type !== 'paid_job') {
    return {
      code: 'not_paid_job',
      nl: 'Het LKV geldt alleen voor een betaalde baan met een arbeidscontract.',
      en: 'The LKV applies only to a paid job with an employment contract.',
    };
  }
  if (!placement.contractStart || placement.hoursPerWeek === null) {
    return {
      code: 'no_contract',
      nl: 'Er is nog geen contract (startdatum en uren per week) vastgelegd.',
      en: 'No contract (start date and hours per week) has been recorded yet.',
    };
  }
  if (profile?.target_group_register_status !== 'registered') {
    return {
      code: 'not_in_target_group_register',
      nl: 'De deelnemer staat niet in het doelgroepregister.',
      en: 'The participant is not in the target-group register (doelgroepregister).',
    };
  }
  if (!profile.target_group_register_date) {
    return {
      code: 'register_date_unknown',
      nl: 'De datum van opname in het doelgroepregister is niet vastgelegd, dus niet vast te stellen is dat die vóór de start van het contract lag.',
      en: 'The date of entry in the target-group register is not recorded, so it cannot be shown to be on or before the contract start.',
    };
  }
  if (compareDates(profile.target_group_register_date, placement.contractStart) > 0) {
    return {
      code: 'registered_after_contract_start',
      nl: `De deelnemer is pas op ${formatLongDate(profile.target_group_register_date, 'nl')} in het doelgroepregister opgenomen, na de start van het contract op ${formatLongDate(placement.contractStart, 'nl')}.`,
      en: `The participant was entered in the target-group register on ${formatLongDate(profile.target_group_register_date, 'en')}, after the contract started on ${formatLongDate(placement.contractStart, 'en')}.`,
    };
  }
  return null;
}
