import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HandoverService } from '../../aftercare/handover.service.js';
import {
  CreateJobcoachGrantDto,
  JobcoachDecisionDto,
  JobcoachHoursLinksDto,
  RegisterJobcoachHoursDto,
} from '../../jobcoach-funding/dto/jobcoach.dto.js';
import { JobcoachFundingService } from '../../jobcoach-funding/jobcoach-funding.service.js';
import { PlacementsService } from '../../placements/placements.service.js';
import { logbookCsv, logbookFileName, reportCsv, reportPdf } from '../../jobcoach-funding/jobcoach-report.render.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import { Clock } from '../../platform/clock/clock.js';
import { type InvalidParam, NotFoundProblem, ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import type { Locale } from '../../platform/mail/mail-template.service.js';
import { formatLongDate, formatNumber } from '../../rules/calculations/explain.js';
import { type FormBody, formField, formList, parseForm, problemParams, submitOrShowAgain } from '../form.js';
import { translate } from '../i18n.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import type { FormParam } from '../validation-messages.js';
import './coach.i18n.js';
import './coach-jobcoach.i18n.js';
import { amsterdamToday } from './coach-forms.js';
import { errorsFor } from './coach-support.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;
const FIELDS = ['grantId', 'workedOn', 'hours', 'goalIds', 'agreements', 'justification'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FormState {
  values: Record<string, unknown>;
  params: InvalidParam[];
}

type PageForm = FormState & { kind: 'hours' | 'request' | 'decision' };
type Saved = 'hours' | 'links' | 'request' | 'decision';
const SAVED: readonly Saved[] = ['hours', 'links', 'request', 'decision'];
const REQUEST_FIELDS = ['requestedOn', 'periodStart', 'periodEnd'] as const;
const DECISION_FIELDS = ['status', 'decidedOn', 'hoursGranted', 'reason'] as const;

/** The service's refusals on this form as the page says them: [field, pattern, message key]. */
const REFUSALS: Array<[string, RegExp, string]> = [
  ['goalIds', /^choose at least one goal or agreement/, 'coachJobcoach.error.noGoal'],
  ['goalIds', /^must be goals of this participant/, 'coachJobcoach.error.goal'],
  ['agreements', /^must be agreements recorded/, 'coachJobcoach.error.agreement'],
  ['hours', /^would exceed the .* hours granted: .* registered, ([\d.]+) left$/, 'coachJobcoach.error.exceeds'],
  ['workedOn', /^must be within the granted period \((\S+) to (\S+)\)$/, 'coachJobcoach.error.period'],
  ['grantId', /^hours can only be registered on a granted/, 'coachJobcoach.error.notGranted'],
  ['goalIds', /^These hours are already linked/, 'coachJobcoach.error.linked'],
  ['periodEnd', /^a jobcoach grant covers at most (\d+) months \(until (\S+)\)$/, 'coachJobcoach.error.periodTooLong'],
  ['periodEnd', /^jobcoaching is granted for at most (\d+) years from the first period \(until (\S+)\)$/, 'coachJobcoach.error.maxYears'],
  ['periodStart', /^overlaps another jobcoach grant \((\S+) to (\S+)\)$/, 'coachJobcoach.error.overlap'],
  ['decidedOn', /^must not be before the request \((\S+)\)$/, 'coachJobcoach.error.decidedBefore'],
];

/**
 * The coach's jobcoach hours of one placement: register hours on a phone,
 * choosing the goals and handover agreements they served by name; the logbook
 * per grant period; the UWV period report and the logbook as downloads.
 */
@PortalController('portal')
export class CoachJobcoachController {
  constructor(
    private readonly portal: PortalContext,
    private readonly funding: JobcoachFundingService,
    private readonly handovers: HandoverService,
    private readonly placements: PlacementsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Where what hours are linked to is recorded: goals on the participant's trajectory page, agreements on the
   * handover page (or, before a handover was planned, on the placement page where it is planned).
   */
  private async recordLinks(
    actor: Actor,
    placementId: string,
  ): Promise<{ goalsHref: string; agreementsHref: string; planHandover: boolean }> {
    const placement = await this.placements.findVisible(actor, placementId);
    const handover = await this.handovers.forPlacement(placementId).catch((error: unknown) => {
      if (error instanceof NotFoundProblem) return null;
      throw error;
    });
    const open = handover && handover.status !== 'cancelled' ? handover : null;
    return {
      goalsHref: `/portal/caseload/${placement.participantId}/trajectory#goals`,
      agreementsHref: open ? `/portal/handovers/${open.id}` : `/portal/placements/${placementId}#handover-title`,
      planHandover: !open,
    };
  }

  @Get('placements/:placementId/jobcoach')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async page(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
  ): Promise<void> {
    const saved = SAVED.find((value) => value === request.query.saved);
    await this.show(actor, request, response, placementId, { saved });
  }

  @Post('placements/:placementId/jobcoach/hours')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async register(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const grantId = formField(body, 'grantId')?.trim() ?? '';
    const agreementValues = formList(body, 'agreements');
    const values = {
      grantId,
      workedOn: body.workedOn,
      hours: body.hours,
      justification: body.justification,
      goalIds: formList(body, 'goalIds'),
      agreements: agreementValues,
    };
    const again = (params: InvalidParam[], status: number) =>
      this.show(actor, request, response, placementId, { form: { kind: 'hours', values, params } }, status);
    const { grantId: _grant, agreements: _agreements, ...rest } = body;
    const { value, invalidParams } = await parseForm(RegisterJobcoachHoursDto, rest, { hours: 'number', goalIds: 'list' });
    const params: FormParam[] = [...invalidParams];
    if (!UUID.test(grantId)) params.unshift({ name: 'grantId', reason: 'is required', constraint: 'isNotEmpty' });
    const agreements = readAgreements(agreementValues, params);
    if (!value || params.length > 0) return again(params, 400);
    value.agreements = agreements;
    await submitOrShowAgain(
      async () => {
        await this.funding.registerHours(actor, placementId, grantId, value);
        response.redirect(303, `/portal/placements/${placementId}/jobcoach?saved=hours#logbook`);
      },
      (list) => again(list, 422),
    );
  }

  @Post('placements/:placementId/jobcoach/grants')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async requestGrant(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = Object.fromEntries(REQUEST_FIELDS.map((field) => [field, body[field]]));
    const again = (params: InvalidParam[], status: number) =>
      this.show(actor, request, response, placementId, { form: { kind: 'request', values, params } }, status);
    const { value, invalidParams } = await parseForm(CreateJobcoachGrantDto, body);
    if (!value) return again(invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        await this.funding.request(actor, placementId, value);
        response.redirect(303, `/portal/placements/${placementId}/jobcoach?saved=request`);
      },
      (list) => again(list, 422),
    );
  }

  @Post('placements/:placementId/jobcoach/:grantId/decision')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async decide(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = Object.fromEntries(DECISION_FIELDS.map((field) => [field, body[field]]));
    const again = (params: InvalidParam[], status: number) =>
      this.show(actor, request, response, placementId, { form: { kind: 'decision', values, params } }, status);
    const { value, invalidParams } = await parseForm(JobcoachDecisionDto, body, { hoursGranted: 'number' });
    if (!value) return again(invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        await this.funding.decide(actor, placementId, grantId, value);
        response.redirect(303, `/portal/placements/${placementId}/jobcoach?saved=decision`);
      },
      (list) => again(list, 422),
    );
  }

  @Get('placements/:placementId/jobcoach/:grantId/hours/:hoursId')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async linkPage(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Param('hoursId', uuidParam('hoursId')) hoursId: string,
  ): Promise<void> {
    await this.showLink(actor, request, response, placementId, grantId, hoursId);
  }

  @Post('placements/:placementId/jobcoach/:grantId/hours/:hoursId/links')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async link(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Param('hoursId', uuidParam('hoursId')) hoursId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const agreementValues = formList(body, 'agreements');
    const values = { goalIds: formList(body, 'goalIds'), agreements: agreementValues };
    const again = (params: InvalidParam[], status: number) =>
      this.showLink(actor, request, response, placementId, grantId, hoursId, { values, params }, status);
    const { agreements: _agreements, ...rest } = body;
    const { value, invalidParams } = await parseForm(JobcoachHoursLinksDto, rest, { goalIds: 'list' });
    const params: FormParam[] = [...invalidParams];
    const agreements = readAgreements(agreementValues, params);
    if (!value || params.length > 0) return again(params, 400);
    value.agreements = agreements;
    await submitOrShowAgain(
      async () => {
        await this.funding.linkHours(actor, placementId, grantId, hoursId, value);
        response.redirect(303, `/portal/placements/${placementId}/jobcoach?saved=links#logbook`);
      },
      (list) => again(list, 422),
      // Linked in the meantime (another tab): said on the form, not as an error page.
      (error) =>
        problemParams(error) ??
        (error instanceof ProblemException && error.slug === 'already-linked' ? [{ name: 'goalIds', reason: error.message }] : undefined),
    );
  }

  @Get('placements/:placementId/jobcoach/:grantId/urenverantwoording.pdf')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async reportPdf(
    @CurrentActor() actor: Actor,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
  ): Promise<void> {
    const report = await this.funding.report(actor, placementId, grantId, 'pdf');
    response
      .setHeader('Cache-Control', 'no-store')
      .type('application/pdf')
      .attachment(`urenverantwoording-jobcoach-${report.periodStart}.pdf`)
      .send(await reportPdf(report));
  }

  @Get('placements/:placementId/jobcoach/:grantId/urenverantwoording.csv')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async reportCsv(
    @CurrentActor() actor: Actor,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
  ): Promise<void> {
    const report = await this.funding.report(actor, placementId, grantId, 'csv');
    response
      .setHeader('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment(`urenverantwoording-jobcoach-${report.periodStart}.csv`)
      .send(reportCsv(report));
  }

  @Get('placements/:placementId/jobcoach/logboek.csv')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async logbookCsv(@CurrentActor() actor: Actor, @Res() response: Response, @Param('placementId') placementId: string): Promise<void> {
    const logbook = await this.funding.logbook(actor, placementId, 'csv');
    response
      .setHeader('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment(logbookFileName(logbook))
      .send(logbookCsv(logbook));
  }

  private async show(
    actor: Actor,
    request: Request,
    response: Response,
    placementId: string,
    input: { saved?: Saved; form?: PageForm },
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const hours = (value: number) => formatNumber(value, locale);
    const names = await this.handovers.names(placementId);
    const logbook = await this.funding.logbook(actor, placementId);
    const targets = await this.funding.linkTargets(actor, placementId);
    const links = await this.recordLinks(actor, placementId);
    const today = amsterdamToday(this.clock.now());
    const periodText = (start: string, end: string) =>
      t('coachJobcoach.grant.period', { start: formatLongDate(start, locale), end: formatLongDate(end, locale) });
    const grants = await Promise.all(
      [...logbook.grants].reverse().map(async (grant) => {
        const report = grant.status === 'granted' ? await this.funding.report(actor, placementId, grant.id) : undefined;
        return {
          ...grant,
          periodText: periodText(grant.periodStart, grant.periodEnd),
          statusLabel: t(`coachJobcoach.status.${grant.status}`),
          grantedText: grant.hoursGranted === null ? undefined : t('coachJobcoach.grant.hoursValue', { hours: hours(grant.hoursGranted) }),
          usedText: t('coachJobcoach.grant.hoursValue', { hours: hours(grant.hoursUsed) }),
          leftText: grant.hoursLeft === null ? undefined : t('coachJobcoach.grant.hoursValue', { hours: hours(grant.hoursLeft) }),
          warnings: grant.warnings.map((warning) => warning[locale]),
          perGoal: report?.goals.map((goal) => ({
            name: locale === 'nl' ? goal.name : goalEn(targets, goal.goalId),
            hours: hours(goal.hours),
          })),
          perAgreement: report?.agreements.map((agreement) => ({ name: agreement.name, hours: hours(agreement.hours) })),
          withoutReason:
            report && report.hoursWithoutReason > 0
              ? t('coachJobcoach.withoutReason', { hours: hours(report.hoursWithoutReason) })
              : undefined,
          entries: logbook.entries
            .filter((entry) => entry.grantId === grant.id)
            .reverse()
            .map((entry) => ({
              linkHref:
                entry.goals.length + entry.agreements.length === 0
                  ? `/portal/placements/${placementId}/jobcoach/${grant.id}/hours/${entry.id}`
                  : undefined,
              heading: t('coachJobcoach.logbook.entry', { date: formatLongDate(entry.workedOn, locale), hours: hours(entry.hours) }),
              served:
                [
                  ...entry.goals.map((goal) => (locale === 'nl' ? goal.name : goalEn(targets, goal.goalId))),
                  ...entry.agreements.map((agreement) => agreement.name),
                ].join(', ') || t('coachJobcoach.logbook.none.for'),
              justification: entry.justification,
            })),
        };
      }),
    );
    const open = logbook.grants.filter((grant) => grant.status === 'granted' && (grant.hoursLeft ?? 0) > 0);
    // The period that holds today first: that is where most hours go.
    open.sort((a, b) => Number(inPeriod(b, today)) - Number(inPeriod(a, today)) || b.periodStart.localeCompare(a.periodStart));
    const hoursForm = input.form?.kind === 'hours' ? input.form : undefined;
    const values = hoursForm?.values ?? { grantId: open[0]?.id, workedOn: today, goalIds: [], agreements: [] };
    const chosen = (name: 'goalIds' | 'agreements', value: string) => ((values[name] as string[] | undefined) ?? []).includes(value);
    const fieldLabels = Object.fromEntries([
      ...FIELDS.map((field) => [field, t(`coachJobcoach.form.${field}`)]),
      ...REQUEST_FIELDS.map((field) => [field, t(`coachJobcoach.request.${field}`)]),
      ...DECISION_FIELDS.map((field) => [field, t(`coachJobcoach.decision.${field}`)]),
    ]);
    const errors = input.form ? this.errors(request, locale, input.form.params, fieldLabels) : undefined;
    const pending = logbook.grants.filter((grant) => grant.status === 'requested').at(-1);
    const decisionValues = input.form?.kind === 'decision' ? input.form.values : { status: 'granted', decidedOn: today };
    const leftText = (grant: (typeof open)[number]) => hours(grant.hoursLeft ?? 0);
    this.portal.send(
      request,
      response,
      'coach/jobcoach',
      {
        title: t('coachJobcoach.title', { participant: names?.participant ?? '', employer: names?.employer ?? '' }),
        placementId,
        saved: input.saved ? t(`coachJobcoach.saved.${input.saved}`) : undefined,
        hasGrants: grants.length > 0,
        grants,
        canRegister: open.length > 0,
        canLink: targets.goals.length + targets.agreements.length > 0,
        recordLinks: links,
        singleGrant:
          open.length === 1
            ? {
                id: open[0]!.id,
                text: t('coachJobcoach.form.grantOnly', {
                  period: periodText(open[0]!.periodStart, open[0]!.periodEnd),
                  left: leftText(open[0]!),
                }),
              }
            : undefined,
        grantChoices:
          open.length > 1
            ? open.map((grant) => ({
                value: grant.id,
                label: t('coachJobcoach.form.grantChoice', {
                  period: periodText(grant.periodStart, grant.periodEnd),
                  left: leftText(grant),
                }),
                checked: values.grantId === grant.id,
              }))
            : undefined,
        goalChoices: targets.goals.map((goal) => ({ value: goal.id, label: goal[locale], checked: chosen('goalIds', goal.id) })),
        agreementChoices: targets.agreements.map((agreement) => ({
          value: `${agreement.handoverId}:${agreement.item}`,
          label: agreement.name,
          checked: chosen('agreements', `${agreement.handoverId}:${agreement.item}`),
        })),
        values,
        errors,
        hoursErrors: hoursForm ? errors : undefined,
        requestOpen: grants.length === 0 || input.form?.kind === 'request',
        requestValues: input.form?.kind === 'request' ? input.form.values : { requestedOn: today },
        requestErrors: input.form?.kind === 'request' ? errors : undefined,
        pending: pending && {
          id: pending.id,
          title: t('coachJobcoach.decision.title', { period: periodText(pending.periodStart, pending.periodEnd) }),
          statusChoices: (['granted', 'refused'] as const).map((value) => ({
            value,
            label: t(`coachJobcoach.status.${value}`),
            checked: decisionValues.status === value,
          })),
          values: decisionValues,
          errors: input.form?.kind === 'decision' ? errors : undefined,
        },
      },
      status,
    );
  }

  /** The page that links hours registered without a goal to the goals or agreements they served. */
  private async showLink(
    actor: Actor,
    request: Request,
    response: Response,
    placementId: string,
    grantId: string,
    hoursId: string,
    form?: FormState,
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const logbook = await this.funding.logbook(actor, placementId);
    const entry = logbook.entries.find((candidate) => candidate.id === hoursId && candidate.grantId === grantId);
    if (!entry) throw new NotFoundProblem('jobcoach hours');
    const targets = await this.funding.linkTargets(actor, placementId);
    const values = form?.values ?? { goalIds: [], agreements: [] };
    const chosen = (name: 'goalIds' | 'agreements', value: string) => ((values[name] as string[] | undefined) ?? []).includes(value);
    const fieldLabels = Object.fromEntries(FIELDS.map((field) => [field, t(`coachJobcoach.form.${field}`)]));
    this.portal.send(
      request,
      response,
      'coach/jobcoach-link',
      {
        title: t('coachJobcoach.link.title'),
        placementId,
        action: `/portal/placements/${placementId}/jobcoach/${grantId}/hours/${hoursId}/links`,
        heading: t('coachJobcoach.logbook.entry', {
          date: formatLongDate(entry.workedOn, locale),
          hours: formatNumber(entry.hours, locale),
        }),
        justification: entry.justification,
        linked: entry.goals.length + entry.agreements.length > 0,
        goalChoices: targets.goals.map((goal) => ({ value: goal.id, label: goal[locale], checked: chosen('goalIds', goal.id) })),
        agreementChoices: targets.agreements.map((agreement) => ({
          value: `${agreement.handoverId}:${agreement.item}`,
          label: agreement.name,
          checked: chosen('agreements', `${agreement.handoverId}:${agreement.item}`),
        })),
        errors: form ? this.errors(request, locale, form.params, fieldLabels) : undefined,
      },
      status,
    );
  }

  /** The form's errors, with the service's refusals in the page's words. */
  private errors(request: Request, locale: Locale, params: InvalidParam[], fieldLabels: Record<string, string>) {
    const errors = errorsFor(this.portal, request, params, fieldLabels);
    for (const param of params) {
      const refusal = REFUSALS.find(([field, pattern]) => field === param.name && pattern.test(param.reason));
      if (!refusal || !errors.byField[param.name]) continue;
      const match = refusal[1].exec(param.reason)!;
      const date = (text: string | undefined) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatLongDate(text, locale) : '');
      const message = translate(locale, refusal[2], {
        left: match[1] && /^[\d.]+$/.test(match[1]) ? formatNumber(Number(match[1]), locale) : '',
        count: match[1] ?? '',
        start: date(match[1]),
        end: date(match[2]),
        until: date(match[2]),
        date: date(match[1]),
      });
      errors.byField[param.name] = message;
      for (const item of errors.list) if (item.field === param.name) item.message = message;
    }
    return errors;
  }
}

/** The agreement checkboxes' values (`handoverId:item`) as references; a malformed one is a param naming the field. */
function readAgreements(values: string[], params: FormParam[]): NonNullable<JobcoachHoursLinksDto['agreements']> {
  const agreements = values.map((text) => {
    const [handoverId = '', item = ''] = text.split(':');
    return { handoverId, item };
  });
  if (agreements.some((ref) => !UUID.test(ref.handoverId) || !/^[a-zA-Z]{1,40}$/.test(ref.item))) {
    params.push({ name: 'agreements', reason: 'must be one of the following values', constraint: 'isIn' });
  }
  return agreements as NonNullable<JobcoachHoursLinksDto['agreements']>;
}

function inPeriod(grant: { periodStart: string; periodEnd: string }, day: string): boolean {
  return grant.periodStart <= day && day <= grant.periodEnd;
}

function goalEn(targets: { goals: Array<{ id: string; en: string }> }, goalId: string): string {
  return targets.goals.find((goal) => goal.id === goalId)?.en ?? '';
}
