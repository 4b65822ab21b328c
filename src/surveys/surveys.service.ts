import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AuditService } from '../audit/audit.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { hashToken, newToken } from '../identity/tokens.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { appConfig } from '../platform/config/app.config.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { Transactions } from '../platform/database/transactions.js';
import { NotFoundProblem, ProblemException } from '../platform/http/problem.js';
import { MailService } from '../platform/mail/mail.service.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { SchedulerService } from '../platform/queue/scheduler.service.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { addMonths } from '../rules/calculations/dates.js';
import type { ParameterSource } from '../rules/calculations/parameters.js';
import { localDate } from '../rules/calculations/working-days.js';
import { TasksService } from '../tasks/tasks.service.js';
import type {
  CoachSurveyAverageDto,
  OpenSurvey,
  SurveyAnswerDto,
  SurveyAverageDto,
  SurveyAveragesDto,
  SurveySettingsDto,
  SurveySettingsViewDto,
} from './dto/survey.dto.js';
import {
  DEFAULT_SURVEY_MOMENTS,
  DEFAULT_SURVEY_REPEAT_MONTHS,
  latestDueMoment,
  type Respondent,
  SURVEY_LINK_DAYS,
  SURVEY_SEND_EVERY_MS,
  wholeMonthsBetween,
} from './survey.constants.js';
import { SurveyLinks } from './surveys.links.js';
import { type InvitationRow, type RunningPlacementRow, SurveysRepository } from './surveys.repository.js';

const PAGE = 500;

/** The key of the send-due job queued when an organisation's survey moments are saved: one per organisation and minute. */
export function surveySettingsJobKey(organisationId: string, minute: string): string {
  return `settings.${organisationId}.${minute}`;
}
const MAIL_PREFIX = 'survey.';

/** What the answer page shows: whose support is asked about, and whether it was answered already. */
export interface SurveyView {
  id: string;
  respondent: Respondent;
  momentMonths: number;
  coachName: string | null;
  employeeName: string | null;
  employerName: string | null;
  answered: boolean;
}

/** The newest answered score of a placement, for the early warning ("a satisfaction score is low"). */
export interface PlacementScore {
  placementId: string;
  score: number;
  respondent: Respondent;
  answeredAt: Date;
  /** At or below the organisation's satisfactionLowScore on the day it was answered. */
  low: boolean;
}

/** The link is unknown, expired or withdrawn: the page says so in plain Dutch (410). */
export class SurveyLinkGone extends ProblemException {
  constructor() {
    super(HttpStatus.GONE, 'link-expired', 'This survey link is no longer valid.');
  }
}

/**
 * Satisfaction surveys: at the organisation's moments the participant and the
 * employer's contact person score the coach's support (UWV asks a yearly
 * average of at least 6.5). One invitation per placement, respondent and
 * moment, mailed with a link that needs no sign-in; answered once. A low
 * score gives the placement's coach a task.
 */
