import { isUUID } from 'class-validator';
import { InvalidInputException } from '../../platform/http/problem.js';
import { Body, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { CASEWORKERS, Policy } from '../../platform/auth/policy.decorator.js';
import { ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { CreateMatchDto, MatchTransitionDto } from '../../matching/dto/match.dto.js';
import { MatchesService } from '../../matching/matches.service.js';
import { MatchingService, type MatchResult } from '../../matching/matching.service.js';
import { CreatePlacementDto } from '../../placements/dto/placement.dto.js';
import { PLACEMENT_TYPES } from '../../placements/dto/placement.dto.js';
import { PlacementsService } from '../../placements/placements.service.js';
import { VacanciesService } from '../../vacancies/vacancies.service.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';
import { CoachParticipantView } from './coach-participant-view.js';
import { errorsFor, labels, options, sentence } from './coach-support.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;
const PLACEMENT_FIELDS = [
  'type',
  'trialStart',
  'trialPlannedEnd',
  'trialExtensionReason',
  'letterOfIntentOn',
  'uwvDecisionOn',
  'employerContactName',
  'employerContactEmail',
  'employerContactPhone',
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
      vacancies: open.map((vacancy) => ({ ...vacancy, employerName: names.get(vacancy.employerId ?? '') ?? '' })),
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
    // Full matches first, then near misses (one or two hard requirements not met) with the reason.
    const results = [
      ...(await this.matching.candidatesForVacancy(actor, vacancyId, { limit: 20 })),
      ...(await this.matching.candidatesForVacancy(actor, vacancyId, { limit: 10, includeExcluded: true })),
    ];
    const nameOf = await this.matching.participantNames(
      actor,
      results.map((r) => r.participantId),
    );
    const proposed = await this.matches.proposedPairs(actor, { vacancyId });
    this.portal.send(request, response, 'coach/matches', {
      title: this.portal.t(request, 'coach.matches.vacancyTitle', { title: vacancy.title }),
      heading: this.portal.t(request, 'coach.matches.vacancyTitle', { title: vacancy.title }),
      intro: this.portal.t(request, 'coach.matches.vacancyIntro'),
      results: results.map((result) => ({
        ...this.explained(request, result),
        name: nameOf.get(result.participantId) ?? '',
        href: `/portal/caseload/${result.participantId}`,
        alreadyProposed: proposed.has(`${result.vacancyId}:${result.participantId}`),
      })),
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
    const results = [
      ...(await this.matching.vacanciesForParticipant(actor, participantId, { limit: 20 })),
      ...(await this.matching.vacanciesForParticipant(actor, participantId, { limit: 10, includeExcluded: true })),
    ];
    const vacancyOf = await this.vacancies.titles(
      actor,
      results.map((r) => r.vacancyId),
    );
    const proposed = await this.matches.proposedPairs(actor, { participantId });
    this.portal.send(request, response, 'coach/matches', {
      title: this.portal.t(request, 'coach.matches.participantTitle', { name }),
      heading: this.portal.t(request, 'coach.matches.participantTitle', { name }),
      intro: this.portal.t(request, 'coach.matches.participantIntro'),
      results: results.map((result) => ({
        ...this.explained(request, result),
        name: `${vacancyOf.get(result.vacancyId)?.title ?? ''} (${vacancyOf.get(result.vacancyId)?.employer ?? ''})`,
        href: `/portal/matching/${result.vacancyId}`,
        alreadyProposed: proposed.has(`${result.vacancyId}:${result.participantId}`),
      })),
      back: `/portal/caseload/${participantId}`,
    });
  }

  @Post('matches')
  @Policy({ roles: CASEWORKERS })
  async propose(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const { value } = await parseForm(CreateMatchDto, body);
    if (!value) return this.portal.send(request, response, 'error', this.errorPage(request, 'coach.match.invalid'), 400);
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
    const { value, invalidParams } = await parseForm(CreatePlacementDto, body);
    const values = Object.fromEntries(PLACEMENT_FIELDS.map((field) => [field, body[field]]));
    if (!value) return this.placementForm(request, response, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        const placement = await this.placements.create(actor, value);
        response.redirect(303, `/portal/placements/${placement.id}`);
      },
      (params) => this.placementForm(request, response, { values, params }, 422),
    );
  }

  private placementForm(
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; params?: Array<{ name: string; reason: string }>; employerName?: string },
    status = 200,
  ): void {
    const locale = this.portal.locale(request);
    const fieldLabels = labels(locale, 'coach.placement', PLACEMENT_FIELDS);
    this.portal.send(
      request,
      response,
      'coach/placement-new',
      {
        title: this.portal.t(request, 'coach.placement.newTitle'),
        values: input.values,
        employerName: input.employerName,
        errors: input.params ? errorsFor(this.portal, request, input.params, fieldLabels) : undefined,
        typeOptions: options(locale, 'coach.placementType', PLACEMENT_TYPES),
      },
      status,
    );
  }

  private explained(request: Request, result: MatchResult) {
    const locale = this.portal.locale(request);
    return {
      participantId: result.participantId,
      vacancyId: result.vacancyId,
      score: Math.round(result.score),
      nearMiss: result.failedFilters.length > 0,
      criteria: result.criteria.map((c) => ({
        label: this.portal.t(request, `coach.criterion.${c.criterion}`),
        score: Math.round(c.score),
        text: sentence(locale, c.explanation),
      })),
      filters: result.filters.map((f) => ({
        passed: f.passed,
        label: this.portal.t(request, `coach.filter.${f.filter}`),
        text: sentence(locale, f.explanation),
      })),
    };
  }

  private refusal(request: Request, error: ProblemException): string {
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
