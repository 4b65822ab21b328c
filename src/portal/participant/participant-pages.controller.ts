import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PREPARATION_DOMAINS, PreparationDto } from '../../aftercare/dto/checkin.dto.js';
import { AftercareService } from '../../aftercare/aftercare.service.js';
import { AccessLogService } from '../../audit/access-log.service.js';
import { CoachDashboardService } from '../../coach-dashboard/coach-dashboard.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { NotFoundProblem } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { explainConsent, EMPLOYER_PURPOSES } from '../../consents/consent-explanations.js';
import { ConsentsService } from '../../consents/consents.service.js';
import { GiveConsentDto } from '../../consents/dto/consent.dto.js';
import { CONSENT_PURPOSES } from '../../consents/dto/consent.dto.js';
import { HelpRequestsService } from '../../help-requests/help-requests.service.js';
import { OPEN_HELP_STATUSES } from '../../help-requests/help-request.constants.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { choices, pageErrors, pageNumber, translateOr } from '../help/page-support.js';
import './participant.i18n.js';

const PARTICIPANT = ['participant'] as const;
const CHECKIN = { kind: 'checkin', param: 'checkinId' } as const;
/** Consents a participant can switch on and off here; consents for one employer are given with the coach. */
const GENERAL_PURPOSES = CONSENT_PURPOSES.filter((purpose) => !EMPLOYER_PURPOSES.includes(purpose));
const LOG_PAGE_SIZE = 25;

interface CoachRow {
  name: string;
  email: string;
  phone: string | null;
}

function ownParticipant(actor: Actor): string {
  if (!actor.participantId) throw new NotFoundProblem('participant');
  return actor.participantId;
}

