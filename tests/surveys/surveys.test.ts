import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JOB_QUEUES, JobName } from '../../src/platform/queue/queue.constants.js';
import { jobIdFor } from '../../src/platform/queue/queue.service.js';
import { SurveysService, surveySettingsJobKey } from '../../src/surveys/surveys.service.js';
import { aftercareWorld, type AftercareWorld } from '../aftercare/aftercare-world.js';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createTeam,
  createUser,
  renewSession,
  type TestUser,
} from '../support/fixtures.js';
import { createTestApp, queueBackends, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

interface SurveyMail {
  template: string;
  recipient: string;
  status: string;
  text: string | null;
  context: Record<string, unknown>;
}

/** The path and token of the survey link in a mail (as sent: composed text, or the recorded context). */
function linkIn(mail: SurveyMail): { path: string; token: string } {
  const source = mail.text ?? String(mail.context.link ?? '');
  const match = /https?:\/\/[^\s/]+(\/portal\/survey\?token=([A-Za-z0-9_%-]+))/.exec(source);
  if (!match) throw new Error(`No survey link in mail: ${source}`);
  return { path: match[1], token: decodeURIComponent(match[2]) };
}

describe.each(queueBackends())('satisfaction surveys (queue on %s)', (backend) => {
  let testApp: TestApp;
  let world: AftercareWorld;
  let admin: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ queue: backend, env: { QUEUE_BACKOFF_MS: '50' } });
  });
  beforeEach(async () => {
    await resetState(testApp);
    // The placement's contract started on Monday 2 February 2026.
    testApp.clock.set('2026-03-02T09:00:00Z');
    world = await aftercareWorld(testApp);
    admin = await createUser(testApp, world.organisationId, 'admin');
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  const service = () => testApp.app.get(SurveysService);

  /** Moves the clock and runs the scheduled job (twice, as a redelivery or a second worker would), through the queue. */
  async function runSurveyJobAt(instant: string): Promise<void> {
    testApp.clock.set(instant);
    await Promise.all([
      testApp.queues.enqueue(JobName.SurveysSendDue, {}),
      testApp.queues.enqueue(JobName.SurveysSendDue, {}),
      service().sendDue(),
    ]);
    await waitForQueuesToDrain(testApp);
  }

  async function invitations(): Promise<Array<{ id: string; respondent: string; moment_months: number; score: number | null }>> {
    return testApp.dataSource.query(
      'SELECT id, respondent, moment_months, score FROM survey_invitation ORDER BY moment_months, respondent',
    );
  }

  async function surveyMails(): Promise<SurveyMail[]> {
    return testApp.dataSource.query(
      "SELECT template, recipient, status, text, context FROM mail_message WHERE template LIKE 'survey-%' ORDER BY template, created_at",
    );
  }

  async function mailFor(template: string): Promise<SurveyMail> {
    const mails = (await surveyMails()).filter((mail) => mail.template === template);
    expect(mails.length).toBeGreaterThan(0);
    return mails.at(-1)!;
  }

  const answerForm = (token: string, fields: Record<string, string>) =>
    http()
      .post('/portal/survey')
      .type('form')
      .send({ token, ...fields });

  it('sends each moment once, to the participant and the employer contact, through the outbox: 3 and 12 months, then yearly', async () => {
    await runSurveyJobAt('2026-04-30T09:00:00Z');
    expect(await invitations()).toEqual([]);

    await runSurveyJobAt('2026-05-02T09:00:00Z');
    expect((await invitations()).map((row) => [row.moment_months, row.respondent])).toEqual([
      [3, 'employer_contact'],
      [3, 'participant'],
    ]);
    const first = await surveyMails();
    expect(first.map((mail) => [mail.template, mail.recipient, mail.status])).toEqual([
      ['survey-employer', 'karin@korenschoof.test', 'sent'],
      ['survey-participant', world.participant.email, 'sent'],
    ]);

    // Later runs before the next moment, and the same moment again, add nothing.
    await runSurveyJobAt('2026-08-15T09:00:00Z');
    await runSurveyJobAt('2027-02-01T09:00:00Z');
    expect(await invitations()).toHaveLength(2);

    await runSurveyJobAt('2027-02-02T09:00:00Z');
    await runSurveyJobAt('2027-06-02T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([3, 3, 12, 12]);

    await runSurveyJobAt('2028-02-03T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([3, 3, 12, 12, 24, 24]);
    const mails = await surveyMails();
    expect(mails.map((mail) => mail.template)).toEqual([...Array(3).fill('survey-employer'), ...Array(3).fill('survey-participant')]);
    expect(mails.every((mail) => mail.status === 'sent')).toBe(true);
  });

  it('is answered once from the link in the mail, without signing in; a second visit and a replayed form change nothing', async () => {
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    const mail = await mailFor('survey-participant');
    expect(mail.text).toContain('U werkt nu 3 maanden');
    const { path, token } = linkIn(mail);

    const page = await http().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Hoe tevreden bent u?');
    expect(page.text).toContain('Wat ging goed?');
    expect(page.text).toContain('Wat kan beter?');

    // No score: the page says what to do, naming the field.
    const missing = await answerForm(token, { wentWell: 'Fijn' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Kies een cijfer van 1 tot en met 10.');
    expect(missing.text).toContain('href="#field-score"');

    const answered = await answerForm(token, { score: '8', wentWell: 'Ik kon altijd bellen.', couldBeBetter: '' });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Dank u wel! Wij hebben uw antwoord ontvangen.');

    const again = await http().get(path);
    expect(again.status).toBe(200);
    expect(again.text).toContain('U heeft deze vragen al beantwoord.');
    expect(again.text).not.toContain('<form method="post" action="/portal/survey"');

    const replay = await answerForm(token, { score: '2', couldBeBetter: 'Alles' });
    expect(replay.status).toBe(200);
    expect(replay.text).toContain('U heeft deze vragen al beantwoord.');
    const [row] = await testApp.dataSource.query(
      "SELECT score, went_well, could_be_better FROM survey_invitation WHERE respondent = 'participant'",
    );
    expect(row.score).toBe(8);
    // Free text is stored encrypted.
    expect(row.went_well).not.toContain('bellen');
    expect(row.could_be_better).toBeNull();
    expect(await testApp.dataSource.query("SELECT 1 FROM coach_task WHERE kind = 'low_satisfaction_score'")).toEqual([]);
  });

  it('answers an invalid or expired link with a clear Dutch page', async () => {
    const unknown = await http().get('/portal/survey?token=dit-is-geen-geldige-link-van-werkbrug');
    expect(unknown.status).toBe(410);
    expect(unknown.text).toContain('Deze link werkt niet meer.');
    expect((await http().get('/portal/survey')).status).toBe(410);

    await runSurveyJobAt('2026-05-04T09:00:00Z');
    const { path, token } = linkIn(await mailFor('survey-participant'));
    testApp.clock.set('2026-06-04T09:00:00Z');
    const expired = await http().get(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Deze link werkt niet meer.');
    expect((await answerForm(token, { score: '7' })).status).toBe(410);
  });

  it('gives the coach a task for a low score (at or below the rule parameter), not for a fair one', async () => {
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    const employer = linkIn(await mailFor('survey-employer'));
    const participant = linkIn(await mailFor('survey-participant'));
    expect((await answerForm(employer.token, { score: '5', couldBeBetter: 'Vaker langskomen.' })).status).toBe(200);
    // The early warning hears of the answer once it is saved: a risk with the reason and what to do next.
    const risks = () =>
      testApp.dataSource.query(
        "SELECT occurrence, reason, next_action, resolution FROM placement_risk WHERE placement_id = $1 AND rule = 'low_satisfaction'",
        [world.placementId],
      );
    expect(await risks()).toEqual([
      {
        occurrence: 'answer.employer_contact.2026-05-04',
        reason: 'De werkgever gaf de begeleiding een 5 (op 4 mei 2026).',
        next_action: 'Bel de werkgever over wat er beter kan in de begeleiding',
        resolution: null,
      },
    ]);
    testApp.clock.set('2026-05-04T10:00:00Z');
    expect((await answerForm(participant.token, { score: '6' })).status).toBe(200);
    // A newer, fair answer ends that situation.
    expect((await risks()).map((risk: { resolution: string | null }) => risk.resolution)).toEqual(['condition_ended']);
    const tasks = await testApp.dataSource.query(
      'SELECT kind, assignee_membership_id, placement_id, participant_id, title FROM coach_task ORDER BY created_at',
    );
    expect(tasks).toEqual([
      {
        kind: 'low_satisfaction_score',
        assignee_membership_id: world.coach.membershipId,
        placement_id: world.placementId,
        participant_id: world.participantId,
        title: 'Lage tevredenheid: de werkgever gaf een 5 voor de begeleiding',
      },
    ]);
    const scores = await service().latestScoresForPlacements(world.organisationId, [world.placementId]);
    expect(scores.get(world.placementId)).toMatchObject({ score: 6, respondent: 'participant', low: false });
  });

  it('shows the open survey on the participant’s and the employer’s home, answerable there once', async () => {
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    await renewSession(testApp, world.participant);
    await renewSession(testApp, world.employerUser);
    const home = await http().get('/portal/me').set('Cookie', `wb_session=${world.participant.token}`);
    expect(home.status).toBe(200);
    const link = /href="(\/portal\/surveys\/[0-9a-f-]+)"/.exec(home.text)?.[1];
    expect(link).toBeDefined();
    const employerHome = await http().get('/portal/employer').set('Cookie', `wb_session=${world.employerUser.token}`);
    expect(employerHome.text).toMatch(/href="\/portal\/surveys\/[0-9a-f-]+"/);

    const answered = await http().post(link!).set(world.participant.auth).type('form').send({ score: '9' });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Dank u wel!');
    const again = await http().post(link!).set(world.participant.auth).type('form').send({ score: '1' });
    expect(again.text).toContain('U heeft deze vragen al beantwoord.');
    const after = await http().get('/portal/me').set('Cookie', `wb_session=${world.participant.token}`);
    expect(after.text).not.toContain(link!);
    // The employer user cannot open the participant's survey.
    expect((await http().get(link!).set(world.employerUser.auth)).status).toBe(404);
  });

  it('averages per coach and year beside UWV’s 6.5, with hand-counted figures; a team lead sees their team', async () => {
    const otherTeam = await createTeam(testApp.dataSource, world.organisationId, 'Team Zuid');
    const coachB = await createUser(testApp, world.organisationId, 'jobcoach', { teamId: otherTeam });
    const [{ team_id: teamA }] = await testApp.dataSource.query('SELECT team_id FROM membership WHERE id = $1', [world.coach.membershipId]);
    const answers: Array<[string, string, number, string]> = [
      // coach A, 2026: 8 (participant), 6 (employer), 5 (participant): 19 / 3 = 6.33, below 6.5
      [world.coach.membershipId, 'participant', 8, '2026-03-10T10:00:00Z'],
      [world.coach.membershipId, 'employer_contact', 6, '2026-06-10T10:00:00Z'],
      [world.coach.membershipId, 'participant', 5, '2026-12-31T22:30:00Z'], // 23:30 on 31 December in Amsterdam: still 2026
      // coach A, 2027 (Dutch time: 00:30 on 1 January): not in 2026
      [world.coach.membershipId, 'participant', 2, '2026-12-31T23:30:00Z'],
      // coach B, 2026: 9 and 7: 8.00
      [coachB.membershipId, 'participant', 9, '2026-04-01T10:00:00Z'],
      [coachB.membershipId, 'employer_contact', 7, '2026-05-01T10:00:00Z'],
    ];
    for (const [index, [coach, respondent, score, at]] of answers.entries()) {
      await testApp.dataSource.query(
        `INSERT INTO survey_invitation (organisation_id, placement_id, participant_id, employer_id, coach_membership_id, respondent,
                                        moment_months, due_on, expires_at, created_at, answered_at, score)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-03-01', $8, $8, $8, $9)`,
        [world.organisationId, world.placementId, world.participantId, world.employerId, coach, respondent, index + 1, at, score],
      );
    }
    testApp.clock.set('2027-01-15T09:00:00Z');
    await renewSession(testApp, admin);
    // The default minimum number of answers (5) hides coach A (3), coach B (2) and the split averages (3 and 2); the
    // organisation's average stays, as the hidden coaches together gave 5 answers. Then, with a minimum of 1, every figure.
    const hidden = await http().get('/v1/survey-averages?year=2026').set(admin.auth);
    expect(hidden.status).toBe(200);
    expect(hidden.body.minimumAnswers).toBe(5);
    expect(hidden.body.organisation).toEqual({
      responses: 5,
      average: 7,
      participantAverage: null,
      employerAverage: null,
      tooFewAnswers: false,
      belowThreshold: false,
    });
    for (const coach of hidden.body.coaches)
      expect(coach).toMatchObject({ average: null, participantAverage: null, employerAverage: null, tooFewAnswers: true });
    // 2027: one answer, the trial's case: nothing that points at it, neither the coach's nor the organisation's average.
    const single = await http().get('/v1/survey-averages?year=2027').set(admin.auth);
    expect(single.body.organisation).toMatchObject({ responses: 1, average: null, tooFewAnswers: true, belowThreshold: false });
    expect(single.body.coaches).toEqual([expect.objectContaining({ responses: 1, average: null, tooFewAnswers: true })]);
    const hiddenPage = await http().get('/portal/survey-results?year=2026').set('Cookie', `wb_session=${admin.token}`);
    expect(hiddenPage.text).not.toContain('6,33');
    expect(hiddenPage.text).toContain('Niet getoond: minder dan 5 antwoorden');
    const lower = await http().post('/v1/rule-parameters').set(admin.auth).send({
      key: 'surveyMinimumAnswers',
      valueNumber: 1,
      validFrom: '2026-01-01',
      source: 'Besluit managementteam, 10 januari 2027',
    });
    expect(lower.status).toBe(201);
    const response = await http().get('/v1/survey-averages?year=2026').set(admin.auth);
    expect(response.status).toBe(200);
    expect(response.body.threshold).toBe(6.5);
    expect(response.body.organisation).toEqual({
      responses: 5,
      average: 7, // 35 / 5
      participantAverage: 7.33, // 22 / 3
      employerAverage: 6.5, // 13 / 2
      tooFewAnswers: false,
      belowThreshold: false,
    });
    const byCoach = Object.fromEntries(response.body.coaches.map((row: { coachMembershipId: string }) => [row.coachMembershipId, row]));
    expect(byCoach[world.coach.membershipId]).toMatchObject({
      responses: 3,
      average: 6.33,
      participantAverage: 6.5,
      employerAverage: 6,
      belowThreshold: true,
    });
    expect(byCoach[coachB.membershipId]).toMatchObject({
      responses: 2,
      average: 8,
      participantAverage: 9,
      employerAverage: 7,
      belowThreshold: false,
    });
    const next = await http().get('/v1/survey-averages?year=2027').set(admin.auth);
    expect(next.body.organisation).toMatchObject({ responses: 1, average: 2, belowThreshold: true });

    const lead = await createUser(testApp, world.organisationId, 'team_lead', { teamId: teamA });
    const leads = await http().get('/v1/survey-averages?year=2026').set(lead.auth);
    expect(leads.body.coaches.map((row: { coachMembershipId: string }) => row.coachMembershipId)).toEqual([world.coach.membershipId]);
    await renewSession(testApp, world.coach);
    expect((await http().get('/v1/survey-averages').set(world.coach.auth)).status).toBe(403);
    const bad = await http().get('/v1/survey-averages?year=twintig').set(admin.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams?.[0]?.name).toBe('year');

    const page = await http().get('/portal/survey-results?year=2026').set('Cookie', `wb_session=${admin.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('6,33');
    expect(page.text).toContain('Lager dan UWV vraagt');
    expect(page.text).toContain('ten minste 6,5');
  });

  it('lets an admin set the moments (API and page); bad input names the field', async () => {
    const defaults = await http().get('/v1/survey-settings').set(admin.auth);
    expect(defaults.body).toEqual({ momentMonths: [3, 12], repeatEveryMonths: 12, isDefault: true });
    const bad = await http()
      .put('/v1/survey-settings')
      .set(admin.auth)
      .send({ momentMonths: [0], repeatEveryMonths: 12 });
    expect(bad.status).toBe(400);
    expect(String(bad.headers['content-type'])).toContain('application/problem+json');
    expect(bad.body.invalidParams.map((param: { name: string }) => param.name)).toContain('momentMonths');
    const saved = await http()
      .put('/v1/survey-settings')
      .set(admin.auth)
      .send({ momentMonths: [6], repeatEveryMonths: 0 });
    expect(saved.body).toEqual({ momentMonths: [6], repeatEveryMonths: 0, isDefault: false });
    expect(
      (
        await http()
          .put('/v1/survey-settings')
          .set(world.coach.auth)
          .send({ momentMonths: [6], repeatEveryMonths: 0 })
      ).status,
    ).toBe(403);

    await runSurveyJobAt('2026-05-04T09:00:00Z');
    expect(await invitations()).toEqual([]);
    await runSurveyJobAt('2026-08-03T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([6, 6]);
    await runSurveyJobAt('2027-08-03T09:00:00Z');
    expect(await invitations()).toHaveLength(2);

    // The page: a form with the current moments; a wrong value is shown at its field.
    await renewSession(testApp, admin);
    const cookie = `wb_session=${admin.token}`;
    const page = await http().get('/portal/admin/surveys').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="6"');
    const wrong = await http()
      .post('/portal/admin/surveys')
      .set(admin.auth)
      .type('form')
      .send({ momentMonths: '3, drie', repeatEveryMonths: '12' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('href="#field-momentMonths"');
    const ok = await http()
      .post('/portal/admin/surveys')
      .set(admin.auth)
      .type('form')
      .send({ momentMonths: '3, 12', repeatEveryMonths: '12' });
    expect(ok.status).toBe(303);
    expect((await http().get('/v1/survey-settings').set(admin.auth)).body.momentMonths).toEqual([3, 12]);
    // Saving queued a run of the survey job; it finishes before the next test resets the database.
    await waitForQueuesToDrain(testApp);
  });

  it('sends the surveys that became due soon after an admin changes the moments: one queued job per organisation and minute', async () => {
    // 1 April: two months into the contract. With the default moments (3 and 12) nothing is due yet.
    testApp.clock.set('2026-04-01T09:00:00Z');
    await renewSession(testApp, admin);
    const settings = { momentMonths: [1, 12], repeatEveryMonths: 12 };
    for (let save = 0; save < 2; save++) {
      expect((await http().put('/v1/survey-settings').set(admin.auth).send(settings)).status).toBe(200);
    }
    // Saved twice in one minute: one job, whose id names the organisation and the minute.
    const queue = testApp.queues.queue(JOB_QUEUES[JobName.SurveysSendDue]);
    const jobId = jobIdFor(JobName.SurveysSendDue, surveySettingsJobKey(world.organisationId, '2026-04-01T09:00'));
    expect((await queue.getJob(jobId))?.name).toBe(JobName.SurveysSendDue);
    const settingsJobs = (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed'])).filter((job) =>
      String(job.id).startsWith(jobIdFor(JobName.SurveysSendDue, surveySettingsJobKey(world.organisationId, ''))),
    );
    expect(settingsJobs).toHaveLength(1);

    // The worker runs it: the 1-month survey, now due, is sent without waiting for the hourly run.
    await waitForQueuesToDrain(testApp);
    expect((await invitations()).map((row) => [row.moment_months, row.respondent])).toEqual([
      [1, 'employer_contact'],
      [1, 'participant'],
    ]);
    expect((await surveyMails()).map((mail) => [mail.template, mail.status])).toEqual([
      ['survey-employer', 'sent'],
      ['survey-participant', 'sent'],
    ]);
  });

  it('says the whole months worked when it is sent late, and asks nobody again within the minimum interval after changed moments', async () => {
    // 4 November: nine months into the contract (2 February). The latest due moment is 3; the mail says 9 months.
    await runSurveyJobAt('2026-11-04T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([3, 3]);
    const participantMail = await mailFor('survey-participant');
    expect(participantMail.text).toContain('U werkt nu 9 maanden.');
    expect(participantMail.text).not.toContain('3 maanden');
    expect((await mailFor('survey-employer')).text).toContain('werkt nu 9 maanden bij u');

    // Minutes later an admin adds a 6-month moment: the queued run sends nothing, the last survey is too recent.
    testApp.clock.set('2026-11-04T09:05:00Z');
    await renewSession(testApp, admin);
    expect(
      (
        await http()
          .put('/v1/survey-settings')
          .set(admin.auth)
          .send({ momentMonths: [3, 6], repeatEveryMonths: 12 })
      ).status,
    ).toBe(200);
    await waitForQueuesToDrain(testApp);
    expect(await invitations()).toHaveLength(2);
    expect(await surveyMails()).toHaveLength(2);

    // The interval is the dated rule parameter surveyMinIntervalMonths (Werkbrug default 2): one day short, still nothing.
    await runSurveyJobAt('2027-01-03T09:00:00Z');
    expect(await invitations()).toHaveLength(2);
    // Two months after the last survey the 6-month survey goes out, once.
    await runSurveyJobAt('2027-01-04T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([3, 3, 6, 6]);
    expect((await mailFor('survey-participant')).text).toContain('U werkt nu 11 maanden.');
  });

  it('uses the organisation’s own minimum interval between two surveys when it set one', async () => {
    await runSurveyJobAt('2026-11-04T09:00:00Z');
    await renewSession(testApp, admin);
    const own = await http().post('/v1/rule-parameters').set(admin.auth).send({
      key: 'surveyMinIntervalMonths',
      valueNumber: 1,
      validFrom: '2026-11-01',
      source: 'Besluit managementteam, 2 november 2026',
    });
    expect(own.status).toBe(201);
    expect(
      (
        await http()
          .put('/v1/survey-settings')
          .set(admin.auth)
          .send({ momentMonths: [3, 6], repeatEveryMonths: 12 })
      ).status,
    ).toBe(200);
    await waitForQueuesToDrain(testApp);
    await runSurveyJobAt('2026-12-03T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([3, 3]);
    await runSurveyJobAt('2026-12-04T09:00:00Z');
    expect((await invitations()).map((row) => row.moment_months)).toEqual([3, 3, 6, 6]);
  });

  it('keeps organisations apart', async () => {
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    const elsewhere = await createOrganisation(testApp.dataSource, 'Elders');
    const otherAdmin = await createUser(testApp, elsewhere.id, 'admin');
    const otherParticipantId = await createParticipant(testApp.dataSource, elsewhere.id, null, ['Piet', 'Jansen']);
    const otherParticipant = await createUser(testApp, elsewhere.id, 'participant', { participantId: otherParticipantId });
    const otherEmployer = await createUser(testApp, elsewhere.id, 'employer_user', {
      employerId: await createEmployer(testApp.dataSource, elsewhere.id),
    });
    const [{ id }] = await testApp.dataSource.query("SELECT id FROM survey_invitation WHERE respondent = 'participant'");
    await testApp.dataSource.query("UPDATE survey_invitation SET answered_at = now(), score = 3 WHERE respondent = 'employer_contact'");

    expect((await http().get(`/portal/surveys/${id}`).set(otherParticipant.auth)).status).toBe(404);
    expect((await http().post(`/portal/surveys/${id}`).set(otherParticipant.auth).type('form').send({ score: '1' })).status).toBe(404);
    expect((await http().get(`/portal/surveys/${id}`).set(otherEmployer.auth)).status).toBe(404);
    const averages = await http().get('/v1/survey-averages?year=2026').set(otherAdmin.auth);
    expect(averages.body.organisation.responses).toBe(0);
    expect(averages.body.coaches).toEqual([]);
    expect((await service().latestScoresForPlacements(elsewhere.id, [world.placementId])).size).toBe(0);
    expect((await service().openFor({ ...toActor(otherParticipant), participantId: otherParticipantId })).length).toBe(0);
    const [{ score }] = await testApp.dataSource.query("SELECT score FROM survey_invitation WHERE respondent = 'participant'");
    expect(score).toBeNull();
  });

  it('never asks a participant who opted out of contact, nor the employer without the consent to disclose the support', async () => {
    await testApp.dataSource.query('UPDATE placement SET participant_opted_out_at = now() WHERE id = $1', [world.placementId]);
    await testApp.dataSource.query("UPDATE consent SET withdrawn_at = now() WHERE purpose = 'disclose_support_organisation'");
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    expect(await invitations()).toEqual([]);
    expect(await surveyMails()).toEqual([]);
  });

  it('stops the employer’s link when the participant withdraws the consent to disclose the support', async () => {
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    const employer = linkIn(await mailFor('survey-employer'));
    await renewSession(testApp, world.participant);
    const [consent] = await testApp.dataSource.query("SELECT id FROM consent WHERE purpose = 'disclose_support_organisation'");
    await http().post(`/v1/me/consents/${consent.id}/withdrawal`).set(world.participant.auth).expect(200);
    expect((await http().get(employer.path)).status).toBe(410);
    expect((await answerForm(employer.token, { score: '9' })).status).toBe(410);
    const [row] = await testApp.dataSource.query("SELECT score FROM survey_invitation WHERE respondent = 'employer_contact'");
    expect(row.score).toBeNull();
  });

  it('exports the participant’s own answers, and erasure removes the free text, the open surveys and the links', async () => {
    await runSurveyJobAt('2026-05-04T09:00:00Z');
    const participant = linkIn(await mailFor('survey-participant'));
    const employer = linkIn(await mailFor('survey-employer'));
    await answerForm(participant.token, { score: '7', wentWell: 'Goed geluisterd.', couldBeBetter: 'Sneller terugbellen.' }).expect(200);
    await renewSession(testApp, world.participant);
    const exported = await http().get('/v1/me/data-export').set(world.participant.auth);
    expect(exported.status).toBe(200);
    expect(exported.body.sections.surveys).toEqual([
      expect.objectContaining({ momentMonths: 3, score: 7, wentWell: 'Goed geluisterd.', couldBeBetter: 'Sneller terugbellen.' }),
    ]);

    await renewSession(testApp, admin);
    await http()
      .post(`/v1/participants/${world.participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer (AVG art. 17).', confirmName: 'Fatima El Amrani' })
      .expect((response) => expect(response.status).toBeLessThan(300));
    const rows = await testApp.dataSource.query('SELECT respondent, score, went_well, could_be_better, token_hash FROM survey_invitation');
    expect(rows).toEqual([{ respondent: 'participant', score: 7, went_well: null, could_be_better: null, token_hash: null }]);
    expect((await http().get(participant.path)).status).toBe(410);
    expect((await http().get(employer.path)).status).toBe(410);
    await runSurveyJobAt('2027-02-03T09:00:00Z');
    expect(await invitations()).toHaveLength(1);
  });
});

function toActor(user: TestUser) {
  return {
    userId: user.userId,
    membershipId: user.membershipId,
    organisationId: user.organisationId,
    role: user.role,
    teamId: null,
    employerId: null,
    participantId: null,
    sessionId: 'test',
    via: 'bearer' as const,
    displayName: 'Test',
    locale: 'nl' as const,
  };
}
