import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy, Public } from '../../platform/auth/policy.decorator.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { RateLimit } from '../../platform/http/rate-limit/rate-limit.decorator.js';
import { uuidParam } from '../../platform/http/validation.js';
import type { Locale } from '../../platform/mail/mail-template.service.js';
import { SurveyAnswerDto, SurveyAveragesQueryDto, SurveySettingsDto } from '../../surveys/dto/survey.dto.js';
import { SurveyLinkGone, type SurveyView, SurveysService } from '../../surveys/surveys.service.js';
import { type FormBody, formField, parseForm, submitOrShowAgain } from '../form.js';
import { pageErrors } from '../help/page-support.js';
import { translate } from '../i18n.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { formParamsFromValidation } from '../validation-messages.js';
import './surveys.i18n.js';

const RESPONDENT_ROLES = ['participant', 'employer_user'] as const;
const SCORES = Array.from({ length: 10 }, (_, index) => String(index + 1));
const ANSWER_MESSAGES = { score: 'survey.error.score', wentWell: 'survey.error.text', couldBeBetter: 'survey.error.text' };
const SETTINGS_MESSAGES = { momentMonths: 'surveySettings.error.moments', repeatEveryMonths: 'surveySettings.error.repeat' };

interface AnswerState {
  view?: SurveyView;
  /** Where the form posts: the link's page (with its token) or the signed-in page. */
  action?: string;
  token?: string;
  values?: Record<string, unknown>;
  params?: InvalidParam[];
  done?: boolean;
  already?: boolean;
  gone?: boolean;
}

/** "7,25": Dutch decimals, for a page that must not show a decimal point. */
function dutchNumber(value: number | null, locale: Locale): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
}

/**
 * Satisfaction surveys in the portal: the answer page behind the link in the mail
 * (no sign-in), the same page for the signed-in participant or employer user, the
 * averages for team leads and admins, and the admin's survey moments.
 */
