import { CaseloadTransferService } from '../../aftercare/caseload-transfer.service.js';
import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AftercareService } from '../../aftercare/aftercare.service.js';
import { CoachDashboardService } from '../../coach-dashboard/coach-dashboard.service.js';
import { EMPLOYER_PURPOSES } from '../../consents/consent-explanations.js';
import { ConsentsService } from '../../consents/consents.service.js';
import { CONSENT_CONFIRMATIONS, CONSENT_PURPOSES, GiveConsentDto, SHAREABLE_PROFILE_PARTS } from '../../consents/dto/consent.dto.js';
import { EmployersService } from '../../employers/employers.service.js';
import { CaseloadLimitDto } from '../../organisations/dto/organisation.dto.js';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import { ReassignParticipantDto } from '../../participants/dto/participant.dto.js';
import { ParticipantsService } from '../../participants/participants.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { type FormBody, formList, parseForm, submitOrShowAgain } from '../form.js';
import type { FormErrors } from '../portal-context.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';
import './coach-care.i18n.js';
import './coach-risks.i18n.js';
import { EarlyWarningService } from '../../aftercare/early-warning.service.js';
import { text } from './coach-forms.js';
import { errorsFor, sentence } from './coach-support.js';
import { riskView } from './risk-view.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;
const CONSENT_FIELDS = ['purpose', 'employerId', 'profileParts', 'confirmedVia', 'confirmed'] as const;
const REASSIGN_FIELDS = ['coachMembershipId', 'reason'] as const;

/** The field's own message where the generic one would read oddly (a checkbox to tick, a choice to make). */
function withMessages(errors: FormErrors, messages: Record<string, string>): FormErrors {
  for (const [field, message] of Object.entries(messages)) {
    if (!errors.byField[field]) continue;
    errors.byField[field] = message;
    for (const item of errors.list) if (item.field === field) item.message = message;
  }
  return errors;
}

/**
 * The coach's care work that is not matching: consents recorded on the
 * participant's behalf (with how they confirmed it), and the team lead's
 * drill-down into one coach's cases and the reassignment of a participant.
 */
@PortalController('portal')
export class CoachCareController {
  constructor(
    private readonly portal: PortalContext,
    private readonly participants: ParticipantsService,
    private readonly consents: ConsentsService,
    private readonly employers: EmployersService,
    private readonly dashboard: CoachDashboardService,
    private readonly aftercare: AftercareService,
    private readonly organisations: OrganisationsService,
    private readonly caseloads: CaseloadTransferService,
    private readonly earlyWarning: EarlyWarningService,
  ) {}

  // ---- consents on the participant's behalf ----

  @Get('caseload/:participantId/consents')
  @Policy({ roles: CASEWORKERS, resource: PARTICIPANT })
  async consentsPage(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
  ): Promise<void> {
    const saved =
      typeof request.query.saved === 'string' && ['given', 'withdrawn'].includes(request.query.saved) ? request.query.saved : undefined;
    await this.showConsents(actor, request, response, participantId, { saved });
  }

  @Post('caseload/:participantId/consents')
  @Policy({ roles: CASEWORKERS, resource: PARTICIPANT })
  async recordConsent(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = { ...body, profileParts: formList(body, 'profileParts') };
    const purpose = text(body, 'purpose');
    const forEmployer = (EMPLOYER_PURPOSES as readonly string[]).includes(String(purpose));
    const parts = purpose === 'share_profile_with_employer' ? formList(body, 'profileParts') : [];
    const params: InvalidParam[] = [];
    if (!purpose) params.push({ name: 'purpose', reason: 'should not be empty' });
    if (forEmployer && !text(body, 'employerId')) params.push({ name: 'employerId', reason: 'should not be empty' });
    if (purpose === 'share_profile_with_employer' && parts.length === 0)
      params.push({ name: 'profileParts', reason: 'should not be empty' });
    if (!text(body, 'confirmedVia')) params.push({ name: 'confirmedVia', reason: 'should not be empty' });
    if (text(body, 'confirmed') !== 'yes') params.push({ name: 'confirmed', reason: 'should not be empty' });
    const { value, invalidParams } = await parseForm(
      GiveConsentDto,
      {
        purpose,
        employerId: forEmployer ? text(body, 'employerId') : undefined,
        profileParts: parts.length > 0 ? parts : undefined,
        confirmedVia: text(body, 'confirmedVia'),
      },
      { profileParts: 'list' },
    );
    params.push(...invalidParams.filter((param) => !params.some((known) => known.name === param.name)));
    if (!value || params.length > 0) return this.showConsents(actor, request, response, participantId, { values, params }, 400);
    await submitOrShowAgain(
      async () => {
        await this.consents.give(actor, participantId, value);
        response.redirect(303, `/portal/caseload/${participantId}/consents?saved=given`);
      },
      (problem) => this.showConsents(actor, request, response, participantId, { values, params: problem }, 422),
    );
  }

