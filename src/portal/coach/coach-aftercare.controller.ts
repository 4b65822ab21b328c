import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AftercareService } from '../../aftercare/aftercare.service.js';
import { CheckinAppointmentDto, LIFE_DOMAIN_STATES, LIFE_DOMAINS, RecordCheckinDto, SIGNALS } from '../../aftercare/dto/checkin.dto.js';
import { AttendanceDto, HandoverChecklistDto, type HandoverDto, ScheduleHandoverDto } from '../../aftercare/dto/handover.dto.js';
import { CONTACT_CHANNELS } from '../../aftercare/aftercare.constants.js';
import {
  AFTERCARE_FUNDING,
  AGREEMENT_ITEMS,
  type ChecklistEntry,
  EXPECTATION_ITEMS,
  type HandoverChecklist,
  MONITORING_FORMS,
  MONITORING_FREQUENCIES,
} from '../../aftercare/handover-checklist.js';
import { HandoverService, NO_DISCLOSURE_NOTICE } from '../../aftercare/handover.service.js';
import { EarlyWarningService } from '../../aftercare/early-warning.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import { NotFoundProblem, type InvalidParam } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { localDate } from '../../rules/calculations/working-days.js';
import { Clock } from '../../platform/clock/clock.js';
import { HELP_STATUSES, HELP_TRANSITIONS, type HelpStatus } from '../../help-requests/help-request.constants.js';
import { CreateHelpRequestMessageDto, HelpRequestStatusChangeDto } from '../../help-requests/dto/help-request.dto.js';
import { HelpRequestsService } from '../../help-requests/help-requests.service.js';
import { ContractDto, type PlacementDto } from '../../placements/dto/placement.dto.js';
import { CONTRACT_TYPES } from '../../placements/dto/placement.dto.js';
import { PlacementsService } from '../../placements/placements.service.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';
import { topicLabel } from './coach-care.i18n.js';
import { relativeTime } from '../relative-time.js';
import { amsterdamDateTime, amsterdamToday, fieldId, list, text, validateNested } from './coach-forms.js';
import { errorsFor, labels, options, plainReason, sentence } from './coach-support.js';
import './employer-facing.i18n.js';
import { recordRiskFollowUp, riskView } from './risk-view.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;
const HANDOVER = { kind: 'handover_meeting', param: 'handoverId' } as const;
const CHECKIN = { kind: 'checkin', param: 'checkinId' } as const;
const CONTRACT_FIELDS = ['contractStart', 'contractType', 'hoursPerWeek', 'grossHourlyWage', 'wageScale', 'contractEnd'] as const;
const SCHEDULE_FIELDS = ['date', 'time', 'durationMinutes', 'location', 'videoLink'] as const;
const FRAME = ['knowing', 'able', 'doing', 'belonging'] as const;
const ACTION_ROWS = 3;
/** The checklist's steps as the page names them (`agreements-finances`), in order: 12 agreements, 5 expectations, the monitoring plan. */
const CHECKLIST_STEPS: readonly string[] = [
  ...AGREEMENT_ITEMS.map((item) => `agreements-${item}`),
  ...EXPECTATION_ITEMS.map((item) => `expectations-${item}`),
  'monitoringPlan',
];

/** The step to open next: the first open one after the one just saved, else the first open one. */
function nextOpenStep(missingItems: readonly string[], after?: string): string | undefined {
  const open = CHECKLIST_STEPS.filter((step) => missingItems.includes(step.replace('-', '.')));
  const from = after ? CHECKLIST_STEPS.indexOf(after) : -1;
  return open.find((step) => CHECKLIST_STEPS.indexOf(step) > from) ?? open[0];
}

type Params = InvalidParam[];

/** Placement (contract), handover (schedule, checklist, attendance), check-ins and the help request inbox. */
@PortalController('portal')
export class CoachAftercareController {
  constructor(
    private readonly portal: PortalContext,
    private readonly handovers: HandoverService,
    private readonly aftercare: AftercareService,
    private readonly placements: PlacementsService,
    private readonly helpRequests: HelpRequestsService,
    private readonly clock: Clock,
    private readonly earlyWarning: EarlyWarningService,
  ) {}

  // ---- placement ----

  @Get('placements/:placementId')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async placement(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
  ): Promise<void> {
    const saved = typeof request.query.saved === 'string' ? request.query.saved : undefined;
    await this.placementPage(actor, request, response, placementId, { saved });
  }