@PortalController('portal')
export class SurveyPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly surveys: SurveysService,
  ) {}

  @Get('survey')
  @Public()
  async linkPage(@Req() request: Request, @Res() response: Response, @Query('token') token?: string): Promise<void> {
    const raw = typeof token === 'string' ? token : '';
    const view = await this.surveys.viewByToken(raw).catch(goneAsUndefined);
    if (!view) return this.answerPage(request, response, { gone: true }, 410);
    await this.answerPage(request, response, { view, token: raw, action: '/portal/survey', already: view.answered });
  }

  @Post('survey')
  @Public()
  @RateLimit({ name: 'survey-answer', points: 20, durationSeconds: 15 * 60 })
  async answerByLink(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const token = formField(body, 'token') ?? '';
    const view = await this.surveys.viewByToken(token).catch(goneAsUndefined);
    if (!view) return this.answerPage(request, response, { gone: true }, 410);
    if (view.answered) return this.answerPage(request, response, { view, already: true });
    await this.submitAnswer(request, response, body, { view, token, action: '/portal/survey' }, (value) =>
      this.surveys.answerByToken(token, value),
    );
  }

  @Get('surveys/:invitationId')
  @Policy({ roles: RESPONDENT_ROLES })
  async ownPage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('invitationId', uuidParam('invitationId')) id: string,
  ): Promise<void> {
    const view = await this.surveys.viewForActor(actor, id).catch(goneAsUndefined);
    if (!view) return this.answerPage(request, response, { gone: true }, 410);
    await this.answerPage(request, response, { view, action: `/portal/surveys/${id}`, already: view.answered });
  }

  @Post('surveys/:invitationId')
  @Policy({ roles: RESPONDENT_ROLES })
  async answerOwn(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('invitationId', uuidParam('invitationId')) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const view = await this.surveys.viewForActor(actor, id).catch(goneAsUndefined);
    if (!view) return this.answerPage(request, response, { gone: true }, 410);
    if (view.answered) return this.answerPage(request, response, { view, already: true });
    await this.submitAnswer(request, response, body, { view, action: `/portal/surveys/${id}` }, (value) =>
      this.surveys.answerAsActor(actor, id, value),
    );
  }

  @Get('survey-results')
  @Policy({ roles: ['admin', 'team_lead'] })
  async results(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor, @Query() query: FormBody): Promise<void> {
    const locale = this.portal.locale(request);
    const { value } = await parseForm(SurveyAveragesQueryDto, { year: formField(query, 'year') }, { year: 'number' });
    const averages = await this.surveys.averages(actor, value?.year);
    const t = (key: string, values: Record<string, unknown> = {}) => translate(locale, key, values);
    const row = (name: string, average: typeof averages.organisation) => ({
      name,
      responses: average.responses,
      average: dutchNumber(average.average, locale),
      participantAverage: dutchNumber(average.participantAverage, locale),
      employerAverage: dutchNumber(average.employerAverage, locale),
      below: average.belowThreshold,
      status: average.tooFewAnswers
        ? t('surveyResults.tooFew', { minimum: averages.minimumAnswers })
        : average.average === null
          ? t('surveyResults.noAnswers')
          : average.belowThreshold
            ? t('surveyResults.below')
            : t('surveyResults.ok'),
    });
    this.portal.send(request, response, 'survey-results', {
      title: t('surveyResults.title'),
      year: averages.year,
      previousYear: averages.year - 1,
      nextYear: averages.year + 1,
      threshold: dutchNumber(averages.threshold, locale),
      minimumAnswers: averages.minimumAnswers,
      organisation: row(t('surveyResults.organisation'), averages.organisation),
      coaches: averages.coaches.map((coach) => row(coach.coachName ?? t('surveyResults.noCoach'), coach)),
    });
  }

  @Get('admin/surveys')
  @Policy({ roles: ['admin'] })
  async settingsPage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('saved') saved?: string,
  ): Promise<void> {
    this.settingsForm(request, response, {
      ...(await this.currentSettings(actor, request)),
      saved: saved === '1',
    });
  }

  /** The saved moments as form values, and one sentence that says them (also right after saving, also when they are the default). */
  private async currentSettings(actor: Actor, request: Request): Promise<{ values: Record<string, string>; summary: string }> {
    const locale = this.portal.locale(request);
    const [settings, interval] = await Promise.all([
      this.surveys.settings(actor.organisationId),
      this.surveys.minIntervalMonths(actor.organisationId),
    ]);
    const list = new Intl.ListFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'long', type: 'conjunction' });
    const t = (key: string, values: Record<string, unknown> = {}) => translate(locale, key, values);
    const summary = [
      t('surveySettings.summary', { moments: list.format(settings.momentMonths.map(String)) }),
      settings.repeatEveryMonths > 0
        ? t('surveySettings.summaryRepeat', { months: settings.repeatEveryMonths })
        : t('surveySettings.summaryNoRepeat'),
      settings.isDefault ? t('surveySettings.summaryDefault') : '',
      t('surveySettings.summaryInterval', { months: interval }),
    ]
      .filter(Boolean)
      .join(' ');
    return {
      values: { momentMonths: settings.momentMonths.join(', '), repeatEveryMonths: String(settings.repeatEveryMonths) },
      summary,
    };
  }

  @Post('admin/surveys')
  @Policy({ roles: ['admin'] })
  async saveSettings(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Body() body: FormBody,
  ): Promise<void> {
    const momentsText = formField(body, 'momentMonths') ?? '';
    const repeatText = formField(body, 'repeatEveryMonths') ?? '';
    const values = { momentMonths: momentsText, repeatEveryMonths: repeatText };
    const moments = momentsText
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const repeat = /^\d+$/.test(repeatText.trim()) ? Number(repeatText.trim()) : repeatText.trim() || undefined;
    const parsed = await validateSettings({ momentMonths: moments, repeatEveryMonths: repeat });
    if (!parsed.value) {
      const { summary } = await this.currentSettings(actor, request);
      return this.settingsForm(request, response, { values, summary, params: parsed.params }, 400);
    }
    await this.surveys.saveSettings(actor, parsed.value);
    response.redirect(303, '/portal/admin/surveys?saved=1');
  }

  private async submitAnswer(
    request: Request,
    response: Response,
    body: FormBody,
    state: AnswerState,
    answer: (value: SurveyAnswerDto) => Promise<{ answered: boolean }>,
  ): Promise<void> {
    const values = { score: body.score, wentWell: body.wentWell, couldBeBetter: body.couldBeBetter };
    const { value, invalidParams } = await parseForm(
      SurveyAnswerDto,
      { score: body.score, wentWell: body.wentWell, couldBeBetter: body.couldBeBetter },
      { score: 'number' },
    );
    if (!value) return this.answerPage(request, response, { ...state, values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        const { answered } = await answer(value);
        await this.answerPage(request, response, answered ? { view: state.view, done: true } : { view: state.view, already: true });
      },
      (params) => this.answerPage(request, response, { ...state, values, params }, 422),
    );
  }

  private async answerPage(request: Request, response: Response, state: AnswerState, status = 200): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => translate(locale, key, values);
    const view = state.view;
    const labels = { score: t('survey.score'), wentWell: t('survey.wentWell'), couldBeBetter: t('survey.couldBeBetter') };
    const chosen = state.values?.score === undefined ? undefined : String(state.values.score);
    const intro = view
      ? view.respondent === 'participant'
        ? t('survey.intro.participant', {
            months: view.momentMonths,
            employer: view.employerName ?? '',
            coach: view.coachName ?? t('survey.yourCoach'),
          })
        : t('survey.intro.employer', {
            months: view.momentMonths,
            employee: view.employeeName ?? '',
            coach: view.coachName ?? t('survey.theCoach'),
          })
      : undefined;
    this.portal.send(
      request,
      response,
      'survey',
      {
        title: t('survey.title'),
        withoutNav: !view || !!state.token,
        intro,
        action: state.action,
        token: state.token,
        done: state.done,
        already: state.already,
        gone: state.gone,
        showForm: !!view && !state.done && !state.already && !state.gone,
        values: state.values ?? {},
        errors: pageErrors(state.params ?? [], labels, locale, ANSWER_MESSAGES),
        scoreChoices: SCORES.map((score) => ({
          value: score,
          label: score === '1' ? t('survey.score.lowest') : score === '10' ? t('survey.score.highest') : score,
          checked: chosen === score,
        })),
      },
      status,
    );
  }

  private settingsForm(
    request: Request,
    response: Response,
    state: { values: Record<string, string>; summary: string; params?: InvalidParam[]; saved?: boolean },
    status = 200,
  ): void {
    const locale = this.portal.locale(request);
    const labels = {
      momentMonths: translate(locale, 'surveySettings.moments'),
      repeatEveryMonths: translate(locale, 'surveySettings.repeat'),
    };
    this.portal.send(
      request,
      response,
      'admin/surveys',
      {
        title: translate(locale, 'surveySettings.title'),
        values: state.values,
        summary: state.summary,
        saved: state.saved,
        errors: pageErrors(state.params ?? [], labels, locale, SETTINGS_MESSAGES),
      },
      status,
    );
  }
}

function goneAsUndefined(error: unknown): undefined {
  if (error instanceof SurveyLinkGone) return undefined;
  throw error;
}

/** The settings form's typed values through the API's DTO rules. */
async function validateSettings(plain: Record<string, unknown>): Promise<{ value?: SurveySettingsDto; params: InvalidParam[] }> {
  const instance = plainToInstance(SurveySettingsDto, plain);
  const errors = await validate(instance, { whitelist: true });
  const params = formParamsFromValidation(errors);
  return params.length ? { params } : { value: instance, params: [] };
}