@Injectable()
export class SurveysService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(SurveysService.name);
  private readonly answeredListeners: Array<(placementId: string) => Promise<void>> = [];

  constructor(
    private readonly repository: SurveysRepository,
    private readonly transactions: Transactions,
    private readonly links: SurveyLinks,
    private readonly mail: MailService,
    private readonly scheduler: SchedulerService,
    private readonly consents: ConsentsService,
    private readonly memberships: MembershipsService,
    private readonly tasks: TasksService,
    private readonly parameters: RuleParametersService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onModuleInit(): void {
    // A withdrawn consent to tell the employer about the support stops the employer's open surveys at once.
    this.consents.onWithdrawn(async (participantId, purpose, employerId) => {
      if (purpose === 'disclose_support_organisation')
        await this.repository.expireEmployerInvitations(participantId, employerId, this.clock.now());
    });
    // Just before sending: no mail for a survey answered in the portal meanwhile, withdrawn, or of an erased participant.
    this.mail.onWithdrawalCheck(MAIL_PREFIX, async (keys) => {
      const ids = keys.map((key) => key.slice(MAIL_PREFIX.length));
      const unwanted = await this.repository.unwanted(ids, this.clock.now());
      return new Set(keys.filter((key) => unwanted.has(key.slice(MAIL_PREFIX.length))));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    await this.scheduler.repeat('surveys-send-due', JobName.SurveysSendDue, SURVEY_SEND_EVERY_MS);
  }

  async settings(organisationId: string): Promise<SurveySettingsViewDto> {
    const row = await this.repository.setting(organisationId);
    if (!row) return { momentMonths: [...DEFAULT_SURVEY_MOMENTS], repeatEveryMonths: DEFAULT_SURVEY_REPEAT_MONTHS, isDefault: true };
    return { momentMonths: row.moment_months.map(Number), repeatEveryMonths: Number(row.repeat_every_months), isDefault: false };
  }

  /** The organisation's minimum time between two surveys to one respondent about one placement, today (rule parameter). */
  async minIntervalMonths(organisationId: string): Promise<number> {
    const source = await this.parameters.sourceFor(organisationId);
    return source.valueOn('surveyMinIntervalMonths', localDate(this.clock.now())).value;
  }

  async saveSettings(actor: Actor, input: SurveySettingsDto): Promise<SurveySettingsViewDto> {
    const moments = [...new Set(input.momentMonths)].sort((a, b) => a - b);
    await this.transactions.run(async () => {
      await this.repository.saveSetting(actor.organisationId, moments, input.repeatEveryMonths, actor.userId, this.clock.now());
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'survey_setting',
        resourceId: actor.organisationId,
        fields: ['momentMonths', 'repeatEveryMonths'],
      });
    });
    await this.sendDueSoon(actor.organisationId);
    return this.settings(actor.organisationId);
  }

  /**
   * After the moments changed, surveys that became due go out now instead of at the next hourly run. One job per
   * organisation and minute (its id says so): saving twice in a minute queues it once. The job looks at every
   * placement and creates only what is missing, so running it again is harmless. A queue that is down does not undo
   * the saved settings: the hourly run sends them then.
   */
  private async sendDueSoon(organisationId: string): Promise<void> {
    const now = this.clock.now();
    const minute = now.toISOString().slice(0, 16);
    try {
      await this.scheduler.schedule(JobName.SurveysSendDue, {}, now, surveySettingsJobKey(organisationId, minute));
    } catch (error) {
      this.logger.warn({ err: error, organisationId }, 'survey settings saved; the send-due job was not queued, the hourly run sends them');
    }
  }

  /**
   * Creates the due invitations (the latest due moment per placement and respondent; a
   * missed earlier one is not sent late) and mails them through the outbox. Safe to run
   * twice or on two workers at once: the unique key lets one of them create each invitation.
   */
  async sendDue(): Promise<number> {
    const today = localDate(this.clock.now());
    const earliestMoment = 1;
    let created = 0;
    let after: string | null = null;
    const sources = new Map<string, ParameterSource>();
    for (;;) {
      const rows = await this.repository.runningPlacements(addMonths(today, -earliestMoment), after, PAGE);
      // Most runs find every due survey sent already: one query per page skips them without a transaction each.
      const existing = await this.repository.existing(rows.map((row) => row.id));
      const disclosed = await this.consents.consentedPairs(
        'disclose_support_organisation',
        rows.map((row) => ({ participantId: row.participant_id, employerId: row.employer_id })),
      );
      for (const row of rows) {
        if (!sources.has(row.organisation_id)) sources.set(row.organisation_id, await this.parameters.sourceFor(row.organisation_id));
        const minInterval = sources.get(row.organisation_id)!.valueOn('surveyMinIntervalMonths', today).value;
        created += await this.sendForPlacement(row, today, existing, disclosed, minInterval);
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.id;
    }
    if (created > 0) this.logger.log({ created }, 'satisfaction surveys sent');
    return created;
  }

  private async sendForPlacement(
    row: RunningPlacementRow,
    today: string,
    existing: { keys: Set<string>; lastSent: Map<string, Date> },
    disclosed: Set<string>,
    minIntervalMonths: number,
  ): Promise<number> {
    const moments = row.moment_months?.map(Number) ?? [...DEFAULT_SURVEY_MOMENTS];
    const repeat = row.repeat_every_months === null ? DEFAULT_SURVEY_REPEAT_MONTHS : Number(row.repeat_every_months);
    const monthsWorked = wholeMonthsBetween(row.started_on, today);
    const moment = latestDueMoment(moments, repeat, monthsWorked);
    if (moment === undefined) return 0;
    // Exactly once per moment, and not again within the minimum interval after the last survey for this placement
    // (changed moments must not bring a second survey a few minutes after the first).
    const sent = (respondent: Respondent) => {
      if (existing.keys.has(`${row.id}.${respondent}.${moment}`)) return true;
      const last = existing.lastSent.get(`${row.id}.${respondent}`);
      return last !== undefined && addMonths(localDate(last), minIntervalMonths) > today;
    };
    const respondents: Respondent[] = [];
    // The participant may opt out of contact; the employer hears nothing without the consent to disclose the support.
    if (!row.participant_opted_out && !sent('participant')) respondents.push('participant');
    if (!sent('employer_contact') && disclosed.has(`${row.participant_id}/${row.employer_id}`)) respondents.push('employer_contact');
    let created = 0;
    for (const respondent of respondents) {
      const mailId = await this.transactions.run(async () => {
        const token = newToken();
        const id = await this.repository.insertOnce({
          organisationId: row.organisation_id,
          placementId: row.id,
          participantId: row.participant_id,
          employerId: row.employer_id,
          coachMembershipId: row.coach_membership_id,
          respondent,
          momentMonths: moment,
          dueOn: addMonths(row.started_on, moment),
          tokenHash: hashToken(token),
          expiresAt: new Date(this.clock.now().getTime() + SURVEY_LINK_DAYS * 86_400_000),
          now: this.clock.now(),
        });
        if (!id) return undefined;
        created++;
        return this.recordMail(row, respondent, id, token, monthsWorked);
      });
      if (mailId) await this.mail.dispatch(mailId);
    }
    return created;
  }

  private async recordMail(
    row: RunningPlacementRow,
    respondent: Respondent,
    invitationId: string,
    token: string,
    monthsWorked: number,
  ): Promise<string | undefined> {
    const coach = await this.memberships.recipient(row.coach_membership_id);
    let to: { name: string; email: string; locale: Locale } | undefined;
    if (respondent === 'participant') {
      const account = await this.memberships.participantRecipient(row.participant_id, row.organisation_id);
      const email = account?.email ?? row.participant_email;
      if (email) to = { name: account?.displayName ?? row.participant_name, email, locale: account?.locale ?? 'nl' };
    } else if (row.employer_contact_email) {
      to = { name: row.employer_contact_name ?? '', email: row.employer_contact_email, locale: 'nl' };
    }
    if (!to) return undefined;
    return this.mail.record({
      organisationId: row.organisation_id,
      template: respondent === 'participant' ? 'survey-participant' : 'survey-employer',
      locale: to.locale,
      to: to.email,
      // The employee's name goes to the contact person only: the consent to disclose the support allows it.
      context: {
        name: to.name,
        coachName: coach?.displayName ?? '',
        employeeName: respondent === 'employer_contact' ? row.participant_name : '',
        // The whole months worked so far (as of sending), not the survey moment: someone asked late has worked longer.
        months: monthsWorked,
        oneMonth: monthsWorked === 1,
        days: SURVEY_LINK_DAYS,
        link: this.links.answer(token),
      },
      dedupeKey: `${MAIL_PREFIX}${invitationId}`,
      aboutParticipantId: row.participant_id,
    });
  }

  /** The survey behind a link in a mail; answered ones say so. Unknown, expired or withdrawn: SurveyLinkGone. */
  async viewByToken(token: string): Promise<SurveyView> {
    const invitation = await this.byToken(token);
    return toView(invitation);
  }

  async answerByToken(token: string, input: SurveyAnswerDto): Promise<{ answered: boolean }> {
    const invitation = await this.byToken(token);
    return this.answer(invitation, input, null);
  }

  /** The signed-in participant's or employer user's open surveys, for their home page. */
  async openFor(actor: Actor): Promise<OpenSurvey[]> {
    const who = this.respondentScope(actor);
    if (!who) return [];
    const rows = await this.repository.open(actor.organisationId, who, this.clock.now());
    const visible: InvitationRow[] = [];
    for (const row of rows) if (await this.stillAllowed(row)) visible.push(row);
    return visible.map((row) => ({
      id: row.id,
      respondent: row.respondent,
      momentMonths: Number(row.moment_months),
      coachName: row.coach_name,
      employeeName: row.respondent === 'employer_contact' ? row.participant_name : null,
      employerName: row.employer_name,
      expiresAt: row.expires_at,
    }));
  }

  async viewForActor(actor: Actor, id: string): Promise<SurveyView> {
    return toView(await this.visibleTo(actor, id));
  }

  async answerAsActor(actor: Actor, id: string, input: SurveyAnswerDto): Promise<{ answered: boolean }> {
    return this.answer(await this.visibleTo(actor, id), input, actor);
  }

  /** Averages per coach (the coach of the placement when the survey went out) over answers in the calendar year. */
  async averages(actor: Actor, year?: number): Promise<SurveyAveragesDto> {
    const today = localDate(this.clock.now());
    const chosen = year ?? Number(today.slice(0, 4));
    const source = await this.parameters.sourceFor(actor.organisationId);
    const lastDay = `${chosen}-12-31` < today ? `${chosen}-12-31` : today < `${chosen}-01-01` ? `${chosen}-01-01` : today;
    const threshold = source.valueOn('jobcoachSatisfactionMinimum', lastDay).value;
    // Year boundaries in Dutch time: an answer at 00:30 on 1 January counts for the new year.
    const from = dutchMidnight(`${chosen}-01-01`);
    const to = dutchMidnight(`${chosen + 1}-01-01`);
    const minimum = source.valueOn('surveyMinimumAnswers', lastDay).value;
    const rows = (
      await this.repository.averagesPerCoach(actor.organisationId, from, to, actor.role === 'team_lead' ? actor.teamId : null)
    ).map((row) => ({
      coachMembershipId: row.coach_membership_id,
      coachName: row.coach_name,
      counts: {
        responses: Number(row.responses),
        sum: Number(row.score_sum),
        participantResponses: Number(row.participant_responses),
        participantSum: Number(row.participant_sum),
        employerResponses: Number(row.employer_responses),
        employerSum: Number(row.employer_sum),
      },
    }));
    // An average over fewer than `minimum` answers can point at one participant or employer: it is not shown, nor one it
    // could be derived from (a split beside the other split and the total; the organisation beside the coaches shown).
    const enough = (count: number) => count >= minimum;
    const splitsShown = (c: ScoreCounts) => enough(c.participantResponses) && enough(c.employerResponses);
    const summary = (c: ScoreCounts, hideTotal: boolean, hideSplits: boolean): SurveyAverageDto => {
      const totalShown = enough(c.responses) && !hideTotal;
      const average = totalShown ? mean(c.sum, c.responses) : null;
      const splits = totalShown && splitsShown(c) && !hideSplits;
      return {
        responses: c.responses,
        average,
        participantAverage: splits ? mean(c.participantSum, c.participantResponses) : null,
        employerAverage: splits ? mean(c.employerSum, c.employerResponses) : null,
        tooFewAnswers: c.responses > 0 && average === null,
        belowThreshold: average !== null && average < threshold,
      };
    };
    const coaches: CoachSurveyAverageDto[] = rows.map((row) => ({
      coachMembershipId: row.coachMembershipId,
      coachName: row.coachName,
      ...summary(row.counts, false, false),
    }));
    const total = (pick: (c: ScoreCounts) => number, only: (c: ScoreCounts) => boolean = () => true) =>
      rows.filter((row) => only(row.counts)).reduce((sum, row) => sum + pick(row.counts), 0);
    const organisation: ScoreCounts = {
      responses: total((c) => c.responses),
      sum: total((c) => c.sum),
      participantResponses: total((c) => c.participantResponses),
      participantSum: total((c) => c.participantSum),
      employerResponses: total((c) => c.employerResponses),
      employerSum: total((c) => c.employerSum),
    };
    const hiddenTotals = total(
      (c) => c.responses,
      (c) => !enough(c.responses),
    );
    const hiddenSplit = (pick: (c: ScoreCounts) => number) => total(pick, (c) => !enough(c.responses) || !splitsShown(c));
    const fewHidden = (count: number) => count > 0 && !enough(count);
    return {
      year: chosen,
      threshold,
      minimumAnswers: minimum,
      organisation: summary(
        organisation,
        fewHidden(hiddenTotals),
        fewHidden(hiddenSplit((c) => c.participantResponses)) || fewHidden(hiddenSplit((c) => c.employerResponses)),
      ),
      coaches,
    };
  }

  /**
   * The newest answered score per placement, with whether it is low by the organisation's
   * satisfactionLowScore: for the early-warning rule "a satisfaction score is low".
   */
  async latestScoresForPlacements(organisationId: string, placementIds: string[]): Promise<Map<string, PlacementScore>> {
    const rows = await this.repository.latestScores(organisationId, placementIds);
    const source = await this.parameters.sourceFor(organisationId);
    return new Map(
      rows.map((row) => [
        row.placement_id,
        {
          placementId: row.placement_id,
          score: Number(row.score),
          respondent: row.respondent,
          answeredAt: row.answered_at,
          low: Number(row.score) <= source.valueOn('satisfactionLowScore', localDate(row.answered_at)).value,
        },
      ]),
    );
  }

  private async byToken(token: string): Promise<InvitationRow> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw new SurveyLinkGone();
    const invitation = await this.repository.byTokenHash(hashToken(token));
    if (!invitation) throw new SurveyLinkGone();
    if (!invitation.answered_at && invitation.expires_at.getTime() <= this.clock.now().getTime()) throw new SurveyLinkGone();
    if (!(await this.stillAllowed(invitation))) throw new SurveyLinkGone();
    return invitation;
  }

  /** Never for an erased participant; the employer's survey only while the participant agrees the employer may know. */
  private async stillAllowed(invitation: InvitationRow): Promise<boolean> {
    if (invitation.participant_erased) return false;
    if (invitation.respondent === 'participant') return true;
    return this.consents.hasConsent(invitation.participant_id, 'disclose_support_organisation', invitation.employer_id);
  }

  private respondentScope(actor: Actor): { participantId: string } | { employerId: string } | undefined {
    if (actor.role === 'participant' && actor.participantId) return { participantId: actor.participantId };
    if (actor.role === 'employer_user' && actor.employerId) return { employerId: actor.employerId };
    return undefined;
  }

  private async visibleTo(actor: Actor, id: string): Promise<InvitationRow> {
    const who = this.respondentScope(actor);
    const row = who ? await this.repository.byId(actor.organisationId, id) : undefined;
    const mine =
      row &&
      who &&
      ('participantId' in who
        ? row.respondent === 'participant' && row.participant_id === who.participantId
        : row.respondent === 'employer_contact' && row.employer_id === who.employerId);
    if (!row || !mine || !(await this.stillAllowed(row))) throw new NotFoundProblem('survey');
    if (!row.answered_at && row.expires_at.getTime() <= this.clock.now().getTime()) throw new SurveyLinkGone();
    return row;
  }

  /** Called after an answer is committed (the early warning re-reads the placement's facts). */
  onAnswered(listener: (placementId: string) => Promise<void>): void {
    this.answeredListeners.push(listener);
  }

  private async answer(invitation: InvitationRow, input: SurveyAnswerDto, actor: Actor | null): Promise<{ answered: boolean }> {
    const now = this.clock.now();
    const wentWell = input.wentWell?.trim() || null;
    const couldBeBetter = input.couldBeBetter?.trim() || null;
    return this.transactions.run(async () => {
      const saved = await this.repository.answer(
        invitation.id,
        input.score,
        this.encryption.encrypt(wentWell),
        this.encryption.encrypt(couldBeBetter),
        now,
      );
      // Answered before (a second visit, a replayed form): nothing changes.
      if (!saved) return { answered: false };
      const entry = {
        action: 'update' as const,
        resourceType: 'survey_invitation',
        resourceId: invitation.id,
        subjectParticipantId: invitation.participant_id,
        fields: ['score', 'wentWell', 'couldBeBetter'],
      };
      if (actor) await this.audit.record(actor, entry);
      else await this.audit.recordSystem(invitation.organisation_id, entry);
      const source = await this.parameters.sourceFor(invitation.organisation_id);
      const low = source.valueOn('satisfactionLowScore', localDate(now)).value;
      if (input.score <= low) {
        const who = invitation.respondent === 'participant' ? 'de deelnemer' : 'de werkgever';
        await this.tasks.create({
          organisationId: invitation.organisation_id,
          assigneeMembershipId: invitation.coach_membership_id,
          participantId: invitation.participant_id,
          placementId: invitation.placement_id,
          kind: 'low_satisfaction_score',
          title: `Lage tevredenheid: ${who} gaf een ${input.score} voor de begeleiding`,
          detail: 'Bespreek wat er beter kan, met de deelnemer en de werkgever.',
          dueOn: localDate(new Date(now.getTime() + 7 * 86_400_000)),
          dedupeKey: `low_satisfaction_score.${invitation.id}`,
        });
      }
      await this.transactions.afterCommit(async () => {
        for (const listener of this.answeredListeners) await listener(invitation.placement_id);
      });
      return { answered: true };
    });
  }
}

function toView(row: InvitationRow): SurveyView {
  return {
    id: row.id,
    respondent: row.respondent,
    momentMonths: Number(row.moment_months),
    coachName: row.coach_name,
    employeeName: row.respondent === 'employer_contact' ? row.participant_name : null,
    employerName: row.employer_name,
    answered: row.answered_at !== null,
  };
}

interface ScoreCounts {
  responses: number;
  sum: number;
  participantResponses: number;
  participantSum: number;
  employerResponses: number;
  employerSum: number;
}

function mean(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

/** The instant a Dutch calendar day begins (Europe/Amsterdam). */
function dutchMidnight(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // Amsterdam is UTC+1 on 1 January; the offset is read rather than assumed.
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(utcMidnight);
  return new Date(utcMidnight.getTime() - Number(local) * 3_600_000);
}