  /** What the coach (or team lead) did about one of the placement's warnings, recorded from the placement page. */
  @Post('placements/:placementId/warnings/:riskId')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async followUpWarning(
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
      () => response.redirect(303, `/portal/placements/${placementId}?saved=risk#warnings-title`),
      (risk, status) => this.placementPage(actor, request, response, placementId, { risk }, status),
    );
  }

  @Post('placements/:placementId/contract')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async contract(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const contractValues = Object.fromEntries(CONTRACT_FIELDS.map((field) => [field, body[field]]));
    const { value, invalidParams } = await parseForm(ContractDto, body, { hoursPerWeek: 'number', grossHourlyWage: 'number' });
    if (!value) return this.placementPage(actor, request, response, placementId, { contractValues, contractParams: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        const saved = await this.placements.setContract(actor, placementId, value);
        await this.placementPage(actor, request, response, placementId, { saved: 'contract', warnings: saved.warnings });
      },
      (params) => this.placementPage(actor, request, response, placementId, { contractValues, contractParams: params }, 422),
    );
  }

  @Post('placements/:placementId/handover')
  @Policy({ roles: CASEWORKERS, resource: PLACEMENT })
  async schedule(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('placementId') placementId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const scheduleValues = Object.fromEntries(SCHEDULE_FIELDS.map((field) => [field, body[field]]));
    const date = text(body, 'date') ?? '';
    const time = text(body, 'time') ?? '';
    const startsAt = amsterdamDateTime(date, time);
    const params: Params = [];
    if (!date) params.push({ name: 'date', reason: 'should not be empty' });
    if (!time) params.push({ name: 'time', reason: 'should not be empty' });
    if (date && time && !startsAt) params.push({ name: 'date', reason: this.portal.t(request, 'coach.handover.dateFormat') });
    const { value, invalidParams } = await parseForm(
      ScheduleHandoverDto,
      { ...body, date: undefined, time: undefined, startsAt: startsAt ?? '' },
      { durationMinutes: 'number' },
    );
    params.push(...invalidParams.filter((param) => param.name !== 'startsAt' || startsAt));
    const mapped = params.map((param) => (param.name === 'startsAt' ? { ...param, name: 'date' } : param));
    if (!value || mapped.length)
      return this.placementPage(actor, request, response, placementId, { scheduleValues, scheduleParams: mapped }, 400);
    await submitOrShowAgain(
      async () => {
        const meeting = await this.handovers.schedule(actor, placementId, value);
        response.redirect(303, `/portal/handovers/${meeting.id}`);
      },
      (problem) => {
        const renamed = problem.map((param) => (param.name === 'startsAt' ? { ...param, name: 'date' } : param));
        return this.placementPage(actor, request, response, placementId, { scheduleValues, scheduleParams: renamed }, 422);
      },
    );
  }

  private async placementPage(
    actor: Actor,
    request: Request,
    response: Response,
    placementId: string,
    extra: {
      contractValues?: Record<string, unknown>;
      contractParams?: Params;
      scheduleValues?: Record<string, unknown>;
      scheduleParams?: Params;
      saved?: string;
      warnings?: PlacementDto['warnings'];
      risk?: { riskId: string; values: Record<string, unknown>; params: Params };
    },
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const placement = await this.placements.get(actor, placementId);
    const riskErrors = extra.risk
      ? errorsFor(this.portal, request, extra.risk.params, { action: t('risk.form.action'), note: t('risk.form.note') })
      : undefined;
    // The early warning's risks of this placement: the open ones with their form, the closed ones with what followed.
    const risks = (await this.earlyWarning.forPlacement(actor, placementId)).map((risk) =>
      riskView(
        risk,
        t,
        risk.id === extra.risk?.riskId ? { values: extra.risk.values, errors: riskErrors } : undefined,
        `/portal/placements/${placementId}/warnings/${risk.id}`,
      ),
    );
    const names = await this.handovers.names(placementId);
    const handover = await this.handovers.forPlacement(placementId).catch((error: unknown) => {
      if (error instanceof NotFoundProblem) return null;
      throw error;
    });
    const checkins = await this.aftercare.list(actor, placementId);
    const contractLabels = labels(locale, 'coach.contract', CONTRACT_FIELDS);
    const scheduleLabels = labels(locale, 'coach.handover', SCHEDULE_FIELDS);
    const errors = extra.contractParams ?? extra.scheduleParams;
    const errorLabels = extra.contractParams ? contractLabels : scheduleLabels;
    // The summary of a warning's form links to that warning's fields (they carry its id).
    const riskSummary = riskErrors && {
      ...riskErrors,
      list: riskErrors.list.map((item) => ({ ...item, field: `${extra.risk!.riskId}-${item.field}` })),
    };
    this.portal.send(
      request,
      response,
      'coach/placement',
      {
        title: this.portal.t(request, 'coach.placement.title', { participant: names?.participant ?? '', employer: names?.employer ?? '' }),
        names,
        placement: { ...placement, statusLabel: this.portal.t(request, `coach.placementStatus.${placement.status}`) },
        // A trial placement without a contract yet gets the form to record one; once there is a contract it can be changed.
        canContract: ['trial', 'contract'].includes(placement.status),
        hasContract: Boolean(placement.contractStart),
        openRisks: risks.filter((risk) => risk.state !== 'resolved'),
        closedRisks: risks.filter((risk) => risk.state === 'resolved'),
        handover:
          handover && handover.status !== 'cancelled'
            ? { ...handover, statusLabel: this.portal.t(request, `coach.handoverStatus.${handover.status}`) }
            : null,
        canSchedule: (!handover || handover.status === 'cancelled') && ['trial', 'contract'].includes(placement.status),
        handoverPassed: placement.status === 'aftercare' || placement.status === 'closed',
        checkins: checkins.map((c) => ({ ...c, statusLabel: this.portal.t(request, `coach.checkinStatus.${c.status}`) })),
        contractValues: extra.contractValues ?? {
          contractStart: placement.contractStart ?? '',
          contractType: placement.contractType ?? '',
          hoursPerWeek: placement.hoursPerWeek ?? '',
          grossHourlyWage: placement.grossHourlyWage ?? '',
          contractEnd: placement.contractEnd ?? '',
        },
        scheduleValues: extra.scheduleValues ?? { durationMinutes: '60' },
        errors: riskSummary ?? (errors ? errorsFor(this.portal, request, errors, errorLabels) : undefined),
        contractErrors: extra.contractParams ? errorsFor(this.portal, request, extra.contractParams, contractLabels) : undefined,
        scheduleErrors: extra.scheduleParams ? errorsFor(this.portal, request, extra.scheduleParams, scheduleLabels) : undefined,
        saved: extra.saved === 'risk' ? undefined : extra.saved,
        riskSaved: extra.saved === 'risk' ? t('risk.placement.saved') : undefined,
        warnings: (extra.warnings ?? []).map((warning) => sentence(locale, warning)),
        contractTypeOptions: options(locale, 'coach.contractType', CONTRACT_TYPES, true),
      },
      status,
    );
  }

  // ---- handover ----

  @Get('handovers/:handoverId')
  @Policy({ roles: CASEWORKERS, resource: HANDOVER })
  async handover(
    @Req() request: Request,
    @Res() response: Response,
    @Param('handoverId') handoverId: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const meeting = await this.handovers.get(handoverId);
    const item = typeof request.query.item === 'string' ? request.query.item : undefined;
    await this.handoverPage(request, response, meeting, {
      values: this.checklistValues(meeting.checklist as Partial<HandoverChecklist>),
      saved,
      savedItem: saved === 'checklist' ? item : undefined,
    });
  }

  @Post('handovers/:handoverId/checklist')
  @Policy({ roles: CASEWORKERS, resource: HANDOVER })
  async checklist(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('handoverId') handoverId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const plain = this.checklistFromForm(body);
    const values = Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
    const { value, invalidParams } = await validateNested(HandoverChecklistDto, plain);
    const meeting = await this.handovers.get(handoverId);
    // Each item has its own save button (its name as `next`); the whole form is saved, so nothing typed elsewhere is lost.
    const next = text(body, 'next');
    const savedItem = next && CHECKLIST_STEPS.includes(next) ? next : undefined;
    if (!value) return this.handoverPage(request, response, meeting, { values, params: invalidParams, savedItem }, 400);
    await submitOrShowAgain(
      async () => {
        const saved = await this.handovers.saveChecklist(actor, handoverId, value);
        const open = nextOpenStep(saved.missingItems, savedItem);
        const query = new URLSearchParams({ saved: 'checklist', ...(savedItem ? { item: savedItem } : {}) });
        response.redirect(303, `/portal/handovers/${handoverId}?${query}${open ? `#item-${open}` : '#checklist-title'}`);
      },
      (params) => this.handoverPage(request, response, meeting, { values, params, savedItem }, 422),
    );
  }

  @Post('handovers/:handoverId/attendance')
  @Policy({ roles: CASEWORKERS, resource: HANDOVER })
  async attendance(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('handoverId') handoverId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const meeting = await this.handovers.get(handoverId);
    const { value, invalidParams } = await parseForm(AttendanceDto, body, {
      participant: 'boolean',
      coach: 'boolean',
      employerContact: 'boolean',
    });
    const values = this.checklistValues(meeting.checklist as Partial<HandoverChecklist>);
    if (!value) return this.handoverPage(request, response, meeting, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        await this.handovers.recordAttendance(actor, handoverId, value);
        response.redirect(303, `/portal/handovers/${handoverId}?saved=attendance`);
      },
      (params) =>
        this.handoverPage(
          request,
          response,
          meeting,
          { values, params: params.map((p) => ({ ...p, name: p.name === 'attendance' ? 'participant' : p.name })) },
          422,
        ),
    );
  }

  private async handoverPage(
    request: Request,
    response: Response,
    meeting: HandoverDto,
    extra: { values: Record<string, unknown>; params?: Params; saved?: string; savedItem?: string },
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const names = await this.handovers.names(meeting.placementId);
    const errors = extra.params ? errorsFor(this.portal, request, extra.params, {}) : undefined;
    const openStep = nextOpenStep(meeting.missingItems, extra.savedItem);
    const stepState = (base: string, missing: boolean, na: boolean) => {
      const invalid = Object.keys(errors?.byField ?? {}).some((field) => field.startsWith(`${base}-`) || field === base);
      const state = missing ? 'open' : na ? 'na' : 'done';
      return {
        state,
        stateLabel: t(`care.checklist.state.${state}`),
        open: invalid || base === openStep || (status !== 200 && base === extra.savedItem),
      };
    };
    const fieldLabels: Record<string, string> = {
      participant: t('coach.attendance.participant'),
      checklist: t('coach.checklist.title'),
    };
    const item = (group: 'agreements' | 'expectations', name: string) => {
      const base = `${group}-${name}`;
      const label = t(`coach.${group}.${name}`);
      fieldLabels[`${base}-text`] = label;
      fieldLabels[`${base}-owner`] = `${label}: ${t('coach.checklist.owner')}`;
      fieldLabels[`${base}-applicable`] = label;
      const missing = meeting.missingItems.includes(`${group}.${name}`);
      const na = Boolean(extra.values[`${group}-${name}-na`]);
      return {
        base,
        textName: `${base}-text`,
        ownerName: `${base}-owner`,
        naName: `${base}-na`,
        label,
        textLabel: t(`care.checklist.text.${group}`),
        text: extra.values[`${group}-${name}-text`],
        owner: extra.values[`${group}-${name}-owner`],
        na,
        missing,
        ...stepState(base, missing, na),
      };
    };
    const agreements = AGREEMENT_ITEMS.map((name) => item('agreements', name));
    const expectations = EXPECTATION_ITEMS.map((name) => item('expectations', name));
    for (const field of ['forms', 'whoContacts', 'frequency', 'participantContactWishes', 'aftercareFunding', 'plannedAftercareEnd']) {
      fieldLabels[`monitoringPlan-${field}`] = t(`coach.monitoring.${field}`);
    }
    const chosenForms = list(extra.values as FormBody, 'monitoringPlan-forms');
    const attendance = meeting.attendance as Partial<Record<'participant' | 'coach' | 'employerContact', boolean>>;
    this.portal.send(
      request,
      response,
      'coach/handover',
      {
        title: this.portal.t(request, 'coach.handover.pageTitle', { participant: names?.participant ?? '' }),
        names,
        meeting: { ...meeting, statusLabel: t(`coach.handoverStatus.${meeting.status}`) },
        notices: meeting.notices.map((notice) => (notice === NO_DISCLOSURE_NOTICE ? t('care.handover.noDisclosure') : notice)),
        progress: {
          done: CHECKLIST_STEPS.length - meeting.missingItems.length,
          total: CHECKLIST_STEPS.length,
          text: t('care.checklist.progress', { done: CHECKLIST_STEPS.length - meeting.missingItems.length, total: CHECKLIST_STEPS.length }),
        },
        monitoringStep: stepState('monitoringPlan', meeting.missingItems.includes('monitoringPlan'), false),
        missing: meeting.missingItems.map((name) => ({
          field: name === 'monitoringPlan' ? 'monitoringPlan-frequency' : `${fieldId(name)}-text`,
          label: this.missingLabel(request, name),
        })),
        agreements,
        expectations,
        values: extra.values,
        monitoringForms: MONITORING_FORMS.map((value, index) => ({
          value,
          label: t(`coach.monitoringForm.${value}`),
          checked: chosenForms.includes(value),
          first: index === 0,
        })),
        whoContactsOptions: options(locale, 'coach.whoContacts', ['coach_to_employer', 'employer_to_coach', 'both'], true),
        frequencyOptions: options(locale, 'coach.frequency', MONITORING_FREQUENCIES, true),
        fundingOptions: options(locale, 'coach.funding', AFTERCARE_FUNDING, true),
        attendance,
        canRecordAttendance: meeting.status === 'scheduled' || meeting.status === 'held',
        editable:
          !meeting.participantConfirmedAt &&
          !meeting.employerConfirmedAt &&
          meeting.status !== 'cancelled' &&
          meeting.status !== 'completed',
        errors: extra.params ? errorsFor(this.portal, request, extra.params, fieldLabels) : undefined,
        saved: extra.saved,
        savedItemLabel: extra.savedItem && extra.saved ? this.missingLabel(request, extra.savedItem.replace('-', '.')) : undefined,
        folderHref: `/v1/handovers/${meeting.id}/folder?format=html`,
      },
      status,
    );
  }

  private missingLabel(request: Request, name: string): string {
    if (name === 'monitoringPlan') return this.portal.t(request, 'coach.monitoring.title');
    const [group, item] = name.split('.');
    return this.portal.t(request, `coach.${group}.${item}`);
  }

  /** The form's flat names (`agreements.hours.text`) into the checklist the API takes. */
  private checklistFromForm(body: FormBody): Record<string, unknown> {
    const entry = (prefix: string): ChecklistEntry | undefined => {
      if (text(body, `${prefix}-na`)) return { applicable: false };
      const entryText = text(body, `${prefix}-text`);
      const owner = text(body, `${prefix}-owner`);
      if (!entryText && !owner) return undefined;
      return { applicable: true, ...(entryText ? { text: entryText } : {}), ...(owner ? { owner } : {}) };
    };
    const group = (name: string, items: readonly string[]) =>
      Object.fromEntries(
        items.flatMap((item) => {
          const value = entry(`${name}-${item}`);
          return value ? [[item, value]] : [];
        }),
      );
    const plan = {
      forms: list(body, 'monitoringPlan-forms'),
      whoContacts: text(body, 'monitoringPlan-whoContacts'),
      frequency: text(body, 'monitoringPlan-frequency'),
      participantContactWishes: text(body, 'monitoringPlan-participantContactWishes'),
      aftercareFunding: text(body, 'monitoringPlan-aftercareFunding'),
      plannedAftercareEnd: text(body, 'monitoringPlan-plannedAftercareEnd'),
    };
    const planTouched = plan.forms.length > 0 || Object.entries(plan).some(([key, value]) => key !== 'forms' && value !== undefined);
    return {
      agreements: group('agreements', AGREEMENT_ITEMS),
      expectations: group('expectations', EXPECTATION_ITEMS),
      ...(planTouched ? { monitoringPlan: Object.fromEntries(Object.entries(plan).filter(([, value]) => value !== undefined)) } : {}),
    };
  }

  /** The saved checklist as the form's flat values. */
  private checklistValues(checklist: Partial<HandoverChecklist>): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [group, items] of [
      ['agreements', checklist.agreements ?? {}],
      ['expectations', checklist.expectations ?? {}],
    ] as const) {
      for (const [name, entry] of Object.entries(items as Record<string, ChecklistEntry>)) {
        if (!entry.applicable) values[`${group}-${name}-na`] = 'on';
        values[`${group}-${name}-text`] = entry.text ?? '';
        values[`${group}-${name}-owner`] = entry.owner ?? '';
      }
    }
    const plan = checklist.monitoringPlan;
    if (plan) {
      values['monitoringPlan-forms'] = plan.forms;
      values['monitoringPlan-whoContacts'] = plan.whoContacts;
      values['monitoringPlan-frequency'] = plan.frequency;
      values['monitoringPlan-participantContactWishes'] = plan.participantContactWishes ?? '';
      values['monitoringPlan-aftercareFunding'] = plan.aftercareFunding;
      values['monitoringPlan-plannedAftercareEnd'] = plan.plannedAftercareEnd;
    }
    return values;
  }

  // ---- check-in ----

  @Get('checkins/:checkinId')
  @Policy({ roles: CASEWORKERS, resource: CHECKIN })
  async checkin(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('checkinId') checkinId: string,
  ): Promise<void> {
    await this.checkinPage(actor, request, response, checkinId, { heldOn: localDate(this.clock.now()) });
  }

  @Post('checkins/:checkinId')
  @Policy({ roles: CASEWORKERS, resource: CHECKIN })
  async recordCheckin(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('checkinId') checkinId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
    const actions = Array.from({ length: ACTION_ROWS }, (_unused, index) => ({
      owner: text(body, `actions-${index}-owner`),
      text: text(body, `actions-${index}-text`),
      dueOn: text(body, `actions-${index}-dueOn`),
    })).filter((action) => action.text || action.owner || action.dueOn);
    const lifeDomains = Object.fromEntries(
      LIFE_DOMAINS.flatMap((domain) => {
        const state = text(body, `lifeDomains-${domain}`);
        return state ? [[domain, state]] : [];
      }),
    );
    const matches = text(body, 'workMatchesDescription');
    const plain = {
      heldOn: text(body, 'heldOn'),
      channel: text(body, 'channel'),
      withWhom: text(body, 'withWhom'),
      frame: Object.fromEntries(FRAME.map((part) => [part, text(body, `frame-${part}`)])),
      lookBack: text(body, 'lookBack'),
      lookAhead: text(body, 'lookAhead'),
      actions,
      lifeDomains,
      signals: list(body, 'signals'),
      workMatchesDescription: matches === undefined ? undefined : matches === 'yes',
      notes: text(body, 'notes'),
      nextContactOn: text(body, 'nextContactOn'),
    };
    const { value, invalidParams } = await validateNested(RecordCheckinDto, plain);
    const unknownDomain = Object.values(lifeDomains).some((state) => !(LIFE_DOMAIN_STATES as readonly string[]).includes(String(state)));
    if (!value || unknownDomain) return this.checkinPage(actor, request, response, checkinId, values, invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        const saved = await this.aftercare.record(actor, checkinId, value);
        response.redirect(303, `/portal/placements/${saved.placementId}?saved=checkin`);
      },
      (params) => this.checkinPage(actor, request, response, checkinId, values, params, 422),
    );
  }

  @Post('checkins/:checkinId/appointment')
  @Policy({ roles: CASEWORKERS, resource: CHECKIN })
  async planCheckinAppointment(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('checkinId') checkinId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = {
      appointmentDate: text(body, 'appointmentDate') ?? '',
      appointmentTime: text(body, 'appointmentTime') ?? '',
      appointmentPlace: text(body, 'appointmentPlace') ?? '',
    };
    const startsAt = amsterdamDateTime(values.appointmentDate, values.appointmentTime);
    const { value, invalidParams } = await parseForm(CheckinAppointmentDto, { startsAt: startsAt ?? '', place: values.appointmentPlace });
    // The form has a date and a time where the API has one instant: report each on its own field.
    const params = invalidParams.flatMap((param) =>
      param.name === 'startsAt'
        ? [
            ...dateTimeProblem('appointmentDate', values.appointmentDate, /^\d{4}-\d{2}-\d{2}$/, 'must be a date'),
            ...dateTimeProblem('appointmentTime', values.appointmentTime, /^\d{2}:\d{2}$/, 'must be a time'),
          ]
        : [{ ...param, name: 'appointmentPlace' }],
    );
    if (!value) return this.checkinPage(actor, request, response, checkinId, values, params, 400);
    await submitOrShowAgain(
      async () => {
        await this.aftercare.planAppointment(actor, checkinId, value);
        response.redirect(303, `/portal/checkins/${checkinId}?saved=appointment`);
      },
      (refusal) =>
        this.checkinPage(
          actor,
          request,
          response,
          checkinId,
          values,
          refusal.map((param) => ({ ...param, name: 'appointmentDate' })),
          422,
        ),
    );
  }

  private async checkinPage(
    actor: Actor,
    request: Request,
    response: Response,
    checkinId: string,
    values: Record<string, unknown>,
    params?: Params,
    status = 200,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string) => this.portal.t(request, key);
    const row = await this.aftercare.checkinHeader(actor, checkinId);
    const preparation = await this.aftercare.preparationForCoach(actor, checkinId);
    const fieldLabels: Record<string, string> = {
      heldOn: t('coach.checkin.heldOn'),
      channel: t('coach.checkin.channel'),
      withWhom: t('coach.checkin.withWhom'),
      lookBack: t('coach.checkin.lookBack'),
      lookAhead: t('coach.checkin.lookAhead'),
      notes: t('coach.checkin.notes'),
      nextContactOn: t('coach.checkin.nextContactOn'),
      workMatchesDescription: t('coach.checkin.workMatches'),
      signals: t('coach.checkin.signals'),
      lifeDomains: t('coach.checkin.lifeDomains'),
      status: t('coach.checkin.title'),
      appointmentDate: t('care.appointment.date'),
      appointmentTime: t('care.appointment.time'),
      appointmentPlace: t('care.appointment.place'),
    };
    for (const part of FRAME) fieldLabels[`frame-${part}`] = t(`coach.frame.${part}`);
    for (let index = 0; index < ACTION_ROWS; index++) {
      fieldLabels[`actions-${index}-owner`] = `${t('coach.checkin.action')} ${index + 1}: ${t('coach.checkin.actionOwner')}`;
      fieldLabels[`actions-${index}-text`] = `${t('coach.checkin.action')} ${index + 1}: ${t('coach.checkin.actionText')}`;
      fieldLabels[`actions-${index}-dueOn`] = `${t('coach.checkin.action')} ${index + 1}: ${t('coach.checkin.actionDue')}`;
    }
    const chosenSignals = list(values as FormBody, 'signals');
    const errors = params ? errorsFor(this.portal, request, params, fieldLabels) : undefined;
    this.portal.send(
      request,
      response,
      'coach/checkin',
      {
        title: this.portal.t(request, 'coach.checkin.pageTitle', { participant: row.participant }),
        row,
        done: row.status !== 'planned',
        statusLabel: t(`coach.checkinStatus.${row.status}`),
        preparation: preparation
          ? {
              ...preparation,
              submittedAt: preparation.submittedAt.toISOString(),
              trendLabel: preparation.trend ? t(`care.prep.trend.${preparation.trend}`) : undefined,
              hindering: preparation.hinderingDomains.map((domain) => t(`care.prepDomain.${domain}`)),
              helping: preparation.helpingDomains.map((domain) => t(`care.prepDomain.${domain}`)),
            }
          : null,
        values,
        frame: FRAME.map((part) => ({
          name: `frame-${part}`,
          id: `frame-${part}`,
          label: t(`coach.frame.${part}`),
          hint: t(`coach.frameHint.${part}`),
          value: values[`frame-${part}`],
        })),
        channelOptions: options(locale, 'coach.channel', CONTACT_CHANNELS, true),
        withWhomOptions: options(locale, 'coach.party', ['participant', 'employer', 'both'], true),
        domains: LIFE_DOMAINS.map((domain) => ({
          name: `lifeDomains-${domain}`,
          id: `lifeDomains-${domain}`,
          label: t(`coach.domain.${domain}`),
          value: values[`lifeDomains-${domain}`] ?? '',
          options: [{ value: '', label: t('coach.domainState.unknown') }, ...options(locale, 'coach.domainState', LIFE_DOMAIN_STATES)],
        })),
        signals: SIGNALS.map((signal, index) => ({
          value: signal,
          label: t(`coach.signal.${signal}`),
          checked: chosenSignals.includes(signal),
          first: index === 0,
        })),
        actions: Array.from({ length: ACTION_ROWS }, (_unused, index) => ({
          number: index + 1,
          ownerName: `actions-${index}-owner`,
          textName: `actions-${index}-text`,
          dueName: `actions-${index}-dueOn`,
          owner: values[`actions-${index}-owner`] ?? '',
          text: values[`actions-${index}-text`] ?? '',
          dueOn: values[`actions-${index}-dueOn`] ?? '',
          ownerError: errors?.byField[`actions-${index}-owner`],
          textError: errors?.byField[`actions-${index}-text`],
          dueError: errors?.byField[`actions-${index}-dueOn`],
        })),
        ownerOptions: options(locale, 'coach.actionOwner', ['coach', 'employer', 'employee'], true),
        firstCheckin: row.first_after_start,
        appointment: {
          at: row.appointment_at?.toISOString() ?? null,
          place: row.appointment_place,
          date: values.appointmentDate ?? (row.appointment_at ? amsterdamToday(row.appointment_at) : ''),
          time:
            values.appointmentTime ??
            (row.appointment_at
              ? new Intl.DateTimeFormat('en-GB', {
                  timeZone: 'Europe/Amsterdam',
                  hour: '2-digit',
                  minute: '2-digit',
                  hourCycle: 'h23',
                }).format(row.appointment_at)
              : ''),
          placeValue: values.appointmentPlace ?? row.appointment_place ?? '',
        },
        appointmentSaved: request.query.saved === 'appointment',
        workMatches: values.workMatchesDescription,
        errors,
        checkinId,
      },
      status,
    );
  }

  // ---- help requests ----

  @Get('help-requests')
  @Policy({ roles: CASEWORKERS })
  async inbox(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('status') status?: string,
    @Query('assigned') assigned?: string,
  ): Promise<void> {
    const chosen = (HELP_STATUSES as readonly string[]).includes(String(status)) ? (status as HelpStatus) : undefined;
    // A team lead watches the team's requests; a coach starts with their own.
    const mine = assigned === 'me' || (assigned !== 'all' && actor.role !== 'team_lead');
    const page = await this.helpRequests.list(actor, {
      status: chosen,
      assigned: mine ? 'me' : undefined,
      page: 1,
      pageSize: 100,
    } as never);
    this.portal.send(request, response, 'coach/help-requests', {
      title: this.portal.t(request, 'coach.help.title'),
      items: page.items.map((item) => ({
        ...item,
        urgencyLabel: this.portal.t(request, `coach.urgency.${item.urgency}`),
        statusLabel: this.portal.t(request, `coach.helpStatus.${item.status}`),
        categoryLabel: topicLabel(this.portal.locale(request), item.category),
        requesterType: this.portal.t(
          request,
          item.requesterRole === 'employer_user' ? 'care.requester.employer' : 'care.requester.participant',
        ),
        age: relativeTime(this.clock.now(), item.createdAt, this.portal.locale(request)),
        late: item.status === 'new' && new Date(item.acknowledgeBy).getTime() < this.clock.now().getTime(),
      })),
      total: page.total,
      status: chosen ?? '',
      assigned: mine ? 'me' : 'all',
      statusOptions: [
        { value: '', label: this.portal.t(request, 'coach.help.allOpen') },
        ...options(this.portal.locale(request), 'coach.helpStatus', HELP_STATUSES),
      ],
      assignedOptions: [
        { value: 'me', label: this.portal.t(request, 'coach.help.mine') },
        { value: 'all', label: this.portal.t(request, actor.role === 'team_lead' ? 'care.help.team' : 'coach.help.all') },
      ],
    });
  }

  @Get('help-requests/:helpRequestId')
  @Policy({ roles: CASEWORKERS })
  async helpRequest(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
  ): Promise<void> {
    await this.helpPage(actor, request, response, id, {});
  }

  @Post('help-requests/:helpRequestId/status')
  @Policy({ roles: CASEWORKERS })
  async helpStatus(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value } = await parseForm(HelpRequestStatusChangeDto, body);
    await submitOrShowAgain(
      async () => {
        if (!value) throw new NotFoundProblem('status');
        await this.helpRequests.changeStatus(actor, id, value.status);
        response.redirect(303, `/portal/help-requests/${id}?saved=${value.status}`);
      },
      (params) =>
        this.helpPage(actor, request, response, id, { statusError: plainReason(this.portal.locale(request), params[0]?.reason) }, 422),
    );
  }

  @Post('help-requests/:helpRequestId/messages')
  @Policy({ roles: CASEWORKERS })
  async reply(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(CreateHelpRequestMessageDto, body);
    if (!value) return this.helpPage(actor, request, response, id, { params: invalidParams, reply: body.body }, 400);
    await submitOrShowAgain(
      async () => {
        await this.helpRequests.addMessage(actor, id, value);
        response.redirect(303, `/portal/help-requests/${id}?saved=reply`);
      },
      (params) => this.helpPage(actor, request, response, id, { params, reply: body.body }, 422),
    );
  }

  private async helpPage(
    actor: Actor,
    request: Request,
    response: Response,
    id: string,
    extra: { params?: Params; reply?: unknown; statusError?: string },
    status = 200,
  ): Promise<void> {
    const item = await this.helpRequests.get(actor, id);
    const messages = await this.helpRequests.messages(actor, id);
    const saved = typeof request.query.saved === 'string' ? request.query.saved : undefined;
    const next = Object.entries(HELP_TRANSITIONS[item.status])
      .filter(([, who]) => who?.includes('staff'))
      .map(([to]) => ({ value: to, label: this.portal.t(request, `coach.helpAction.${to}`) }));
    this.portal.send(
      request,
      response,
      'coach/help-request',
      {
        title: this.portal.t(request, 'coach.help.detailTitle', { name: item.requesterName ?? '' }),
        item: {
          ...item,
          urgencyLabel: this.portal.t(request, `coach.urgency.${item.urgency}`),
          statusLabel: this.portal.t(request, `coach.helpStatus.${item.status}`),
          categoryLabel: topicLabel(this.portal.locale(request), item.category),
          requesterType: this.portal.t(
            request,
            item.requesterRole === 'employer_user' ? 'care.requester.employer' : 'care.requester.participant',
          ),
          age: relativeTime(this.clock.now(), item.createdAt, this.portal.locale(request)),
          channelLabel: item.preferredChannel ? this.portal.t(request, `coach.channel.${item.preferredChannel}`) : '',
        },
        messages,
        next,
        reply: extra.reply ?? '',
        statusError: extra.statusError,
        saved: saved ? this.portal.t(request, `coach.help.saved.${saved}`) : undefined,
        errors: extra.params
          ? errorsFor(this.portal, request, extra.params, { body: this.portal.t(request, 'coach.help.reply') })
          : undefined,
      },
      status,
    );
  }
}

function dateTimeProblem(name: string, value: string, format: RegExp, reason: string): Array<{ name: string; reason: string }> {
  if (!value) return [{ name, reason: 'is required' }];
  return format.test(value) ? [] : [{ name, reason }];
}
