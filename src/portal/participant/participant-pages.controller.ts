import { OccupationsService } from '../../reference-data/occupations.service.js';
import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PREPARATION_DOMAINS, PreparationDto } from '../../aftercare/dto/checkin.dto.js';
import { AftercareService, type NextCheckin } from '../../aftercare/aftercare.service.js';
import type { HandoverDto } from '../../aftercare/dto/handover.dto.js';
import { HandoverService } from '../../aftercare/handover.service.js';
import { AccessLogService } from '../../audit/access-log.service.js';
import { CoachDashboardService } from '../../coach-dashboard/coach-dashboard.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { NotFoundProblem } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { explainConsent, EMPLOYER_PURPOSES, PROFILE_PART_LABELS } from '../../consents/consent-explanations.js';
import { ConsentsService } from '../../consents/consents.service.js';
import { GiveConsentDto } from '../../consents/dto/consent.dto.js';
import { CONSENT_PURPOSES, type ConsentPurpose, SHAREABLE_PROFILE_PARTS } from '../../consents/dto/consent.dto.js';
import { HelpRequestsService } from '../../help-requests/help-requests.service.js';
import { OPEN_HELP_STATUSES } from '../../help-requests/help-request.constants.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import type { FormParam } from '../validation-messages.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { choices, pageErrors, pageNumber, translateOr } from '../help/page-support.js';
import { DataExportService } from '../../privacy/data-export.service.js';
import { SurveysService } from '../../surveys/surveys.service.js';
import '../surveys/surveys.i18n.js';
import { readableExport } from './my-data-view.js';
import './my-data.i18n.js';
import './participant.i18n.js';

const PARTICIPANT = ['participant'] as const;
const CHECKIN = { kind: 'checkin', param: 'checkinId' } as const;
const HANDOVER = { kind: 'handover_meeting', param: 'handoverId' } as const;
/** Consents a participant can switch on and off here; consents for one employer are given with the coach. */
const GENERAL_PURPOSES = CONSENT_PURPOSES.filter((purpose) => !EMPLOYER_PURPOSES.includes(purpose));
const LOG_PAGE_SIZE = 25;
const EMPLOYER_FORM_FIELDS = ['employerId', 'purpose', 'profileParts'];

