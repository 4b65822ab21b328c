import { Injectable } from '@nestjs/common';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { SubsidyRepository } from './subsidy.repository.js';

const ERASED = 'Verwijderd';

/** The wage-cost subsidy's tables: amounts stay for the municipality's accounts, free text about the person goes. */
@Injectable()
@OwnsPersonalData({ order: 300 })
export class SubsidyPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'wage_value_assessment',
      erasure: 'anonymise' as const,
      reason: 'The percentage and dates stay as the basis of granted subsidy; assessor, reference job, method and report are emptied.',
    },
    {
      table: 'subsidy_decision',
      erasure: 'anonymise' as const,
      reason: "The municipality's decision and amounts stay for its accounts; the free-text reference is emptied.",
    },
    {
      table: 'subsidy_payment',
      erasure: 'keep' as const,
      reason: 'wage_cost_subsidy: expected and received payments are financial records; they hold amounts and dates only.',
    },
    {
      table: 'subsidy_statement',
      erasure: 'keep' as const,
      reason:
        'wage_cost_subsidy: a reported statement is the basis of a payment; it holds amounts and a generated explanation, no free text.',
    },
  ];

  constructor(private readonly repository: SubsidyRepository) {}

  async erase({ participantId }: ErasureContext): Promise<ErasureOutcome> {
    const counts = await this.repository.anonymiseForParticipant(participantId, ERASED);
    return { fields: ['wageValueAssessment', 'subsidyDecisionReference'], counts };
  }
}
