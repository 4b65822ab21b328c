import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { RuleViolationException } from '../platform/http/problem.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { estimateLoonkostenvoordeel, type LoonkostenvoordeelResult } from '../rules/calculations/loonkostenvoordeel.js';
import { MissingParameterError } from '../rules/calculations/parameters.js';
import { type QuotaStatus, quotaStatus } from '../rules/calculations/quota.js';
import { calculateWageCostSubsidy, type WageCostSubsidyResult } from '../rules/calculations/wage-cost-subsidy.js';
import type { LoonkostenvoordeelInputDto, QuotaInputDto, WageCostSubsidyInputDto } from './dto/calculation.dto.js';

/**
 * What-if calculations: the same rules and parameters as for a real placement or employer,
 * with the inputs given, so a coach can show an employer what a job would cost and bring
 * before anything is recorded. Nothing is stored.
 */
@Injectable()
export class CalculationsService {
  constructor(private readonly parameters: RuleParametersService) {}

  async wageCostSubsidy(actor: Actor, input: WageCostSubsidyInputDto): Promise<WageCostSubsidyResult & { wageValuePercent: number }> {
    const parameters = await this.parameters.sourceFor(actor.organisationId);
    const result = ruleOrProblem('month', () =>
      calculateWageCostSubsidy(
        {
          month: input.month,
          hoursPerWeek: input.hoursPerWeek,
          hourlyWage: input.hourlyWage,
          wageValuePercent: input.wageValuePercent,
          employmentStart: input.employmentStart,
          employmentEnd: input.employmentEnd ?? null,
        },
        parameters,
      ),
    );
    await this.parameters.noteProvisionalValues(actor.organisationId, result.parametersUsed);
    return { ...result, wageValuePercent: input.wageValuePercent };
  }

  async quota(actor: Actor, input: QuotaInputDto): Promise<QuotaStatus> {
    const parameters = await this.parameters.sourceFor(actor.organisationId);
    return ruleOrProblem('year', () =>
      quotaStatus(
        {
          fiscalNumber: 'what-if',
          year: input.year,
          sector: input.sector,
          totalPaidHours: input.totalPaidHours,
          employeeCount: input.employeeCount,
          targetGroup: [
            { paidHours: input.targetGroupHours, countsAt: 'hiring' },
            ...(input.lentOutHours ? [{ paidHours: input.lentOutHours, countsAt: 'lending' as const }] : []),
          ],
          monthsElapsed: input.monthsElapsed,
        },
        parameters,
      ),
    );
  }

  async loonkostenvoordeel(actor: Actor, input: LoonkostenvoordeelInputDto): Promise<LoonkostenvoordeelResult & { eligible: boolean }> {
    if (input.contractEnd && input.contractEnd < input.contractStart) {
      throw new RuleViolationException('contractEnd', 'must not be before contractStart');
    }
    const parameters = await this.parameters.sourceFor(actor.organisationId);
    const result = ruleOrProblem('contractStart', () =>
      estimateLoonkostenvoordeel(
        { contractStart: input.contractStart, contractEnd: input.contractEnd ?? null, hoursPerWeek: input.hoursPerWeek },
        parameters,
      ),
    );
    if (input.inTargetGroupRegister) return { ...result, eligible: true };
    const reason = {
      nl: 'Het LKV geldt alleen voor iemand die in het doelgroepregister staat; zonder inschrijving is er geen LKV.',
      en: 'The LKV applies only to someone in the target-group register; without registration there is none.',
    };
    return { ...result, eligible: false, perYear: [], totalCents: 0, explanation: [reason, ...result.explanation] };
  }
}

function ruleOrProblem<T>(field: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof MissingParameterError) {
      throw new RuleViolationException(field, `${error.message}. An administrator can add it under rule parameters.`);
    }
    if (error instanceof RangeError) throw new RuleViolationException(field, error.message);
    throw error;
  }
}