interface CoachRow {
  name: string;
  email: string;
  phone: string | null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
    private readonly handovers: HandoverService,
    private readonly exports: DataExportService,
    private readonly occupations: OccupationsService,
    private readonly surveys: SurveysService,
  ) {}

  @Get('me')
  @Policy({ roles: PARTICIPANT })
  async home(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const participantId = ownParticipant(actor);
    const locale = this.portal.locale(request);
    const coach: CoachRow | undefined = await this.dashboard.coachOf(participantId, actor.organisationId);
    const next = await this.nextCheckin(actor);
    const help = await this.helpRequests.list(actor, { page: 1, pageSize: 100 });
    const open = help.items.filter((item) => OPEN_HELP_STATUSES.includes(item.status));
    const handover = await this.handovers.forParticipant(actor);
    const surveys = await this.surveys.openFor(actor);
    const name = actor.displayName?.trim();
    this.portal.send(request, response, 'participant/home', {
      title: name ? this.portal.t(request, 'me.title', { name }) : this.portal.t(request, 'me.titleNoName'),
      name,
      coach,
      next,
      handover: handover && handover.handover.status !== 'completed' ? this.handoverSummary(handover.handover) : undefined,
      surveys: surveys.map((survey) => ({ href: `/portal/surveys/${survey.id}` })),
      openHelp: open.length,
      helpRequests: open.slice(0, 5).map((item) => ({
        id: item.id,
        createdAt: item.createdAt,
        status: item.status,
        categoryLabel: translateOr(locale, `help.category.${item.category}`, item.category),
        statusLabel: translateOr(locale, `help.status.${item.status}`, item.status),
        statusExplanation: translateOr(locale, `help.status.${item.status}.explain`, ''),
      })),
    });
  }

  @Get('handover')
  @Policy({ roles: PARTICIPANT })
  async handoverPage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('confirmed') confirmed?: string,
  ): Promise<void> {
    ownParticipant(actor);
    const found = await this.handovers.forParticipant(actor);
    this.portal.send(request, response, 'participant/handover', {
      title: this.portal.t(request, 'handover.title'),
      handover: found ? this.handoverSummary(found.handover) : undefined,
      folder: found?.folder,
      agreements: found
        ? [...found.folder.agreements, ...found.folder.expectations].filter((item) => item.applicable && item.text.trim() !== '')
        : [],
      plan: found?.folder.plan,
      confirmed: confirmed === '1',
    });
  }

  @Post('handover/:handoverId/confirmation')
  @Policy({ roles: PARTICIPANT, resource: HANDOVER })
  async confirmHandover(@Res() response: Response, @CurrentActor() actor: Actor, @Param('handoverId') handoverId: string): Promise<void> {
    await this.handovers.confirm(actor, handoverId);
    response.redirect(303, '/portal/handover?confirmed=1');
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

  /** Consent for one named employer: which employer, what for, and (to share the profile) which parts. */
  @Post('consents/employer')
  @Policy({ roles: PARTICIPANT })
  async giveForEmployer(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Body() body: FormBody,
  ): Promise<void> {
    const participantId = ownParticipant(actor);
    const { value, invalidParams } = await parseForm(GiveConsentDto, body, { profileParts: 'list' });
    // Every check in one pass: the form's own rules beside the DTO's.
    const params: FormParam[] = [...invalidParams];
    const purpose = value?.purpose ?? (typeof body.purpose === 'string' ? body.purpose : undefined);
    if (!purpose || !EMPLOYER_PURPOSES.includes(purpose as ConsentPurpose)) {
      if (!params.some((param) => param.name === 'purpose')) params.push({ name: 'purpose', reason: 'is required', constraint: 'isIn' });
    }
    const choices = await this.consents.employerChoices(participantId, actor.organisationId);
    const employerId = typeof body.employerId === 'string' ? body.employerId : '';
    if (!choices.some((choice) => choice.id === employerId) && !params.some((param) => param.name === 'employerId')) {
      params.push({ name: 'employerId', reason: 'is required', constraint: 'isIn' });
    }
    const parts = value?.profileParts ?? [];
    if (purpose === 'share_profile_with_employer' && parts.length === 0 && !params.some((param) => param.name === 'profileParts')) {
      params.push({ name: 'profileParts', reason: 'is required', constraint: 'arrayNotEmpty' });
    }
    if (!value || params.length > 0)
      return this.showConsents(request, response, actor, { employerErrors: params, employerValues: body }, 400);
    const input: GiveConsentDto = {
      purpose: value.purpose,
      employerId,
      ...(value.purpose === 'share_profile_with_employer' ? { profileParts: parts } : {}),
    };
    await submitOrShowAgain(
      async () => {
        await this.consents.give(actor, participantId, input);
        response.redirect(303, '/portal/consents?changed=on');
      },
      (problem) => this.showConsents(request, response, actor, { employerErrors: problem, employerValues: body }, 400),
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

  /** The data export as a page: every section in plain words, dates in Dutch, no codes; the JSON download beside it. */
  @Get('my-data/overview')
  @Policy({ roles: PARTICIPANT })
  async myDataOverview(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const locale = this.portal.locale(request);
    const data = await this.exports.export(actor, ownParticipant(actor));
    const titles = this.exports
      .sections()
      .filter(({ contributor }) => contributor.section !== 'auditEvents')
      .map(({ contributor, titleNl }) => ({ section: contributor.section, titleNl }));
    const names = await this.occupations.groupTitles(occupationCodes(data.sections), locale);
    this.portal.send(request, response, 'participant/my-data-overview', {
      title: this.portal.t(request, 'myData.view.title'),
      exportedAt: data.exportedAt,
      sections: readableExport(data.sections, titles, { locale, occupationName: (code) => names.get(code) }),
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

  private handoverSummary(handover: HandoverDto) {
    const startsAt = new Date(handover.startsAt);
    return {
      id: handover.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + handover.durationMinutes * 60_000),
      location: handover.location,
      videoLink: handover.videoLink,
      held: handover.status !== 'scheduled',
      // The checklist is confirmed after the meeting, once it is filled in.
      canConfirm: handover.status !== 'scheduled' && !handover.participantConfirmedAt && handover.missingItems.length === 0,
      confirmedAt: handover.participantConfirmedAt,
    };
  }

  private async nextCheckin(actor: Actor): Promise<NextCheckin | undefined> {
    return this.aftercare.nextCheckin(ownParticipant(actor), actor.organisationId);
  }

  private async showConsents(
    request: Request,
    response: Response,
    actor: Actor,
    extra: { changed?: 'on' | 'off'; errorParams?: InvalidParam[]; employerErrors?: InvalidParam[]; employerValues?: FormBody },
    status: number,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const all = await this.consents.list(actor, ownParticipant(actor));
    const employerChoices = await this.consents.employerChoices(ownParticipant(actor), actor.organisationId);
    const chosen = extra.employerValues ?? {};
    const chosenParts = Array.isArray(chosen.profileParts) ? chosen.profileParts : chosen.profileParts ? [chosen.profileParts] : [];
    const employerForm = {
      employers: [
        { value: '', label: this.portal.t(request, 'consents.give.chooseEmployer') },
        ...employerChoices.map((employer) => ({ value: employer.id, label: employer.name })),
      ],
      employerId: typeof chosen.employerId === 'string' ? chosen.employerId : '',
      hasEmployers: employerChoices.length > 0,
      purposes: EMPLOYER_PURPOSES.map((purpose) => ({
        value: purpose,
        label: this.portal.t(request, `consents.purpose.${purpose}`),
        hint: this.portal.t(request, `consents.give.hint.${purpose}`),
        checked: chosen.purpose === purpose,
      })),
      parts: SHAREABLE_PROFILE_PARTS.map((part) => ({
        value: part,
        label: capitalise(PROFILE_PART_LABELS[part][locale]),
        checked: chosenParts.includes(part),
      })),
      errors: extra.employerErrors
        ? pageErrors(
            // In the form's order: employer, what for, which parts.
            [...extra.employerErrors].sort((a, b) => EMPLOYER_FORM_FIELDS.indexOf(a.name) - EMPLOYER_FORM_FIELDS.indexOf(b.name)),
            {
              purpose: this.portal.t(request, 'consents.give.purpose'),
              employerId: this.portal.t(request, 'consents.give.employer'),
              profileParts: this.portal.t(request, 'consents.give.parts'),
            },
            locale,
            {
              purpose: 'consents.give.error.purpose',
              employerId: 'consents.give.error.employer',
              profileParts: 'consents.give.error.parts',
            },
          )
        : undefined,
    };
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
      ? pageErrors(
          extra.errorParams.map((param) => ({ ...param, name: param.name === 'purpose' ? 'generalPurpose' : param.name })),
          { generalPurpose: this.portal.t(request, 'consents.title') },
          locale,
          { generalPurpose: 'consents.error' },
        )
      : undefined;
    this.portal.send(
      request,
      response,
      'participant/consents',
      {
        title: this.portal.t(request, 'consents.title'),
        general,
        employer,
        history,
        changed: extra.changed,
        errors: errors ?? employerForm.errors,
        employerForm,
      },
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

/** The ISCO codes anywhere in an export (under keys that name an occupation), to show them by name. */
function occupationCodes(value: unknown, key = '', found = new Set<string>()): string[] {
  if (Array.isArray(value)) for (const item of value) occupationCodes(item, key, found);
  else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [name, inner] of Object.entries(value)) occupationCodes(inner, name, found);
  } else if (/occupation|isco/i.test(key) && /^\d{1,4}$/.test(String(value))) found.add(String(value));
  return [...found];
}