  @Post('caseload/:participantId/consents/:consentId/withdrawal')
  @Policy({ roles: CASEWORKERS, resource: PARTICIPANT })
  async withdrawConsent(
    @CurrentActor() actor: Actor,
    @Res() response: Response,
    @Param('participantId') participantId: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
  ): Promise<void> {
    await this.consents.withdraw(actor, participantId, consentId);
    response.redirect(303, `/portal/caseload/${participantId}/consents?saved=withdrawn`);
  }

  private async showConsents(
    actor: Actor,
    request: Request,
    response: Response,
    participantId: string,
    extra: { values?: Record<string, unknown>; params?: InvalidParam[]; saved?: string },
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const participant = await this.participants.get(actor, participantId);
    const consents = await this.consents.list(actor, participantId);
    const employers = await this.employers.list(actor);
    const values = extra.values ?? {};
    const chosenParts = (values.profileParts as string[] | undefined) ?? [];
    const fieldLabels = Object.fromEntries(CONSENT_FIELDS.map((field) => [field, t(`care.consent.field.${field}`)]));
    const errors = extra.params
      ? withMessages(errorsFor(this.portal, request, extra.params, fieldLabels), {
          confirmed: t('care.consent.confirmMissing'),
          purpose: t('coach.error.choose', { label: fieldLabels.purpose.toLowerCase() }),
          confirmedVia: t('coach.error.choose', { label: fieldLabels.confirmedVia.toLowerCase() }),
          employerId: t('care.consent.employerMissing'),
          profileParts: t('care.consent.partsMissing'),
        })
      : undefined;
    const name = `${participant.firstName} ${participant.lastName}`;
    this.portal.send(
      request,
      response,
      'coach/consents',
      {
        title: t('care.consent.title', { name }),
        participant,
        name,
        saved: extra.saved ? t(`care.consent.saved.${extra.saved}`) : undefined,
        errors,
        active: consents
          .filter((consent) => consent.active)
          .map((consent) => ({
            ...consent,
            purposeLabel: t(`care.purpose.${consent.purpose}`),
            text: sentence(locale, consent.explanation),
            how: consent.confirmedVia
              ? t('care.consent.recordedVia', { via: t(`care.confirmedVia.${consent.confirmedVia}`).toLowerCase() })
              : undefined,
          })),
        withdrawn: consents
          .filter((consent) => !consent.active)
          .map((consent) => ({ ...consent, purposeLabel: t(`care.purpose.${consent.purpose}`) })),
        purposes: CONSENT_PURPOSES.map((purpose) => ({
          value: purpose,
          label: t(`care.purpose.${purpose}`),
          hint: t(`care.purposeHint.${purpose}`),
          checked: values.purpose === purpose,
        })),
        employerOptions: [
          { value: '', label: t('coach.choose') },
          ...employers
            .map((employer) => ({ value: employer.id, label: employer.name }))
            .sort((a, b) => a.label.localeCompare(b.label, 'nl')),
        ],
        parts: SHAREABLE_PROFILE_PARTS.map((part) => ({ value: part, label: t(`care.part.${part}`), checked: chosenParts.includes(part) })),
        confirmations: CONSENT_CONFIRMATIONS.map((via) => ({
          value: via,
          label: t(`care.confirmedVia.${via}`),
          checked: values.confirmedVia === via,
        })),
        values,
        confirmedChecked: values.confirmed === 'yes',
      },
      status,
    );
  }

  // ---- the team lead: one coach's cases, and handing a participant to another coach ----

  @Get('team')
  @Policy({ roles: ['team_lead'] })
  async team(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const saved =
      typeof request.query.saved === 'string' && ['reassigned', 'limit'].includes(request.query.saved) ? request.query.saved : undefined;
    await this.teamPage(actor, request, response, { saved });
  }

  @Post('team/caseload-limit')
  @Policy({ roles: ['team_lead'] })
  async caseloadLimit(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(CaseloadLimitDto, body, { caseloadLimit: 'number' });
    if (!value) return this.teamPage(actor, request, response, { limitValue: body.caseloadLimit, params: invalidParams }, 400);
    await this.organisations.setCaseloadLimit(actor, value);
    response.redirect(303, '/portal/team?saved=limit');
  }