/** The participant's own pages: home, consents, who looked at my data, my export, preparing a check-in. */
@PortalController('portal')
export class ParticipantPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly consents: ConsentsService,
    private readonly accessLog: AccessLogService,
    private readonly aftercare: AftercareService,
    private readonly helpRequests: HelpRequestsService,
    private readonly dashboard: CoachDashboardService,
  ) {}

  @Get('me')
  @Policy({ roles: PARTICIPANT })
  async home(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const participantId = ownParticipant(actor);
    const coach: CoachRow | undefined = await this.dashboard.coachOf(participantId, actor.organisationId);
    const next = await this.nextCheckin(actor);
    const help = await this.helpRequests.list(actor, { page: 1, pageSize: 100 });
    this.portal.send(request, response, 'participant/home', {
      title: this.portal.t(request, 'me.title'),
      name: actor.displayName,
      coach,
      next,
      openHelp: help.items.filter((item) => OPEN_HELP_STATUSES.includes(item.status)).length,
    });
  }

  @Get('consents')
  @Policy({ roles: PARTICIPANT })
  async consentsPage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('changed') changed?: string,
  ): Promise<void> {
    await this.showConsents(request, response, actor, { changed: changed === 'on' || changed === 'off' ? changed : undefined }, 200);
  }

  @Post('consents')
  @Policy({ roles: PARTICIPANT })
  async give(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor, @Body() body: FormBody): Promise<void> {
    const { value, invalidParams } = await parseForm(GiveConsentDto, body);
    if (!value || EMPLOYER_PURPOSES.includes(value.purpose)) {
      const params = value ? [{ name: 'purpose', reason: 'employer' }] : invalidParams;
      return this.showConsents(request, response, actor, { errorParams: params }, 400);
    }
    await submitOrShowAgain(
      async () => {
        await this.consents.give(actor, ownParticipant(actor), value);
        response.redirect(303, '/portal/consents?changed=on');
      },
      (params) => this.showConsents(request, response, actor, { errorParams: params }, 400),
    );
  }

  @Post('consents/:consentId/withdrawal')
  @Policy({ roles: PARTICIPANT })
  async withdraw(
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('consentId', uuidParam('consentId')) consentId: string,
  ): Promise<void> {
    await this.consents.withdraw(actor, ownParticipant(actor), consentId);
    response.redirect(303, '/portal/consents?changed=off');
  }

  @Get('my-data')
  @Policy({ roles: PARTICIPANT })
  async myData(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('page') rawPage?: string,
  ): Promise<void> {
    const page = pageNumber(rawPage);
    const log = await this.accessLog.forParticipant(actor, ownParticipant(actor), { page, pageSize: LOG_PAGE_SIZE });
    const locale = this.portal.locale(request);
    const pages = Math.max(1, Math.ceil(log.total / LOG_PAGE_SIZE));
    this.portal.send(request, response, 'participant/my-data', {
      title: this.portal.t(request, 'myData.title'),
      entries: log.items.map((entry) => ({
        at: entry.at,
        who: entry.actor.displayName ?? this.portal.t(request, 'myData.who.system'),
        role: translateOr(locale, `myData.role.${entry.actor.role}`, entry.actor.role),
        action: translateOr(locale, `myData.action.${entry.action}`, entry.action),
        what: translateOr(locale, `myData.resource.${entry.resourceType}`, entry.resourceType),
      })),
      total: log.total,
      page,
      pages,
      previousPage: page > 1 ? page - 1 : undefined,
      nextPage: page < pages ? page + 1 : undefined,
    });
  }

  @Get('checkins/:checkinId/preparation')
  @Policy({ roles: PARTICIPANT, resource: CHECKIN })
  async preparationPage(
    @Req() request: Request,
    @Res() response: Response,
    @Param('checkinId') checkinId: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const existing = await this.aftercare.preparation(checkinId).catch((error: unknown) => {
      if (error instanceof NotFoundProblem) return undefined;
      throw error;
    });
    const values: FormBody = existing
      ? {
          howAreThings: existing.howAreThings?.toString(),
          trend: existing.trend ?? undefined,
          hinderingDomains: existing.hinderingDomains,
          helpingDomains: existing.helpingDomains,
          firstStep: existing.firstStep ?? undefined,
          helpWanted: existing.helpWanted ?? undefined,
        }
      : {};
    await this.showPreparation(request, response, checkinId, values, undefined, saved === '1', 200);
  }

  @Post('checkins/:checkinId/preparation')
  @Policy({ roles: PARTICIPANT, resource: CHECKIN })
  async prepare(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('checkinId') checkinId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(PreparationDto, body, {
      howAreThings: 'number',
      hinderingDomains: 'list',
      helpingDomains: 'list',
    });
    if (!value) return this.showPreparation(request, response, checkinId, body, invalidParams, false, 400);
    await submitOrShowAgain(
      async () => {
        await this.aftercare.prepare(actor, checkinId, value);
        response.redirect(303, `/portal/checkins/${checkinId}/preparation?saved=1`);
      },
      (params) => this.showPreparation(request, response, checkinId, body, params, false, 400),
    );
  }

  private async nextCheckin(actor: Actor): Promise<{ id: string; dueOn: string; prepared: boolean } | undefined> {
    return this.aftercare.nextCheckin(ownParticipant(actor), actor.organisationId);
  }

  private async showConsents(
    request: Request,
    response: Response,
    actor: Actor,
    extra: { changed?: 'on' | 'off'; errorParams?: InvalidParam[] },
    status: number,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const all = await this.consents.list(actor, ownParticipant(actor));
    const general = GENERAL_PURPOSES.map((purpose) => {
      const active = all.find((consent) => consent.purpose === purpose && consent.active);
      return {
        purpose,
        title: this.portal.t(request, `consents.purpose.${purpose}`),
        explanation: (active?.explanation ?? explainConsent(purpose, null, []))[locale],
        active: !!active,
        consentId: active?.id,
        givenAt: active?.givenAt,
      };
    });
    const employer = all
      .filter((consent) => consent.active && EMPLOYER_PURPOSES.includes(consent.purpose))
      .map((consent) => ({
        ...consent,
        title: this.portal.t(request, `consents.purpose.${consent.purpose}`),
        text: consent.explanation[locale],
        recorded: consent.confirmedVia
          ? this.portal.t(request, 'consents.recorded', { via: this.portal.t(request, `consents.via.${consent.confirmedVia}`) })
          : undefined,
      }));
    const history = all
      .filter((consent) => !consent.active)
      .map((consent) => ({ ...consent, title: this.portal.t(request, `consents.purpose.${consent.purpose}`) }));
    const errors = extra.errorParams
      ? pageErrors(extra.errorParams, { purpose: this.portal.t(request, 'consents.title') }, locale, { purpose: 'consents.error' })
      : undefined;
    this.portal.send(
      request,
      response,
      'participant/consents',
      { title: this.portal.t(request, 'consents.title'), general, employer, history, changed: extra.changed, errors },
      status,
    );
  }

  private async showPreparation(
    request: Request,
    response: Response,
    checkinId: string,
    values: FormBody,
    invalidParams: InvalidParam[] | undefined,
    saved: boolean,
    status: number,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string) => this.portal.t(request, key);
    const checkin = await this.aftercare.checkinDue(checkinId);
    const labels = {
      howAreThings: t('prepare.howAreThings.legend'),
      trend: t('prepare.trend.legend'),
      hinderingDomains: t('prepare.hindering.legend'),
      helpingDomains: t('prepare.helping.legend'),
      firstStep: t('prepare.firstStep.label'),
      helpWanted: t('prepare.helpWanted.label'),
      checkinId: t('prepare.title'),
    };
    const errors = invalidParams
      ? pageErrors(invalidParams, labels, locale, {
          howAreThings: 'prepare.error.howAreThings',
          trend: 'prepare.error.trend',
          hinderingDomains: 'prepare.error.domains',
          helpingDomains: 'prepare.error.domains',
          firstStep: 'prepare.error.text',
          helpWanted: 'prepare.error.text',
          checkinId: 'prepare.error.checkin',
        })
      : undefined;
    if (errors?.byField.checkinId) {
      // Not a field of the form: point the summary at the first question instead.
      errors.list = errors.list.map((item) => (item.field === 'checkinId' ? { ...item, field: 'howAreThings' } : item));
    }
    this.portal.send(
      request,
      response,
      'participant/preparation',
      {
        title: t('prepare.title'),
        checkinId,
        dueOn: checkin?.due_on,
        canPrepare: checkin?.status === 'planned',
        saved,
        errors,
        values,
        howAreThings: choices(locale, 'prepare.howAreThings', ['1', '2', '3', '4', '5'], values.howAreThings),
        trends: choices(locale, 'prepare.trend', ['better', 'same', 'worse'], values.trend),
        hindering: choices(locale, 'prepare.domain', PREPARATION_DOMAINS, values.hinderingDomains),
        helping: choices(locale, 'prepare.domain', PREPARATION_DOMAINS, values.helpingDomains),
      },
      status,
    );
  }
}
