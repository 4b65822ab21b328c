import { Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CalculationsService } from '../../calculations/calculations.service.js';
import { LoonkostenvoordeelInputDto, QuotaInputDto, WageCostSubsidyInputDto } from '../../calculations/dto/calculation.dto.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type ExplanationLine, formatCents, formatMonth } from '../../rules/calculations/explain.js';
import { type Coercion, type FormBody, parseForm, problemParams } from '../form.js';
import { translate } from '../i18n.js';
import { formErrors, PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach-calculations.i18n.js';

type Kind = 'wage-cost-subsidy' | 'loonkostenvoordeel' | 'quota';

const FORMS: Record<Kind, { dto: new () => object; coercions: Record<string, Coercion> }> = {
  'wage-cost-subsidy': {
    dto: WageCostSubsidyInputDto,
    coercions: { month: 'month', hoursPerWeek: 'number', hourlyWage: 'number', wageValuePercent: 'number' },
  },
  loonkostenvoordeel: { dto: LoonkostenvoordeelInputDto, coercions: { hoursPerWeek: 'number', inTargetGroupRegister: 'boolean' } },
  quota: {
    dto: QuotaInputDto,
    coercions: { year: 'number', totalPaidHours: 'number', employeeCount: 'number', targetGroupHours: 'number' },
  },
};

interface Result {
  kind: Kind;
  headline: string[];
  provisional: boolean;
  explanation: string[];
}

/**
 * What-if page for an intake: the coach fills in a job and sees, in plain language, what the
 * employer would pay and get. A GET form: nothing is stored, so a link can be shared or reloaded.
 */
@PortalController('portal')
export class CoachCalculationsController {
  constructor(
    private readonly portal: PortalContext,
    private readonly calculations: CalculationsService,
  ) {}

  @Get('calculations')
  @Policy({ roles: ['admin', 'team_lead', 'jobcoach'] })
  async page(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Query() query: FormBody): Promise<void> {
    const locale = this.portal.locale(request);
    const kind = (Object.keys(FORMS) as Kind[]).find((candidate) => candidate === query.kind);
    let result: Result | undefined;
    let invalidParams: Array<{ name: string; reason: string }> = [];
    if (kind) {
      const parsed = await parseForm(FORMS[kind].dto, query, FORMS[kind].coercions);
      invalidParams = parsed.invalidParams;
      if (parsed.value) {
        try {
          result = await this.calculate(actor, kind, parsed.value, locale);
        } catch (error) {
          const params = problemParams(error);
          if (!params) throw error;
          invalidParams = params;
        }
      }
    }
    const labels = Object.fromEntries(
      [
        'month',
        'hoursPerWeek',
        'hourlyWage',
        'wageValuePercent',
        'employmentStart',
        'contractStart',
        'contractEnd',
        'inTargetGroupRegister',
        'year',
        'sector',
        'totalPaidHours',
        'employeeCount',
        'targetGroupHours',
      ].map((field) => [field, this.portal.t(request, `calc.field.${field}`)]),
    );
    this.portal.send(
      request,
      response,
      'coach/calculations',
      {
        title: this.portal.t(request, 'calc.title'),
        kind: kind ?? null,
        values: query,
        errors: formErrors(invalidParams, labels, locale),
        sectorOptions: (['public', 'private'] as const).map((value) => ({ value, label: this.portal.t(request, `calc.sector.${value}`) })),
        result,
      },
      invalidParams.length > 0 ? 422 : 200,
    );
  }

  private async calculate(actor: Actor, kind: Kind, input: object, locale: 'nl' | 'en'): Promise<Result> {
    const lines = (explanation: readonly ExplanationLine[]) => explanation.map((line) => line[locale]);
    const t = (key: string, values: Record<string, unknown> = {}) => translate(locale, key, values);
    if (kind === 'wage-cost-subsidy') {
      const subsidy = await this.calculations.wageCostSubsidy(actor, input as WageCostSubsidyInputDto);
      return {
        kind,
        headline: [
          t('calc.subsidy.amount', { month: formatMonth(subsidy.month, locale), amount: formatCents(subsidy.amountCents, locale) }),
        ],
        provisional: subsidy.provisional,
        explanation: lines(subsidy.explanation),
      };
    }
    if (kind === 'loonkostenvoordeel') {
      const lkv = await this.calculations.loonkostenvoordeel(actor, input as LoonkostenvoordeelInputDto);
      return {
        kind,
        headline: [lkv.eligible ? t('calc.lkv.amount', { amount: formatCents(lkv.totalCents, locale) }) : t('calc.lkv.notEligible')],
        provisional: false,
        explanation: lines(lkv.explanation),
      };
    }
    const quota = await this.calculations.quota(actor, input as QuotaInputDto);
    return {
      kind,
      headline: [t(quota.quotaApplies ? 'calc.quota.applies' : 'calc.quota.notApplies')],
      provisional: false,
      explanation: lines(quota.explanation),
    };
  }
}