  private async teamPage(
    actor: Actor,
    request: Request,
    response: Response,
    extra: { saved?: string; limitValue?: unknown; params?: InvalidParam[] },
    status = 200,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const workload = await this.dashboard.teamWorkload(actor);
    const coachNames = new Map(workload.coaches.map((coach) => [coach.membershipId, coach.name]));
    const teamRisks = (await this.earlyWarning.open(actor, 'team')).map((risk) => ({
      ...riskView(risk, t),
      coachName: risk.coachMembershipId ? (coachNames.get(risk.coachMembershipId) ?? '') : '',
    }));
    const escalations = workload.coaches.filter((coach) => coach.escalatedHelpRequests > 0 || coach.overdueCheckins > 0);
    const coaches = workload.coaches.map((coach) => ({ ...coach, loadLabel: t(`care.load.${coach.load}`) }));
    this.portal.send(
      request,
      response,
      'coach/team',
      {
        title: t('coach.team.title'),
        workload: { ...workload, coaches },
        escalations,
        teamRisks,
        over: coaches.filter((coach) => coach.load === 'over').length,
        saved: extra.saved ? t(`care.team.saved.${extra.saved}`) : undefined,
        limitValue: extra.limitValue ?? workload.caseloadLimit ?? '',
        errors: extra.params ? errorsFor(this.portal, request, extra.params, { caseloadLimit: t('care.team.limitLabel') }) : undefined,
      },
      status,
    );
  }

  @Get('team/coaches/:membershipId')
  @Policy({ roles: ['team_lead'] })
  async coachCases(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('membershipId', uuidParam('membershipId')) membershipId: string,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const { coach, cases } = await this.dashboard.coachCases(actor, membershipId);
    const workload = await this.dashboard.teamWorkload(actor);
    const saved = request.query.saved === 'reassigned' ? this.portal.t(request, 'care.team.saved.reassigned') : undefined;
    // This coach's open warnings, from the team's (the team lead sees the team's placements).
    const risks = (await this.earlyWarning.open(actor, 'team'))
      .filter((risk) => risk.coachMembershipId === membershipId)
      .map((risk) => riskView(risk, t));
    this.portal.send(request, response, 'coach/team-coach', {
      title: this.portal.t(request, 'care.team.coachTitle', { name: coach.name }),
      coach: { ...coach, loadLabel: this.portal.t(request, `care.load.${coach.load}`) },
      limit: workload.caseloadLimit,
      saved,
      risks,
      cases: cases.map((row) => ({ ...row, phaseLabel: this.portal.t(request, `coach.phase.${row.phase ?? 'none'}`) })),
    });
  }

  @Get('team/participants/:participantId/reassignment')
  @Policy({ roles: ['team_lead'], resource: PARTICIPANT })
  async reassignPage(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
  ): Promise<void> {
    await this.showReassign(actor, request, response, participantId, {});
  }

  @Post('team/participants/:participantId/reassignment')
  @Policy({ roles: ['team_lead'], resource: PARTICIPANT })
  async reassign(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = { coachMembershipId: body.coachMembershipId, reason: body.reason };
    const { value, invalidParams } = await parseForm(ReassignParticipantDto, values as FormBody);
    if (!value) return this.showReassign(actor, request, response, participantId, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        await this.caseloads.transfer(actor, participantId, value);
        response.redirect(303, `/portal/team/coaches/${value.coachMembershipId}?saved=reassigned`);
      },
      (params) => this.showReassign(actor, request, response, participantId, { values, params }, 422),
    );
  }

  private async showReassign(
    actor: Actor,
    request: Request,
    response: Response,
    participantId: string,
    extra: { values?: Record<string, unknown>; params?: InvalidParam[] },
    status = 200,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const participant = await this.participants.get(actor, participantId);
    const workload = await this.dashboard.teamWorkload(actor);
    const current = workload.coaches.find((coach) => coach.membershipId === participant.coachMembershipId);
    const fieldLabels = Object.fromEntries(REASSIGN_FIELDS.map((field) => [field, t(`care.reassign.${field}`)]));
    const errors = extra.params
      ? withMessages(errorsFor(this.portal, request, extra.params, fieldLabels), {
          coachMembershipId: t('coach.error.choose', { label: fieldLabels.coachMembershipId.toLowerCase() }),
        })
      : undefined;
    const name = `${participant.firstName} ${participant.lastName}`;
    this.portal.send(
      request,
      response,
      'coach/reassign',
      {
        title: t('care.reassign.title', { name }),
        name,
        participant,
        current,
        coachOptions: [
          { value: '', label: t('coach.choose') },
          ...workload.coaches
            .filter((coach) => coach.membershipId !== participant.coachMembershipId)
            .map((coach) => ({
              value: coach.membershipId,
              label: t('care.reassign.option', {
                name: coach.name,
                count: coach.caseloadSize,
                load: t(`care.load.${coach.load}`).toLowerCase(),
              }),
            })),
        ],
        values: extra.values ?? {},
        errors,
      },
      status,
    );
  }
}
