import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { RuleViolationException } from '../platform/http/problem.js';
import { compareDates } from '../rules/calculations/dates.js';
import { formatLongDate } from '../rules/calculations/explain.js';
import { estimateLoonkostenvoordeel, LKV_HOURS_ESTIMATE } from '../rules/calculations/loonkostenvoordeel.js';
import { MissingParameterError, type ParameterSource } from '../rules/calculations/parameters.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import type { Placement } from './entities/placement.entity.js';
import type { LkvReasonDto, LoonkostenvoordeelDto } from './loonkostenvoordeel.dto.js';
import { PlacementsService } from './placements.service.js';
import { type TargetGroupRegisterRow, SubsidyRepository } from './subsidy.repository.js';

type ProfileRow = TargetGroupRegisterRow;

/**
 * Loonkostenvoordeel banenafspraak (LKV) for one placement: whether it is
 * eligible (a paid job with a contract, the participant in the
 * doelgroepregister on or before the contract start) and the amounts per
 * calendar year. Not being eligible is an answer, not an error.
 */
@Injectable()
export class LoonkostenvoordeelService {
  constructor(
    private readonly repository: SubsidyRepository,
    private readonly placements: PlacementsService,
    private readonly parameters: RuleParametersService,
    private readonly audit: AuditService,
  ) {}

  async forPlacement(actor: Actor, placementId: string): Promise<LoonkostenvoordeelDto> {
    const placement = await this.placements.findVisible(actor, placementId);
    const profile = await this.repository.targetGroupRegister(placement.participantId);
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
      hoursEstimate: LKV_HOURS_ESTIMATE,
    };
    const reason = notEligibleReason(placement, profile);
    if (reason) {
      return {
        ...base,
        eligible: false,
        reason,
        eligibleUntil: null,
        wholeEmployment: false,
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
      wholeEmployment: result.wholeEmployment,
      perYear: result.perYear,
      totalCents: result.totalCents,
      parametersUsed: result.parametersUsed,
      explanation: result.explanation,
    };
  }

  private calculate(placement: Placement, parameters: ParameterSource) {
    try {
      return estimateLoonkostenvoordeel(
        { contractStart: placement.contractStart!, contractEnd: placement.contractEnd, hoursPerWeek: Number(placement.hoursPerWeek) },
        parameters,
      );
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
