import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import { AftercareService } from '../../aftercare/aftercare.service.js';
import { EarlyWarningService } from '../../aftercare/early-warning.service.js';
import { CoachDashboardService } from '../../coach-dashboard/coach-dashboard.service.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import type { FormBody } from '../form.js';
import { errorsFor } from './coach-support.js';
import './coach-risks.i18n.js';
import { ParticipantsService } from '../../participants/participants.service.js';
import { Clock } from '../../platform/clock/clock.js';
import { greetingFor } from '../greeting.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';
import './coach-care.i18n.js';
import { relativeTime } from '../relative-time.js';
import { translateOr } from '../help/page-support.js';
import { topicLabel } from './coach-care.i18n.js';
import { CoachParticipantView } from './coach-participant-view.js';
import { recordRiskFollowUp, riskView } from './risk-view.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;
const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;
const PAGE_SIZE = 25;

/** The coach's day, the caseload and one participant. */
@PortalController('portal')
export class CoachOverviewController {
  constructor(
    private readonly portal: PortalContext,
    private readonly dashboard: CoachDashboardService,
    private readonly participants: ParticipantsService,
    private readonly view: CoachParticipantView,
    private readonly earlyWarning: EarlyWarningService,
    private readonly aftercare: AftercareService,
    private readonly clock: Clock,
  ) {}

  @Get('today')
  @Policy({ roles: CASEWORKERS })
  async today(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.todayPage(actor, request, response, { saved: request.query.saved === 'risk' });
  }

  /** The coach records what they did about a warning; a call or renewal talk is logged as a contact too. */
  @Post('placements/:placementId/risks/:riskId')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async followUpRisk(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Param('riskId', uuidParam('riskId')) riskId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    await recordRiskFollowUp(
      riskId,
      body,
      (value) => this.aftercare.followUpRisk(actor, placementId, riskId, value),
      () => response.redirect(303, '/portal/today?saved=risk#risks-title'),
      (form, status) => this.todayPage(actor, request, response, form, status),
    );
  }

  private async todayPage(
    actor: Actor,
    request: Request,
    response: Response,
    extra: { saved?: boolean; riskId?: string; values?: Record<string, unknown>; params?: InvalidParam[] },
    status = 200,
  ): Promise<void> {
    const today = await this.dashboard.today(actor);
    const risks = await this.earlyWarning.open(actor, 'mine');
    const now = this.clock.now();
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const helpRequests = today.helpRequests.map((item) => ({
      ...item,
      urgencyLabel: t(`coach.urgency.${item.urgency}`),
      statusLabel: t(`coach.helpStatus.${item.status}`),
      topic: topicLabel(locale, item.category),
      requesterType: t(item.requesterRole === 'employer_user' ? 'care.requester.employer' : 'care.requester.participant'),
      age: relativeTime(now, item.createdAt, locale),
    }));
    const withAge = <T extends { dueOn: string }>(row: T) => ({ ...row, age: relativeTime(now, row.dueOn, locale) });
    const signalLabel = (code: string) => translateOr(locale, `coach.signal.${code}`, t('care.today.otherSignal'));
    const riskFlags = today.riskFlags.map((row) => ({
      ...row,
      flagged: row.riskSignals.map(signalLabel),
      noted: row.lastSignals.filter((code) => !row.riskSignals.includes(code)).map(signalLabel),
      lastCheckinAge: row.lastCheckinOn ? relativeTime(now, row.lastCheckinOn, locale) : undefined,
    }));
    const checkins = {
      overdue: today.checkins.overdue.map(withAge),
      dueToday: today.checkins.dueToday.map(withAge),
      upcoming: today.checkins.upcoming.map(withAge),
    };
    const riskErrors = extra.params
      ? errorsFor(this.portal, request, extra.params, { action: t('risk.form.action'), note: t('risk.form.note') })
      : undefined;
    // The summary links to the fields of the one warning's form (its fields carry the warning's id).
    const summary = riskErrors && {
      ...riskErrors,
      list: riskErrors.list.map((item) => ({ ...item, field: `${extra.riskId}-${item.field}` })),
    };
    const earlyWarnings = risks.map((risk) =>
      riskView(risk, t, risk.id === extra.riskId ? { values: extra.values, errors: riskErrors } : undefined),
    );
    this.portal.send(
      request,
      response,
      'coach/today',
      {
        title: t('coach.today.title'),
        today: { ...today, checkins, helpRequests, riskFlags },
        earlyWarnings,
        riskSaved: extra.saved ? t('risk.saved') : undefined,
        errors: summary,
        summary: t('care.today.summary', {
          overdue: checkins.overdue.length,
          dueToday: checkins.dueToday.length,
          help: helpRequests.length,
          warnings: earlyWarnings.length,
          signals: riskFlags.length,
        }),
        name: actor.displayName,
        greeting: greetingFor(now, locale),
      },
      status,
    );
  }

  @Get('caseload')
  @Policy({ roles: CASEWORKERS })
  async caseload(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('q') q?: string,
    @Query('page') pageText?: string,
    @Query('phase') phase?: string,
  ): Promise<void> {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const page = Math.max(1, Number.parseInt(String(pageText ?? '1'), 10) || 1);
    const result = await this.participants.list(actor, { q: search || undefined, page, pageSize: PAGE_SIZE } as never);
    const ids = result.items.map((item) => item.id);
    const phaseOf = await this.dashboard.phases(ids);
    const chosen = ['none', 'trial', 'contract', 'aftercare'].includes(String(phase)) ? String(phase) : '';
    const items = result.items
      .map((item) => ({ ...item, phase: phaseOf.get(item.id) ?? 'none' }))
      .map((item) => ({ ...item, phaseLabel: this.portal.t(request, `coach.phase.${item.phase}`) }))
      .filter((item) => !chosen || item.phase === chosen);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const query = (p: number) =>
      `/portal/caseload?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(chosen ? { phase: chosen } : {}), page: String(p) })}`;
    this.portal.send(request, response, 'coach/caseload', {
      title: this.portal.t(request, 'coach.caseload.title'),
      items,
      q: search,
      phase: chosen,
      phases: ['', 'none', 'trial', 'contract', 'aftercare'].map((value) => ({
        value,
        label: this.portal.t(request, value ? `coach.phase.${value}` : 'coach.phase.all'),
      })),
      total: result.total,
      page,
      pages,
      previous: page > 1 ? query(page - 1) : undefined,
      next: page < pages ? query(page + 1) : undefined,
    });
  }

  @Get('caseload/:participantId')
  @Policy({ roles: CASEWORKERS, resource: PARTICIPANT })
  async participant(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
  ): Promise<void> {
    const data = await this.view.participantData(actor, request, participantId);
    this.portal.send(request, response, 'coach/participant', data);
  }
}
