import { isUUID } from 'class-validator';
import { InvalidInputException } from '../../platform/http/problem.js';
import { Body, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, NotFoundProblem, ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { CreateMatchDto, MatchTransitionDto } from '../../matching/dto/match.dto.js';
import { MatchesService } from '../../matching/matches.service.js';
import { MatchingService, type MatchResult } from '../../matching/matching.service.js';
import { CONTRACT_TYPES, PLACEMENT_STARTS, PLACEMENT_TYPES, StartPlacementDto } from '../../placements/dto/placement.dto.js';
import { PlacementsService } from '../../placements/placements.service.js';
import { VacanciesService } from '../../vacancies/vacancies.service.js';
import { type FormBody, formField, parseForm, submitOrShowAgain } from '../form.js';
import { formatLongDate, formatNumber } from '../../rules/calculations/explain.js';
import { trialExtensionRefusal } from '../../rules/calculations/trial-placement.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';
import './coach-matching.i18n.js';
import { CoachParticipantView } from './coach-participant-view.js';
import { errorsFor, labels, options, sentence } from './coach-support.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;
const PLACEMENT_FIELDS = [
  'start',
  'type',
  'trialStart',
  'trialPlannedEnd',
  'trialExtensionReason',
  'letterOfIntentOn',
  'uwvDecisionOn',
  'employerContactName',
  'employerContactEmail',
  'employerContactPhone',
  'contractStart',
  'contractType',
  'hoursPerWeek',
  'grossHourlyWage',
  'wageScale',
  'contractEnd',
  'matchId',
  'participantId',
  'employerId',
  'vacancyId',
] as const;

/** Matching both ways, proposing and introducing, and starting a (trial) placement from an agreed match. */
@PortalController('portal')
export class CoachMatchingController {
  constructor(
    private readonly portal: PortalContext,
    private readonly matching: MatchingService,
    private readonly matches: MatchesService,
    private readonly placements: PlacementsService,
    private readonly vacancies: VacanciesService,
    private readonly overview: CoachParticipantView,
  ) {}

  @Get('matching')
  @Policy({ roles: CASEWORKERS })
  async vacancyList(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const open = await this.vacancies.list(actor, { status: 'open' });
    const names = await this.vacancies.employerNames(
      actor,
      open.flatMap((vacancy) => (vacancy.employerId ? [vacancy.employerId] : [])),
    );
    this.portal.send(request, response, 'coach/vacancies', {
      title: this.portal.t(request, 'coach.vacancies.title'),
      vacancies: open.map((vacancy) => ({
        ...vacancy,
        employerName: names.get(vacancy.employerId ?? '') ?? '',
        hours: this.hours(request, Number(vacancy.hoursMin), Number(vacancy.hoursMax)),
      })),
    });
  }

  @Get('matching/:vacancyId')
  @Policy({ roles: CASEWORKERS })
  async forVacancy(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('vacancyId', uuidParam('vacancyId')) vacancyId: string,
  ): Promise<void> {
    const vacancy = await this.vacancies.get(actor, vacancyId);
    // Those who pass first, then the near misses (one or two hard requirements not met) with the reason.
    const passing = await this.matching.candidatesForVacancy(actor, vacancyId, { limit: 20 });
    const near = await this.matching.candidatesForVacancy(actor, vacancyId, { limit: 10, includeExcluded: true, nearMissesOnly: true });
    const all = [...passing, ...near];
    const nameOf = await this.matching.participantNames(
      actor,
      all.map((r) => r.participantId),
    );
    const proposed = await this.matches.proposedPairs(actor, { vacancyId });
    const working = await this.placements.workingAt(
      actor,
      all.map((r) => r.participantId),
      [vacancy.employerId ?? ''],
    );
    const row = (result: MatchResult, index: number) => ({
      ...this.explained(request, result),
      rank: index + 1,
      name: nameOf.get(result.participantId) ?? '',
      href: `/portal/caseload/${result.participantId}`,
      alreadyProposed: proposed.has(`${result.vacancyId}:${result.participantId}`),
      worksHere: working.has(`${result.participantId}:${vacancy.employerId ?? ''}`),
    });
    const title = this.portal.t(request, 'coach.matches.vacancyTitle', { title: vacancy.title });
    this.portal.send(request, response, 'coach/matches', {
      title,
      heading: title,
      intro: this.portal.t(request, 'coach.matches.vacancyIntro'),
      subjectColumn: this.portal.t(request, 'match.col.candidate'),
      passing: passing.map(row),
      nearMisses: near.map(row),
      back: '/portal/matching',
    });
  }

  @Get('caseload/:participantId/matches')
  @Policy({ roles: CASEWORKERS, resource: PARTICIPANT })
  async forParticipant(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
  ): Promise<void> {
    const name = (await this.matching.participantNames(actor, [participantId])).get(participantId) ?? '';
    const passing = await this.matching.vacanciesForParticipant(actor, participantId, { limit: 20 });
    const near = await this.matching.vacanciesForParticipant(actor, participantId, {
      limit: 10,
      includeExcluded: true,
      nearMissesOnly: true,
    });
    const all = [...passing, ...near];
    const vacancyOf = await this.vacancies.titles(
      actor,
      all.map((r) => r.vacancyId),
    );
    const proposed = await this.matches.proposedPairs(actor, { participantId });
    const working = await this.placements.workingAt(
      actor,
      [participantId],
      [...vacancyOf.values()].map((v) => v.employerId),
    );
    const row = (result: MatchResult, index: number) => {
      const vacancy = vacancyOf.get(result.vacancyId);
      return {
        ...this.explained(request, result),
        rank: index + 1,
        name: `${vacancy?.title ?? ''} (${vacancy?.employer ?? ''})`,
        href: `/portal/matching/${result.vacancyId}`,
        alreadyProposed: proposed.has(`${result.vacancyId}:${result.participantId}`),
        worksHere: working.has(`${participantId}:${vacancy?.employerId ?? ''}`),
      };
    };
    const title = this.portal.t(request, 'coach.matches.participantTitle', { name });
    this.portal.send(request, response, 'coach/matches', {
      title,
      heading: title,
      intro: this.portal.t(request, 'coach.matches.participantIntro'),
      subjectColumn: this.portal.t(request, 'match.col.vacancy'),
      passing: passing.map(row),
      nearMisses: near.map(row),
      back: `/portal/caseload/${participantId}`,
    });
  }

  /** Before a near miss is proposed: what fails, and an explicit "propose anyway". */
  @Get('matches/confirm')
  @Policy({ roles: CASEWORKERS })
  async confirmNearMiss(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('vacancyId') vacancyId = '',
    @Query('participantId') participantId = '',
  ): Promise<void> {
    if (!isUUID(vacancyId) || !isUUID(participantId)) {
      throw new InvalidInputException([{ name: isUUID(vacancyId) ? 'participantId' : 'vacancyId', reason: 'must be a UUID' }]);
    }
    const vacancy = await this.vacancies.get(actor, vacancyId);
    const scored = await this.matching.scorePair(actor, vacancyId, participantId);
    const name = (await this.matching.participantNames(actor, [participantId])).get(participantId);
    if (!scored || name === undefined) throw new NotFoundProblem('participant');
    const locale = this.portal.locale(request);
    this.portal.send(request, response, 'coach/match-confirm', {
      title: this.portal.t(request, 'match.confirm.title'),
      intro: this.portal.t(request, 'match.confirm.intro', { name, vacancy: vacancy.title }),
      question: this.portal.t(request, 'match.confirm.question', { name }),
      failed: scored.filters
        .filter((f) => !f.passed)
        .map((f) => ({ label: this.portal.t(request, `coach.filter.${f.filter}`), text: sentence(locale, f.explanation) })),
      vacancyId,
      participantId,
      back: `/portal/matching/${vacancyId}`,
    });
  }

  @Post('matches')
  @Policy({ roles: CASEWORKERS })
  async propose(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const { value } = await parseForm(CreateMatchDto, body);
    if (!value) return this.portal.send(request, response, 'error', this.errorPage(request, 'coach.match.invalid'), 400);
    // A near miss is proposed only after the coach confirmed it on the page that says what fails.
    if (formField(body, 'confirmNearMiss') !== 'yes') {
      const scored = await this.matching.scorePair(actor, value.vacancyId, value.participantId);
      if (scored && scored.failedFilters.length > 0) {
        const query = new URLSearchParams({ vacancyId: value.vacancyId, participantId: value.participantId });
        return response.redirect(303, `/portal/matches/confirm?${query.toString()}`);
      }
    }
    try {
      await this.matches.create(actor, value);
      response.redirect(303, `/portal/caseload/${value.participantId}?done=proposed`);
    } catch (error) {
      if (!(error instanceof ProblemException) || error.getStatus() >= 500 || error.getStatus() === 404) throw error;
      const data = await this.overview.participantData(actor, request, value.participantId);
      this.portal.send(request, response, 'coach/participant', { ...data, actionError: this.refusal(request, error) }, error.getStatus());
    }
  }

  @Post('matches/:matchId/transitions')
  @Policy({ roles: CASEWORKERS })
  async transition(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('matchId', uuidParam('matchId')) matchId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const match = await this.matches.get(actor, matchId);
    const { value } = await parseForm(MatchTransitionDto, body);
    try {
      if (!value) throw new ProblemException(HttpStatus.BAD_REQUEST, 'invalid', this.portal.t(request, 'coach.match.invalid'));
      await this.matches.transition(actor, matchId, value);
      response.redirect(303, `/portal/caseload/${match.participantId}?done=${value.status}`);
    } catch (error) {
      if (!(error instanceof ProblemException) || error.getStatus() >= 500 || error.getStatus() === 404) throw error;
      const data = await this.overview.participantData(actor, request, match.participantId);
      this.portal.send(request, response, 'coach/participant', { ...data, actionError: this.refusal(request, error) }, error.getStatus());
    }
  }

  @Get('placements/new')
  @Policy({ roles: CASEWORKERS })
  async newPlacement(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('matchId') matchId = '',
  ): Promise<void> {
    // A placement starts from a match: without one the request is incomplete, not a missing page.
    if (!isUUID(matchId)) throw new InvalidInputException([{ name: 'matchId', reason: 'must be the id of a match' }]);
    const match = await this.matches.get(actor, matchId);
    const employerName = (await this.vacancies.employerNames(actor, [match.employerId])).get(match.employerId);
    this.placementForm(request, response, {
      values: {
        matchId: match.id,
        participantId: match.participantId,
        employerId: match.employerId,
        vacancyId: match.vacancyId,
        type: 'paid_job',
      },
      employerName,
    });
  }

  @Post('placements')
  @Policy({ roles: CASEWORKERS })
  async createPlacement(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(StartPlacementDto, body, { hoursPerWeek: 'number', grossHourlyWage: 'number' });
    const values = Object.fromEntries(PLACEMENT_FIELDS.map((field) => [field, body[field]]));
    if (!value) return this.placementForm(request, response, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        const placement = await this.placements.start(actor, value);
        response.redirect(303, `/portal/placements/${placement.id}?saved=started`);
      },
      (params) => this.placementForm(request, response, { values, params: this.plainReasons(request, params) }, 422),
    );
  }

  /** The placement rules' refusals in the page's language, with dates as people write them. */
  private plainReasons(request: Request, params: InvalidParam[]): InvalidParam[] {
    const locale = this.portal.locale(request);
    const date = (iso: string) => formatLongDate(iso, locale);
    const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
      [/before UWV's decision \((\d{4}-\d{2}-\d{2})\)/, (m) => this.portal.t(request, 'placementStart.rule.uwv', { date: date(m[1]) })],
      [
        /at most (\d+) months in total \(until (\d{4}-\d{2}-\d{2})\)/,
        (m) => this.portal.t(request, 'placementStart.rule.maxTrial', { months: m[1], date: date(m[2]) }),
      ],
      [/beyond (\d+) months only for people with an illness or disability/, (m) => trialExtensionRefusal(Number(m[1]))[locale]],
      [/must not be before (trialStart|contractStart)/, () => this.portal.t(request, 'placementStart.rule.endBeforeStart')],
      [
        /must not be before the start of the trial placement \((\d{4}-\d{2}-\d{2})\)/,
        (m) => this.portal.t(request, 'placementStart.rule.contractBeforeTrial', { date: date(m[1]) }),
      ],
    ];
    return params.map((param) => {
      for (const [pattern, text] of rules) {
        const match = pattern.exec(param.reason);
        if (match) return { ...param, reason: text(match) };
      }
      return param;
    });
  }

  private placementForm(
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; params?: Array<{ name: string; reason: string }>; employerName?: string },
    status = 200,
  ): void {
    const locale = this.portal.locale(request);
    const fieldLabels = {
      ...labels(locale, 'coach.placement', PLACEMENT_FIELDS),
      ...labels(locale, 'placementStart', [
        'start',
        'contractStart',
        'contractType',
        'hoursPerWeek',
        'grossHourlyWage',
        'wageScale',
        'contractEnd',
      ]),
    };
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const errors = input.params ? errorsFor(this.portal, request, input.params, fieldLabels) : undefined;
    if (errors?.byField.start) {
      errors.byField.start = t('placementStart.startError');
      for (const item of errors.list) if (item.field === 'start') item.message = errors.byField.start;
    }
    this.portal.send(
      request,
      response,
      'coach/placement-new',
      {
        title: t('placementStart.title'),
        values: input.values,
        employerName: input.employerName,
        errors,
        typeOptions: options(locale, 'coach.placementType', PLACEMENT_TYPES),
        contractTypeOptions: options(locale, 'coach.contractType', CONTRACT_TYPES, true),
        startChoices: PLACEMENT_STARTS.map((value) => ({
          value,
          label: t(`placementStart.start.${value}`),
          hint: t(`placementStart.start.${value}Hint`),
          checked: input.values.start === value,
        })),
        onlyForTrial: t('placementStart.onlyFor', { choice: t('placementStart.start.trial') }),
        onlyForContract: t('placementStart.onlyFor', { choice: t('placementStart.start.contract') }),
      },
      status,
    );
  }

  /** "24 uur per week", "20 tot 24 uur per week", in the page's number format. */
  private hours(request: Request, min: number, max: number): string {
    const locale = this.portal.locale(request);
    if (min === max) return this.portal.t(request, 'match.hours.one', { hours: formatNumber(min, locale) });
    return this.portal.t(request, 'match.hours.range', { min: formatNumber(min, locale), max: formatNumber(max, locale) });
  }

  /** One result for the table: the score as shown everywhere, failed requirements first with their reason, partial scores. */
  private explained(request: Request, result: MatchResult) {
    const locale = this.portal.locale(request);
    const filter = (f: MatchResult['filters'][number]) => ({
      label: this.portal.t(request, `coach.filter.${f.filter}`),
      text: sentence(locale, f.explanation),
    });
    return {
      participantId: result.participantId,
      vacancyId: result.vacancyId,
      score: result.displayScore,
      nearMiss: result.failedFilters.length > 0,
      failedCount: result.failedFilters.length,
      failed: result.filters.filter((f) => !f.passed).map(filter),
      passed: result.filters.filter((f) => f.passed).map(filter),
      criteria: result.criteria.map((c) => ({
        label: this.portal.t(request, `coach.criterion.${c.criterion}`),
        score: Math.round(c.score * 100),
        weight: c.weight,
        text: sentence(locale, c.explanation),
      })),
    };
  }

  private refusal(request: Request, error: ProblemException): string {
    if (error.invalidParams?.[0]?.name === 'reason') return this.portal.t(request, 'match.reasonRequired');
    const reason = error.invalidParams?.[0]?.reason ?? error.message;
    if (/not consented/.test(reason)) return this.portal.t(request, 'coach.match.noConsent');
    if (error.getStatus() === 409) return this.portal.t(request, 'coach.match.exists');
    return this.portal.t(request, 'coach.match.refused', { reason });
  }

  private errorPage(request: Request, key: string): Record<string, unknown> {
    const text = this.portal.t(request, key);
    return { title: this.portal.t(request, 'error.generic.title'), heading: this.portal.t(request, 'error.generic.title'), text };
  }
}
