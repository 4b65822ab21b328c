import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { Clock } from '../../platform/clock/clock.js';
import { type InvalidParam, NotFoundProblem, ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { EMPLOYER_ANSWERS, EmployerAnswerDto, type EmployerCandidateDto } from '../../matching/dto/match.dto.js';
import { MatchesService } from '../../matching/matches.service.js';
import { UpdateEmployerDto } from '../../employers/dto/employer.dto.js';
import { EmployersService } from '../../employers/employers.service.js';
import { OPEN_HELP_STATUSES } from '../../help-requests/help-request.constants.js';
import { HelpRequestsService } from '../../help-requests/help-requests.service.js';
import { EmployerPlacementsService } from '../../placements/employer-placements.service.js';
import { QuotaService } from '../../quota/quota.service.js';
import { type Occupation, OccupationsService } from '../../reference-data/occupations.service.js';
import { SHIFTS, WEEKDAYS } from '../../reference-data/taxonomies.js';
import { CreateVacancyDto, UpdateVacancyDto, type VacancyDto } from '../../vacancies/dto/vacancy.dto.js';
import { VacanciesService } from '../../vacancies/vacancies.service.js';
import { SurveysService } from '../../surveys/surveys.service.js';
import '../surveys/surveys.i18n.js';
import { type Coercion, type FormBody, parseForm, problemParams, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { choices, pageErrors, translateOr } from '../help/page-support.js';
import './employer.i18n.js';
import { quotaChart } from './quota-chart.js';

const EMPLOYER = ['employer_user'] as const;

const VACANCY_COERCIONS: Record<string, Coercion> = {
  hoursMin: 'number',
  hoursMax: 'number',
  physicalLoad: 'number',
  stimulusLevel: 'number',
  productionPressure: 'number',
  days: 'list',
  shifts: 'list',
  supervisionOnFloor: 'boolean',
  quietWorkspacePossible: 'boolean',
  trialPlacementPossible: 'boolean',
  wageCostSubsidyPossible: 'boolean',
};

const VACANCY_MESSAGES: Record<string, string> = {
  title: 'vacancy.error.title',
  occupation: 'vacancy.error.occupation',
  hoursMin: 'vacancy.error.hours',
  hoursMax: 'vacancy.error.hoursMax',
  postcode: 'vacancy.error.postcode',
  closingDate: 'vacancy.error.closingDate',
  physicalLoad: 'vacancy.error.scale',
  stimulusLevel: 'vacancy.error.scale',
  productionPressure: 'vacancy.error.scale',
  description: 'vacancy.error.description',
  status: 'vacancy.error.status',
  version: 'vacancy.error.version',
};

const QUOTA_DETAILS_MESSAGES: Record<string, string> = {
  payrollTaxNumber: 'quotaDetails.error.payrollTaxNumber',
  sectorType: 'quotaDetails.error.sectorType',
  employeeCount: 'quotaDetails.error.employeeCount',
  paidHoursPerYear: 'quotaDetails.error.paidHoursPerYear',
};

const ANSWER_MESSAGES: Record<string, string> = {
  answer: 'candidates.answer.error.answer',
  reason: 'candidates.answer.error.reason',
};

type CandidateView = EmployerCandidateDto & {
  name: string;
  statusLabel: string;
  answerLabel?: string;
  details: Array<{ label: string; value: unknown }>;
  sharedNothing: boolean;
};

const CHECKBOXES = ['supervisionOnFloor', 'quietWorkspacePossible', 'trialPlacementPossible', 'wageCostSubsidyPossible'] as const;

/** "2026-05" as "mei 2026". */
function monthName(locale: string, month: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T00:00:00Z`),
  );
}

function formatNumber(locale: string, value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(Number(value));
}

/** The search button of the occupation field was pressed: show the form again with what was found, save nothing. */
function searching(body: FormBody): boolean {
  return body.intent === 'search-occupation';
}

/** The API names the occupation iscoCode (and escoUri); the form has one occupation field. */
function occupationParams(params: InvalidParam[]): InvalidParam[];
function occupationParams(params: InvalidParam[] | undefined): InvalidParam[] | undefined;
function occupationParams(params: InvalidParam[] | undefined): InvalidParam[] | undefined {
  return params?.map((param) => (param.name === 'iscoCode' || param.name === 'escoUri' ? { ...param, name: 'occupation' } : param));
}

function ownEmployer(actor: Actor): string {
  if (!actor.employerId) throw new NotFoundProblem('employer');
  return actor.employerId;
}

/** The occupation a vacancy names: its ESCO occupation when it has one, else its ISCO-08 unit group. */
function occupationKey(vacancy: Pick<VacancyDto, 'iscoCode' | 'escoUri'>): string {
  return vacancy.escoUri ? `esco:${vacancy.escoUri.split('/').pop()}` : `isco:${vacancy.iscoCode}`;
}

/** What a vacancy looks like as form values (strings, as the browser sends them). */
function vacancyValues(vacancy: VacancyDto): FormBody {
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  return {
    title: vacancy.title,
    description: vacancy.description,
    occupation: occupationKey(vacancy),
    hoursMin: text(vacancy.hoursMin),
    hoursMax: text(vacancy.hoursMax),
    days: vacancy.days ?? [],
    shifts: vacancy.shifts ?? [],
    postcode: vacancy.postcode,
    physicalLoad: text(vacancy.physicalLoad),
    stimulusLevel: text(vacancy.stimulusLevel),
    productionPressure: text(vacancy.productionPressure),
    closingDate: vacancy.closingDate,
    status: vacancy.status,
    version: String(vacancy.version),
    ...Object.fromEntries(CHECKBOXES.map((field) => [field, vacancy[field] ? 'true' : undefined])),
  };
}

/** The employer's pages: home, vacancies, introduced candidates, placements, quota. Help is in HelpPagesController. */
@PortalController('portal')
export class EmployerPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly vacancies: VacanciesService,
    private readonly matches: MatchesService,
    private readonly placements: EmployerPlacementsService,
    private readonly quota: QuotaService,
    private readonly occupations: OccupationsService,
    private readonly employers: EmployersService,
    private readonly helpRequests: HelpRequestsService,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
  ) {}

  @Get('employer')
  @Policy({ roles: EMPLOYER })
  async home(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const employerId = ownEmployer(actor);
    const employer = await this.placements.employerCard(actor, employerId);
    const details = await this.employers.get(employerId);
    const open = (await this.vacancies.list(actor, { employerId, status: 'open' })).length;
    const candidates = await this.matches.employerCandidates(actor, employerId);
    const placements = await this.placements.overview(actor, employerId);
    const help = await this.helpRequests.list(actor, { pageSize: 100 });
    const waiting = candidates.filter((candidate) => !candidate.employerAnswer).length;
    const latePayments = placements.flatMap((placement) =>
      (placement.subsidy?.payments ?? []).filter((payment) => payment.late).map(() => placement.employeeName),
    );
    const openHelp = help.items.filter((item) => OPEN_HELP_STATUSES.includes(item.status)).length;
    const missingFigures =
      !details.payrollTaxNumber || !details.sectorType || details.paidHoursPerYear === null || details.employeeCount === null;
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const surveys = await this.surveys.openFor(actor);
    const tasks = [
      ...surveys.map((survey) => ({
        badge: 'attention',
        badgeLabel: t('survey.open.badge'),
        text: t('survey.open.employer', { employee: survey.employeeName ?? '' }),
        href: `/portal/surveys/${survey.id}`,
        link: t('survey.open.link'),
      })),
      waiting
        ? {
            badge: 'attention',
            badgeLabel: t('employer.task.new'),
            text: t('employer.task.candidates', { count: waiting }),
            href: '/portal/candidates',
            link: t('employer.task.candidates.link'),
          }
        : undefined,
      latePayments.length
        ? {
            badge: 'late',
            badgeLabel: t('subsidy.payments.late'),
            text: t('employer.task.late', { count: latePayments.length, names: [...new Set(latePayments)].join(', ') }),
            href: '/portal/placements',
            link: t('employer.task.late.link'),
          }
        : undefined,
      openHelp
        ? {
            badge: 'warning',
            badgeLabel: t('employer.task.open'),
            text: t('employer.task.help', { count: openHelp }),
            href: '/portal/help',
            link: t('employer.task.help.link'),
          }
        : undefined,
      missingFigures
        ? {
            badge: 'attention',
            badgeLabel: t('employer.task.todo'),
            text: t('employer.task.figures'),
            href: '/portal/quota/details',
            link: t('employer.task.figures.link'),
          }
        : undefined,
    ].filter(Boolean);
    this.portal.send(request, response, 'employer/home', {
      title: this.portal.t(request, 'employer.title'),
      name: actor.displayName,
      employerName: employer.name,
      contact: employer.contact,
      open,
      candidates: candidates.length,
      tasks,
    });
  }

  @Get('vacancies')
  @Policy({ roles: EMPLOYER })
  async vacancyList(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const items = await this.vacancies.list(actor, { employerId: ownEmployer(actor) });
    const locale = this.portal.locale(request);
    const occupations = await Promise.all(items.map((vacancy) => this.occupations.named(vacancy.iscoCode, vacancy.escoUri, locale)));
    this.portal.send(request, response, 'employer/vacancies', {
      title: this.portal.t(request, 'vacancies.title'),
      saved: ['created', 'updated', 'closed'].includes(saved ?? '') ? saved : undefined,
      vacancies: items.map((vacancy, index) => ({
        ...vacancy,
        occupation: occupations[index]?.title,
        hoursMinLabel: formatNumber(locale, vacancy.hoursMin),
        hoursMaxLabel: formatNumber(locale, vacancy.hoursMax),
        statusLabel: this.portal.t(request, `vacancy.status.${vacancy.status}`),
        canClose: vacancy.status === 'open' || vacancy.status === 'draft',
      })),
    });
  }

  @Get('vacancies/new')
  @Policy({ roles: EMPLOYER })
  async newVacancy(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.showVacancyForm(request, response, undefined, { status: 'open', trialPlacementPossible: 'true' }, undefined, 200);
  }

  @Post('vacancies')
  @Policy({ roles: EMPLOYER })
  async createVacancy(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Body() body: FormBody,
  ): Promise<void> {
    if (searching(body)) return this.showVacancyForm(request, response, undefined, body, undefined, 200);
    const fields = await this.withOccupation(request, body);
    const { value, invalidParams } = await parseForm(CreateVacancyDto, fields, VACANCY_COERCIONS);
    if (!value) return this.showVacancyForm(request, response, undefined, body, occupationParams(invalidParams), 400);
    value.employerId = ownEmployer(actor);
    await submitOrShowAgain(
      async () => {
        await this.vacancies.create(actor, value);
        response.redirect(303, '/portal/vacancies?saved=created');
      },
      (params) => this.showVacancyForm(request, response, undefined, body, occupationParams(params), 400),
    );
  }

  @Get('vacancies/:vacancyId/edit')
  @Policy({ roles: EMPLOYER })
  async editVacancy(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
  ): Promise<void> {
    const vacancy = await this.vacancies.get(actor, vacancyId);
    await this.showVacancyForm(request, response, vacancy, vacancyValues(vacancy), undefined, 200);
  }

  @Post('vacancies/:vacancyId')
  @Policy({ roles: EMPLOYER })
  async updateVacancy(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const vacancy = await this.vacancies.get(actor, vacancyId);
    if (searching(body)) return this.showVacancyForm(request, response, vacancy, body, undefined, 200);
    const fields = await this.withOccupation(request, body);
    // The form always sends every field: an emptied required field is an error, not "leave unchanged", so check it as a whole vacancy first.
    const whole = await parseForm(CreateVacancyDto, fields, VACANCY_COERCIONS);
    if (!whole.value) return this.showVacancyForm(request, response, vacancy, body, occupationParams(whole.invalidParams), 400);
    const { value, invalidParams } = await parseForm(UpdateVacancyDto, fields, { ...VACANCY_COERCIONS, version: 'number' });
    if (!value) return this.showVacancyForm(request, response, vacancy, body, occupationParams(invalidParams), 400);
    // An ISCO unit group chosen instead of an ESCO occupation clears the ESCO occupation.
    if (!fields.escoUri) value.escoUri = null as unknown as undefined;
    await submitOrShowAgain(
      async () => {
        await this.vacancies.update(actor, vacancyId, value);
        response.redirect(303, '/portal/vacancies?saved=updated');
      },
      (params, error) =>
        this.showVacancyForm(
          request,
          response,
          vacancy,
          body,
          occupationParams(params),
          error instanceof ProblemException ? error.getStatus() : 400,
        ),
      // Someone else saved the vacancy first: shown on the form, not as an error page.
      (error) => problemParams(error) ?? this.conflictParams(error),
    );
  }

  @Post('vacancies/:vacancyId/close')
  @Policy({ roles: EMPLOYER })
  async closeVacancy(
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
  ): Promise<void> {
    await this.vacancies.update(actor, vacancyId, { status: 'closed' });
    response.redirect(303, '/portal/vacancies?saved=closed');
  }

  @Get('candidates')
  @Policy({ roles: EMPLOYER })
  async candidates(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('answered') answered?: string,
  ): Promise<void> {
    const items = await this.matches.employerCandidates(actor, ownEmployer(actor));
    const candidates = await this.candidateViews(request, items);
    this.portal.send(request, response, 'employer/candidates', {
      title: this.portal.t(request, 'candidates.title'),
      answered: answered === '1',
      waiting: candidates.filter((candidate) => !candidate.employerAnswer).length,
      candidates,
    });
  }

  @Get('candidates/:matchId/answer')
  @Policy({ roles: EMPLOYER })
  async answerForm(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('matchId', uuidParam('matchId')) matchId: string,
  ): Promise<void> {
    const candidate = await this.candidate(request, actor, matchId);
    await this.showAnswerForm(
      request,
      response,
      candidate,
      { answer: candidate.employerAnswer ?? undefined, reason: candidate.employerAnswerReason ?? undefined },
      undefined,
      200,
    );
  }

  @Post('candidates/:matchId/answer')
  @Policy({ roles: EMPLOYER })
  async answer(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('matchId', uuidParam('matchId')) matchId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const candidate = await this.candidate(request, actor, matchId);
    const { value, invalidParams } = await parseForm(EmployerAnswerDto, body);
    if (!value) return this.showAnswerForm(request, response, candidate, body, invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        await this.matches.answerAsEmployer(actor, matchId, value);
        response.redirect(303, '/portal/candidates?answered=1');
      },
      (params) => this.showAnswerForm(request, response, candidate, body, params, 400),
    );
  }

  @Get('placements')
  @Policy({ roles: EMPLOYER })
  async placementList(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const items = await this.placements.overview(actor, ownEmployer(actor));
    this.portal.send(request, response, 'employer/placements', {
      title: this.portal.t(request, 'placements.title'),
      placements: items.map((item) => ({
        ...item,
        hoursLabel: item.hoursPerWeek === null ? undefined : formatNumber(this.portal.locale(request), item.hoursPerWeek),
        latePayments: item.subsidy?.payments.filter((payment) => payment.late).length ?? 0,
        payments: item.subsidy?.payments.map((payment) => ({
          ...payment,
          monthLabel: monthName(this.portal.locale(request), payment.month),
        })),
        typeLabel: this.portal.t(request, `placements.type.${item.type}`),
        statusLabel: translateOr(this.portal.locale(request), `placements.status.${item.status}`, item.status),
        subsidyLabel: item.subsidy ? this.portal.t(request, `subsidy.status.${item.subsidy.status}`) : undefined,
        subsidyExplain: item.subsidy ? this.portal.t(request, `subsidy.status.${item.subsidy.status}.explain`) : undefined,
        subsidyProvisional: item.subsidy?.provisional?.[this.portal.locale(request)] ?? null,
      })),
    });
  }

  @Get('quota/details')
  @Policy({ roles: EMPLOYER })
  async quotaDetails(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const employer = await this.employers.get(ownEmployer(actor));
    const text = (value: number | null) => (value === null ? undefined : String(value));
    await this.showQuotaDetails(
      request,
      response,
      actor,
      {
        payrollTaxNumber: employer.payrollTaxNumber ?? undefined,
        sectorType: employer.sectorType ?? undefined,
        employeeCount: text(employer.employeeCount),
        paidHoursPerYear: text(employer.paidHoursPerYear),
      },
      undefined,
      200,
    );
  }

  @Post('quota/details')
  @Policy({ roles: EMPLOYER })
  async saveQuotaDetails(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Body() body: FormBody,
  ): Promise<void> {
    const employerId = ownEmployer(actor);
    const employer = await this.employers.get(employerId);
    // A number already recorded is shown, not sent: only staff change it.
    const fields: FormBody = {
      sectorType: body.sectorType,
      employeeCount: body.employeeCount?.toString().replace(/[.\s]/g, ''),
      paidHoursPerYear: body.paidHoursPerYear?.toString().replace(/[.\s]/g, ''),
      ...(employer.payrollTaxNumber ? {} : { payrollTaxNumber: body.payrollTaxNumber?.toString().replace(/\s/g, '').toUpperCase() }),
    };
    const { value, invalidParams } = await parseForm(UpdateEmployerDto, fields, { employeeCount: 'number', paidHoursPerYear: 'number' });
    const required = (['sectorType', 'employeeCount', 'paidHoursPerYear'] as const)
      .filter((field) => !fields[field])
      .map((name) => ({ name, reason: 'should not be empty' }));
    if (!value || required.length) return this.showQuotaDetails(request, response, actor, body, [...invalidParams, ...required], 400);
    await submitOrShowAgain(
      async () => {
        await this.employers.update(actor, employerId, value);
        response.redirect(303, '/portal/quota?saved=1');
      },
      (params) => this.showQuotaDetails(request, response, actor, body, params, 400),
    );
  }

  @Get('quota')
  @Policy({ roles: EMPLOYER })
  async quotaPage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('year') rawYear?: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const currentYear = this.clock.now().getUTCFullYear();
    const asked = Number(rawYear);
    const year = Number.isInteger(asked) && asked >= 2015 && asked <= currentYear ? asked : currentYear;
    const years = Array.from({ length: 4 }, (_, index) => currentYear - index).map((value) => ({
      value: String(value),
      label: String(value),
    }));
    const locale = this.portal.locale(request);
    const format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
    const number = (value: number) => format.format(value);
    try {
      const status = await this.quota.status(actor, ownEmployer(actor), year);
      this.portal.send(request, response, 'employer/quota', {
        title: this.portal.t(request, 'quota.title'),
        saved: saved === '1',
        year: String(year),
        years,
        status,
        totalPaidHours: number(status.totalPaidHours),
        thresholdHours: number(status.thresholdHours),
        figures: {
          jobsCounted: number(status.jobsCounted),
          jobsRequired: status.requirement ? number(status.requirement.jobsRequired) : undefined,
          missingJobs: status.requirement ? number(status.requirement.missingJobs) : undefined,
        },
        months: status.months.map((month) => ({
          month: monthName(locale, month.month),
          hours: number(month.hours),
          cumulativeHours: number(month.cumulativeHours),
          cumulativeJobs: number(month.cumulativeJobs),
        })),
        chart: quotaChart(status, locale, currentYear),
        regimeLevy: status.regime === 'levy',
        explanation: status.explanation.map((line) => line[locale]),
      });
    } catch (error) {
      const params = problemParams(error);
      if (!params) throw error;
      this.portal.send(request, response, 'employer/quota', {
        title: this.portal.t(request, 'quota.title'),
        saved: saved === '1',
        year: String(year),
        years,
        missing: params.map((param) => translateOr(locale, `quota.missing.${param.name}`, param.reason)),
      });
    }
  }

  private async showQuotaDetails(
    request: Request,
    response: Response,
    actor: Actor,
    values: FormBody,
    invalidParams: InvalidParam[] | undefined,
    status: number,
  ): Promise<void> {
    const employer = await this.employers.get(ownEmployer(actor));
    const locale = this.portal.locale(request);
    const labels = {
      payrollTaxNumber: this.portal.t(request, 'quotaDetails.payrollTaxNumber'),
      sectorType: this.portal.t(request, 'quotaDetails.sectorType'),
      employeeCount: this.portal.t(request, 'quotaDetails.employeeCount'),
      paidHoursPerYear: this.portal.t(request, 'quotaDetails.paidHoursPerYear'),
    };
    const errors = invalidParams ? pageErrors(invalidParams, labels, locale, QUOTA_DETAILS_MESSAGES) : undefined;
    const sectorChoices = choices(locale, 'quotaDetails.sector', ['public', 'private'], values.sectorType, true);
    this.portal.send(
      request,
      response,
      'employer/quota-details',
      { title: this.portal.t(request, 'quotaDetails.title'), payrollTaxNumber: employer.payrollTaxNumber, errors, values, sectorChoices },
      status,
    );
  }

  /** One introduced candidate of the employer, as the candidates page shows it; 404 when it is not theirs to see. */
  private async candidate(request: Request, actor: Actor, matchId: string): Promise<CandidateView> {
    const items = await this.matches.employerCandidates(actor, ownEmployer(actor));
    const [candidate] = await this.candidateViews(
      request,
      items.filter((item) => item.matchId === matchId),
    );
    if (!candidate) throw new NotFoundProblem('match');
    return candidate;
  }

  /** What the employer sees of each candidate: only the consented parts, in words (names of occupations, days, shifts). */
  private async candidateViews(request: Request, items: EmployerCandidateDto[]): Promise<CandidateView[]> {
    const locale = this.portal.locale(request);
    const wishes = items.flatMap((item) => {
      const value = item.profile.occupationWishes;
      return Array.isArray(value) ? value.map(String) : [];
    });
    const occupationNames = await this.occupations.groupTitles(wishes, locale);
    return items.map((item) => {
      const profile = item.profile;
      const name = [profile.firstName, profile.lastName].filter(Boolean).join(' ');
      const list = (value: unknown) => (Array.isArray(value) && value.length ? value.map(String).join(', ') : undefined);
      const adaptations = Array.isArray(profile.adaptations)
        ? (profile.adaptations as Array<Record<string, string>>).map((adaptation) => adaptation[locale] ?? adaptation.code).join(', ')
        : undefined;
      const days = Array.isArray(profile.daysAvailable)
        ? (profile.daysAvailable as string[]).map((day) => translateOr(locale, `vacancy.day.${day}`, day)).join(', ')
        : undefined;
      const shifts = Array.isArray(profile.shiftsPossible)
        ? (profile.shiftsPossible as string[]).map((shift) => translateOr(locale, `vacancy.shift.${shift}`, shift)).join(', ')
        : undefined;
      const hours =
        profile.hoursMin !== undefined && profile.hoursMin !== null
          ? this.portal.t(request, 'vacancies.hoursRange', {
              min: formatNumber(locale, profile.hoursMin as number),
              max: formatNumber(locale, profile.hoursMax as number),
            })
          : undefined;
      const wished = Array.isArray(profile.occupationWishes)
        ? profile.occupationWishes.map((code) => occupationNames.get(String(code)) ?? String(code))
        : undefined;
      return {
        ...item,
        name: name || this.portal.t(request, 'candidates.anonymous'),
        statusLabel: translateOr(locale, `candidates.status.${item.status}`, item.status),
        answerLabel: item.employerAnswer ? this.portal.t(request, `candidates.answer.${item.employerAnswer}`) : undefined,
        details: [
          { label: this.portal.t(request, 'candidates.email'), value: profile.email },
          { label: this.portal.t(request, 'candidates.phone'), value: profile.phone },
          { label: this.portal.t(request, 'candidates.wishes'), value: list(wished) },
          { label: this.portal.t(request, 'candidates.hours'), value: hours },
          { label: this.portal.t(request, 'candidates.days'), value: days },
          { label: this.portal.t(request, 'candidates.shifts'), value: shifts },
          { label: this.portal.t(request, 'candidates.skills'), value: list(profile.skills) },
          { label: this.portal.t(request, 'candidates.certificates'), value: list(profile.certificates) },
          { label: this.portal.t(request, 'candidates.adaptations'), value: adaptations },
        ].filter((detail) => detail.value !== undefined && detail.value !== null && detail.value !== ''),
        sharedNothing: item.sharedParts.length === 0,
      };
    });
  }

  private showAnswerForm(
    request: Request,
    response: Response,
    candidate: CandidateView,
    values: FormBody,
    invalidParams: InvalidParam[] | undefined,
    status: number,
  ): void {
    const locale = this.portal.locale(request);
    const labels = {
      answer: this.portal.t(request, 'candidates.answer.legend'),
      reason: this.portal.t(request, 'candidates.answer.reason'),
    };
    const errors = invalidParams ? pageErrors(invalidParams, labels, locale, ANSWER_MESSAGES) : undefined;
    this.portal.send(
      request,
      response,
      'employer/candidate-answer',
      {
        title: this.portal.t(request, 'candidates.answer.title', { name: candidate.name }),
        candidate,
        errors,
        values,
        answers: choices(locale, 'candidates.answer', EMPLOYER_ANSWERS, values.answer, true),
      },
      status,
    );
  }

  private conflictParams(error: unknown): InvalidParam[] | undefined {
    if (error instanceof ProblemException && error.getStatus() === 409) return [{ name: 'version', reason: 'conflict' }];
    return undefined;
  }

  /** The form's fields with the chosen occupation as the API's iscoCode and escoUri; none when no known occupation is chosen. */
  private async withOccupation(request: Request, body: FormBody): Promise<FormBody> {
    const { occupation, occupationQuery: _query, intent: _intent, iscoCode: _isco, escoUri: _esco, ...fields } = body;
    const chosen = typeof occupation === 'string' ? await this.occupations.byKey(occupation, this.portal.locale(request)) : undefined;
    return chosen ? { ...fields, iscoCode: chosen.iscoCode, escoUri: chosen.escoUri } : fields;
  }

  /** The occupation field of the form: what is chosen now, and what the search found. */
  private async occupationField(request: Request, values: FormBody): Promise<Record<string, unknown>> {
    const locale = this.portal.locale(request);
    const key = typeof values.occupation === 'string' ? values.occupation : undefined;
    const chosen = key ? await this.occupations.byKey(key, locale) : undefined;
    const query = typeof values.occupationQuery === 'string' ? values.occupationQuery.trim() : '';
    if (!query) return { chosen, query };
    const found = query.length >= 2 ? await this.occupations.search(query, locale, 12) : [];
    const results: Array<Occupation & { checked?: boolean }> = found.map((item) => ({ ...item, checked: item.key === chosen?.key }));
    if (chosen && !results.some((item) => item.checked)) results.unshift({ ...chosen, checked: true });
    return { chosen, query, searched: true, results, tooShort: query.length < 2 };
  }

  private async showVacancyForm(
    request: Request,
    response: Response,
    vacancy: VacancyDto | undefined,
    values: FormBody,
    invalidParams: InvalidParam[] | undefined,
    status: number,
  ): Promise<void> {
    const occupation = await this.occupationField(request, values);
    const locale = this.portal.locale(request);
    const t = (key: string) => this.portal.t(request, key);
    const labels: Record<string, string> = {};
    for (const field of [
      'title',
      'description',
      'occupation',
      'hoursMin',
      'hoursMax',
      'days',
      'shifts',
      'postcode',
      'physicalLoad',
      'stimulusLevel',
      'productionPressure',
      'closingDate',
      'status',
    ]) {
      labels[field] = t(`vacancy.field.${field}`);
    }
    const errors = invalidParams ? pageErrors(invalidParams, labels, locale, VACANCY_MESSAGES) : undefined;
    if (errors?.byField.version) errors.list = errors.list.map((item) => (item.field === 'version' ? { ...item, field: 'title' } : item));
    const scale = (name: string) => [
      { value: '', label: t('vacancy.scale.unknown') },
      ...['1', '2', '3', '4', '5'].map((value) => ({ value, label: t(`vacancy.scale.${name}.${value}`) })),
    ];
    const statuses = (vacancy ? ['draft', 'open', 'filled', 'closed'] : ['draft', 'open']).map((value) => ({
      value,
      label: t(`vacancy.status.${value}`),
    }));
    this.portal.send(
      request,
      response,
      'employer/vacancy-form',
      {
        title: vacancy ? t('vacancy.edit.title') : t('vacancy.new.title'),
        vacancy,
        action: vacancy ? `/portal/vacancies/${vacancy.id}` : '/portal/vacancies',
        errors,
        values,
        occupation,
        days: choices(locale, 'vacancy.day', WEEKDAYS, values.days),
        shifts: choices(locale, 'vacancy.shift', SHIFTS, values.shifts),
        physicalLoadOptions: scale('physicalLoad'),
        stimulusLevelOptions: scale('stimulusLevel'),
        productionPressureOptions: scale('productionPressure'),
        statuses,
        checks: choices(
          locale,
          'vacancy.check',
          CHECKBOXES,
          CHECKBOXES.filter((field) => values[field] === 'true' || values[field] === 'on'),
        ).map((choice) => ({
          ...choice,
          name: choice.value,
        })),
      },
      status,
    );
  }
}
