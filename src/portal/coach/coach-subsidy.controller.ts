import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HandoverService } from '../../aftercare/handover.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { CreateSubsidyDecisionDto, CreateWageValueAssessmentDto, PaymentReceiptDto } from '../../placements/dto/subsidy.dto.js';
import { PlacementsService } from '../../placements/placements.service.js';
import { SubsidyService, subsidyDecisionViolations } from '../../placements/subsidy.service.js';
import { formatLongDate, formatMonth, formatNumber } from '../../rules/calculations/explain.js';
import { Clock } from '../../platform/clock/clock.js';
import { type FormBody, formField, parseForm, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';
import './coach-subsidy.i18n.js';
import { amsterdamToday } from './coach-forms.js';
import { errorsFor, labels, sentence } from './coach-support.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;
const ASSESSMENT_FIELDS = ['assessorName', 'assessedOn', 'percentage', 'referenceJob', 'method'] as const;
const DECISION_FIELDS = ['status', 'appliedOn', 'decidedOn', 'monthlyAmount', 'periodStart', 'periodEnd', 'reference'] as const;
const DECISION_STATUSES = ['applied', 'granted', 'refused'] as const;
const SAVED = ['assessment', 'decision', 'payment'];

type Form = 'assessment' | 'decision' | 'payment';

/** An amount as people type it ("1.234,56", "€ 980", "980.50") in euro cents; NaN when it is not an amount. */
export function euroCents(text: string): number {
  let value = text.replace(/€|\s/g, '');
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return Number.NaN;
  return Math.round(Number(value) * 100);
}

/**
 * Wage value (loonwaarde) assessments, the wage-cost subsidy decision and its
 * payments of one placement: what the employer's subsidy page shows.
 */
@PortalController('portal')
export class CoachSubsidyController {
  constructor(
    private readonly portal: PortalContext,
    private readonly placements: PlacementsService,
    private readonly subsidy: SubsidyService,
    private readonly handovers: HandoverService,
    private readonly clock: Clock,
  ) {}

  @Get('placements/:placementId/subsidy')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async page(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
  ): Promise<void> {
    const saved = typeof request.query.saved === 'string' && SAVED.includes(request.query.saved) ? request.query.saved : undefined;
    await this.show(actor, request, response, placementId, { saved });
  }

  @Post('placements/:placementId/wage-value-assessments')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async assess(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = Object.fromEntries(ASSESSMENT_FIELDS.map((field) => [field, body[field]]));
    const { value, invalidParams } = await parseForm(CreateWageValueAssessmentDto, body, { percentage: 'number' });
    const again = (params: InvalidParam[], status: number) =>
      this.show(actor, request, response, placementId, { form: 'assessment', values, params }, status);
    if (!value) return again(invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        await this.subsidy.assessWageValue(actor, placementId, value);
        response.redirect(303, `/portal/placements/${placementId}/subsidy?saved=assessment`);
      },
      (params) => again(params, 422),
    );
  }

  @Post('placements/:placementId/subsidy-decisions')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async decide(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = Object.fromEntries(DECISION_FIELDS.map((field) => [field, body[field]]));
    const amount = formField(body, 'monthlyAmount')?.trim();
    const cents = amount ? euroCents(amount) : undefined;
    const form: FormBody = { ...body, monthlyAmountCents: cents === undefined ? undefined : String(cents) };
    delete form.monthlyAmount;
    const { value, invalidParams } = await parseForm(CreateSubsidyDecisionDto, form, { monthlyAmountCents: 'number' });
    // The form asks for euros where the API takes cents.
    const asForm = (list: InvalidParam[]) =>
      list.map((param) => (param.name === 'monthlyAmountCents' ? { ...param, name: 'monthlyAmount' } : param));
    const again = (list: InvalidParam[], code: number) =>
      this.show(actor, request, response, placementId, { form: 'decision', values, params: asForm(list) }, code);
    if (!value) {
      const invalid = new Set(invalidParams.map((param) => param.name));
      const partial = { ...form, monthlyAmountCents: cents === undefined || Number.isNaN(cents) ? undefined : cents };
      const rules = subsidyDecisionViolations(partial as Partial<CreateSubsidyDecisionDto>).filter((param) => !invalid.has(param.name));
      return again([...invalidParams, ...rules], 400);
    }
    await submitOrShowAgain(
      async () => {
        await this.subsidy.decide(actor, placementId, value);
        response.redirect(303, `/portal/placements/${placementId}/subsidy?saved=decision`);
      },
      (list) => again(list, 422),
    );
  }

  @Post('placements/:placementId/subsidy-payments/:paymentId/receipt')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async receive(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('paymentId', uuidParam('paymentId')) paymentId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(PaymentReceiptDto, body);
    const again = (params: InvalidParam[], status: number) =>
      this.show(
        actor,
        request,
        response,
        placementId,
        {
          form: 'payment',
          paymentId,
          values: { receivedOn: body.receivedOn },
          params: params.map((p) => ({ ...p, name: `${paymentId}-receivedOn` })),
        },
        status,
      );
    if (!value) return again(invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        await this.subsidy.receive(actor, placementId, paymentId, value.receivedOn);
        response.redirect(303, `/portal/placements/${placementId}/subsidy?saved=payment`);
      },
      (params) => again(params, 422),
    );
  }

  private async show(
    actor: Actor,
    request: Request,
    response: Response,
    placementId: string,
    input: { saved?: string; form?: Form; paymentId?: string; values?: Record<string, unknown>; params?: InvalidParam[] },
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const placement = await this.placements.get(actor, placementId);
    const names = await this.handovers.names(placementId);
    const assessments = await this.subsidy.assessments(actor, placementId);
    const state = await this.subsidy.status(actor, placementId);
    const today = amsterdamToday(this.clock.now());
    const month = today.slice(0, 7);
    // This month's subsidy as calculated now; a missing contract or wage value is said in words.
    const calculation = await this.subsidy.forMonth(actor, placementId, month).then(
      (result) => ({
        amountCents: result.amountCents,
        lines: result.explanation.map((line) => sentence(locale, line)),
        provisional: result.provisional,
      }),
      (error: unknown) => {
        if (error instanceof ProblemException && error.getStatus() < 500) return null;
        throw error;
      },
    );
    const fieldLabels = {
      ...labels(locale, 'coachSubsidy.assessment', ASSESSMENT_FIELDS),
      ...labels(locale, 'coachSubsidy.decision', DECISION_FIELDS),
      ...(input.paymentId ? { [`${input.paymentId}-receivedOn`]: t('coachSubsidy.payment.receivedOn') } : {}),
    };
    const errors = input.params ? errorsFor(this.portal, request, input.params, fieldLabels) : undefined;
    const percent = (value: number) => `${formatNumber(value, locale)}%`;
    this.portal.send(
      request,
      response,
      'coach/subsidy',
      {
        title: t('coachSubsidy.title', { participant: names?.participant ?? '', employer: names?.employer ?? '' }),
        placement,
        saved: input.saved ? t(`coachSubsidy.saved.${input.saved}`) : undefined,
        hasContract: !!placement.contractStart,
        contract: placement.contractStart
          ? t('coachSubsidy.contract', {
              start: formatLongDate(placement.contractStart, locale),
              hours: formatNumber(Number(placement.hoursPerWeek), locale),
              wage: placement.grossHourlyWage === null ? '–' : formatNumber(Number(placement.grossHourlyWage), locale),
            })
          : undefined,
        assessments: assessments.map((a) => ({
          ...a,
          percentageText: percent(a.percentage),
          assessedOnText: formatLongDate(a.assessedOn, locale),
          nextText: formatLongDate(a.nextReassessmentOn, locale),
        })),
        calculation: calculation && { ...calculation, monthText: formatMonth(month, locale) },
        decision: {
          status: state.status,
          statusLabel: t(`coachSubsidy.status.${state.status}`),
          monthlyAmountCents: state.monthlyAmountCents,
        },
        provisional: state.provisional ? sentence(locale, state.provisional) : undefined,
        payments: state.payments.map((p) => ({
          ...p,
          monthText: formatMonth(p.month, locale),
          dueText: formatLongDate(p.dueOn, locale),
          receivedText: p.receivedOn ? formatLongDate(p.receivedOn, locale) : undefined,
          receivedValue: input.paymentId === p.id ? input.values?.receivedOn : today,
          error: input.paymentId === p.id ? errors?.list[0]?.message : undefined,
        })),
        lateCount: state.payments.filter((p) => p.late).length,
        errors,
        assessmentValues: input.form === 'assessment' ? input.values : { assessedOn: today },
        assessmentErrors: input.form === 'assessment' ? errors : undefined,
        decisionValues: input.form === 'decision' ? input.values : { status: 'granted', appliedOn: today },
        decisionErrors: input.form === 'decision' ? errors : undefined,
        statusChoices: DECISION_STATUSES.map((value) => ({
          value,
          label: t(`coachSubsidy.status.${value}`),
          checked: (input.form === 'decision' ? input.values?.status : 'granted') === value,
        })),
      },
      status,
    );
  }
}
