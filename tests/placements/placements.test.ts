import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createTeam,
  createUser,
  renewSession,
  type TestUser,
} from '../support/fixtures.js';
import { createTestApp, queueBackends, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

describe.each(queueBackends())('placements, wage value and subsidy (queue on %s)', (backend) => {
  let testApp: TestApp;
  let coach: TestUser;
  let admin: TestUser;
  let employerUser: TestUser;
  let participantId: string;
  let employerId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ queue: backend, env: { QUEUE_BACKOFF_MS: '50' } });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-03-02T09:00:00Z');
    const organisation = await createOrganisation(testApp.dataSource);
    const team = await createTeam(testApp.dataSource, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    admin = await createUser(testApp, organisation.id, 'admin');
    participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
    employerId = await createEmployer(testApp.dataSource, organisation.id);
    employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
  });
  afterAll(() => testApp.close());

  const post = (path: string, body: object, user = coach) => request(testApp.http).post(path).set(user.auth).send(body);
  const put = (path: string, body: object, user = coach) => request(testApp.http).put(path).set(user.auth).send(body);

  async function trial(extra: object = {}): Promise<string> {
    const response = await post('/v1/placements', {
      participantId,
      employerId,
      type: 'paid_job',
      trialStart: '2026-03-02',
      employerContactName: 'Karin',
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  it('lists the placements the coach may see, one page at a time', async () => {
    const id = await trial();
    const response = await request(testApp.http).get('/v1/placements?pageSize=10').set(coach.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ items: [{ id, status: 'trial' }], page: 1, pageSize: 10, total: 1 });
  });

  describe('trial placement and contract guards', () => {
    it('defaults the trial to two months and allows up to six only with a reason, for illness or disability', async () => {
      const id = await trial();
      expect((await request(testApp.http).get(`/v1/placements/${id}`).set(coach.auth)).body).toMatchObject({
        status: 'trial',
        trialPlannedEnd: '2026-05-01',
      });
      const noReason = await post('/v1/placements', {
        participantId,
        employerId,
        type: 'paid_job',
        trialStart: '2026-03-02',
        trialPlannedEnd: '2026-06-30',
      });
      expect(noReason.status).toBe(422);
      expect(noReason.body.invalidParams[0].name).toBe('trialExtensionReason');
      const tooLong = await post(`/v1/placements/${id}/trial-extensions`, { trialPlannedEnd: '2026-09-02', reason: 'Meer tijd nodig' });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.invalidParams[0]).toEqual({
        name: 'trialPlannedEnd',
        reason: 'a trial placement lasts at most 6 months in total (until 2026-09-01)',
      });
      // A plain WW case: UWV extends only for people with an illness or disability.
      await testApp.dataSource.query(
        "INSERT INTO participant_profile (participant_id, organisation_id, benefit_type) SELECT id, organisation_id, 'WW' FROM participant WHERE id = $1",
        [participantId],
      );
      const plainWw = await post(`/v1/placements/${id}/trial-extensions`, { trialPlannedEnd: '2026-09-01', reason: 'Meer tijd nodig' });
      expect(plainWw.status).toBe(422);
      expect(plainWw.headers['content-type']).toContain('application/problem+json');
      expect(plainWw.body).toMatchObject({ rule: 'trial-extension-only-for-illness-or-disability' });
      expect(plainWw.body.detail).toContain('trial-extension-only-for-illness-or-disability');
      expect(plainWw.body.invalidParams[0].name).toBe('trialPlannedEnd');
      await testApp.dataSource.query("UPDATE participant_profile SET limitation_kind = 'physical' WHERE participant_id = $1", [
        participantId,
      ]);
      const extended = await post(`/v1/placements/${id}/trial-extensions`, {
        trialPlannedEnd: '2026-09-01',
        reason: 'Meer tijd nodig om het tempo op te bouwen',
      });
      expect(extended.status).toBe(201);
      expect(extended.body.trialPlannedEnd).toBe('2026-09-01');
    });

    it('refuses a trial that starts before the UWV decision and dates in impossible order', async () => {
      const early = await post('/v1/placements', {
        participantId,
        employerId,
        type: 'paid_job',
        trialStart: '2026-03-02',
        uwvDecisionOn: '2026-03-10',
      });
      expect(early.status).toBe(422);
      expect(early.body.invalidParams[0].name).toBe('trialStart');
      const id = await trial();
      const endBeforeStart = await put(`/v1/placements/${id}/contract`, {
        contractStart: '2026-05-01',
        contractType: 'fixed_term',
        hoursPerWeek: 24,
        contractEnd: '2026-04-01',
      });
      expect(endBeforeStart.status).toBe(422);
      expect(endBeforeStart.body.invalidParams[0].name).toBe('contractEnd');
      const beforeTrial = await put(`/v1/placements/${id}/contract`, {
        contractStart: '2026-02-01',
        contractType: 'permanent',
        hoursPerWeek: 24,
      });
      expect(beforeTrial.status).toBe(422);
    });

    it('allows no contract after a trial that ended without a match', async () => {
      const id = await trial();
      expect((await post(`/v1/placements/${id}/trial-outcome`, { outcome: 'no_match', evaluation: 'Het werk paste niet.' })).status).toBe(
        201,
      );
      const contract = await put(`/v1/placements/${id}/contract`, {
        contractStart: '2026-05-04',
        contractType: 'permanent',
        hoursPerWeek: 20,
      });
      expect(contract.status).toBe(422);
      expect(contract.body.invalidParams[0]).toEqual({
        name: 'contractStart',
        reason: 'the trial placement ended without a match; there can be no contract after it',
      });
      const [row] = await testApp.dataSource.query('SELECT status, contract_start FROM placement WHERE id = $1', [id]);
      expect(row).toEqual({ status: 'no_match', contract_start: null });
    });

    it('warns when contract hours exceed the assessed capacity and asks the coach to discuss the benefit', async () => {
      await testApp.dataSource.query(
        "INSERT INTO participant_capacity (organisation_id, participant_id, assessed_on, hours_per_day, hours_per_week) SELECT organisation_id, id, '2026-01-10', 5, 24 FROM participant WHERE id = $1",
        [participantId],
      );
      const id = await trial();
      const contract = await put(`/v1/placements/${id}/contract`, {
        contractStart: '2026-05-04',
        contractType: 'permanent',
        hoursPerWeek: 32,
        grossHourlyWage: 14.71,
      });
      expect(contract.status).toBe(200);
      expect(contract.body.status).toBe('contract');
      expect(contract.body.warnings).toEqual([expect.objectContaining({ code: 'hours_above_capacity' })]);
      const tasks = await testApp.dataSource.query(
        'SELECT kind, assignee_membership_id FROM coach_task WHERE placement_id = $1 ORDER BY kind',
        [id],
      );
      expect(tasks).toEqual([
        { kind: 'discuss_benefit_effect', assignee_membership_id: coach.membershipId },
        { kind: 'hours_above_capacity', assignee_membership_id: coach.membershipId },
      ]);
      const same = await put(`/v1/placements/${id}/contract`, {
        contractStart: '2026-05-04',
        contractType: 'permanent',
        hoursPerWeek: 32,
        grossHourlyWage: 14.71,
      });
      expect(same.body.warnings).toEqual([]);
      expect((await testApp.dataSource.query('SELECT count(*)::int AS n FROM coach_task WHERE placement_id = $1', [id]))[0].n).toBe(2);
    });
  });

  describe('wage value and wage-cost subsidy', () => {
    async function contracted(hoursPerWeek = 24, wage = 14.71): Promise<string> {
      const id = await trial();
      expect(
        (
          await put(`/v1/placements/${id}/contract`, {
            contractStart: '2026-05-01',
            contractType: 'permanent',
            hoursPerWeek,
            grossHourlyWage: wage,
          })
        ).status,
      ).toBe(200);
      return id;
    }

    it('sets the next re-assessment from the organisation interval, and a task at 100%', async () => {
      const id = await contracted();
      const assessment = await post(`/v1/placements/${id}/wage-value-assessments`, {
        assessorName: 'J. de Boer',
        assessedOn: '2026-04-20',
        percentage: 50,
        referenceJob: 'Productiemedewerker',
        method: 'Dariuz',
      });
      expect(assessment.status).toBe(201);
      expect(assessment.body.nextReassessmentOn).toBe('2027-04-20');
      expect(
        (
          await post(
            '/v1/rule-parameters',
            { key: 'reassessmentIntervalMonths', valueNumber: 6, validFrom: '2026-06-01', source: 'Besluit MT 2026' },
            admin,
          )
        ).status,
      ).toBe(201);
      const full = await post(`/v1/placements/${id}/wage-value-assessments`, {
        assessorName: 'J. de Boer',
        assessedOn: '2026-06-15',
        percentage: 100,
        referenceJob: 'Productiemedewerker',
        method: 'Dariuz',
      });
      expect(full.body.nextReassessmentOn).toBe('2026-12-15');
      const kinds = await testApp.dataSource.query(
        "SELECT kind FROM coach_task WHERE placement_id = $1 AND kind LIKE 'wage_value%' ORDER BY kind",
        [id],
      );
      expect(kinds.map((row: { kind: string }) => row.kind)).toEqual(['wage_value_full', 'wage_value_reassessment']);
    });

    it('calculates a month at the minimum wage and 50% wage value as 0.5 x 1.08 x WML x 1.235, explained', async () => {
      const id = await contracted(24, 14.71);
      await post(`/v1/placements/${id}/wage-value-assessments`, {
        assessorName: 'J. de Boer',
        assessedOn: '2026-04-20',
        percentage: 50,
        referenceJob: 'Productiemedewerker',
        method: 'Dariuz',
      });
      const response = await request(testApp.http).get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-05`).set(coach.auth);
      expect(response.status).toBe(200);
      // 24 h/week x 52 / 12 = 104 h/month; WML 14.71 x 104 = 1,529.84; x 1.08 = 1,652.2272
      // 50% wage value of the same = 826.1136; x 1.235 allowance = 1,020.25 (rounded once)
      expect(response.body.amountCents).toBe(102025);
      expect(response.body.reported).toBe(false);
      expect(response.body.parametersUsed.map((p: { key: string }) => p.key)).toEqual(
        expect.arrayContaining(['minimumWagePerHour', 'holidayPayRate', 'employerCostAllowanceRate', 'subsidyCapRate']),
      );
      expect(response.body.explanation.length).toBeGreaterThan(3);
      const missingMonth = await request(testApp.http).get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-13`).set(coach.auth);
      expect(missingMonth.status).toBe(400);
      expect(missingMonth.body.invalidParams[0].name).toBe('month');
    });

    it('keeps a reported month unchanged when a parameter is added later', async () => {
      const id = await contracted(24, 14.71);
      await post(`/v1/placements/${id}/wage-value-assessments`, {
        assessorName: 'J. de Boer',
        assessedOn: '2026-04-20',
        percentage: 50,
        referenceJob: 'Productiemedewerker',
        method: 'Dariuz',
      });
      const reported = await post(`/v1/placements/${id}/subsidy-statements`, { month: '2026-05' });
      expect(reported.status).toBe(201);
      expect((await post(`/v1/placements/${id}/subsidy-statements`, { month: '2026-05' })).status).toBe(409);
      await testApp.dataSource.query(
        "INSERT INTO organisation_rule_parameter (organisation_id, key, value_number, valid_from, source) SELECT organisation_id, 'employerCostAllowanceRate', 0.3, '2026-05-01', 'test' FROM placement WHERE id = $1",
        [id],
      );
      const again = await request(testApp.http).get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-05`).set(coach.auth);
      expect(again.body).toMatchObject({ reported: true, amountCents: reported.body.amountCents });
    });

    it('refuses a granted decision with every broken rule named at once, and writes nothing', async () => {
      const id = await contracted();
      const refused = await post(`/v1/placements/${id}/subsidy-decisions`, {
        status: 'granted',
        appliedOn: '2026-04-20',
        decidedOn: '2026-04-02',
        periodStart: '2026-07-01',
        periodEnd: '2026-05-31',
      });
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.invalidParams).toEqual([
        { name: 'monthlyAmountCents', reason: 'is required for a granted subsidy' },
        { name: 'periodEnd', reason: 'must not be before periodStart' },
        { name: 'decidedOn', reason: 'must not be before appliedOn' },
      ]);
      expect(await testApp.dataSource.query('SELECT id FROM subsidy_decision WHERE placement_id = $1', [id])).toEqual([]);
    });

    it('alerts the coach once when a granted payment has not arrived five days after it was due', async () => {
      const id = await contracted();
      const granted = await post(`/v1/placements/${id}/subsidy-decisions`, {
        status: 'granted',
        appliedOn: '2026-04-02',
        decidedOn: '2026-04-20',
        monthlyAmountCents: 102025,
        periodStart: '2026-05-01',
        periodEnd: '2026-07-31',
      });
      expect(granted.status).toBe(201);
      expect(granted.body.payments.map((p: { month: string; dueOn: string }) => [p.month, p.dueOn])).toEqual([
        ['2026-05', '2026-05-31'],
        ['2026-06', '2026-06-30'],
        ['2026-07', '2026-07-31'],
      ]);
      const [may, june] = granted.body.payments;
      testApp.clock.set('2026-06-04T12:00:00Z');
      await renewSession(testApp, coach);
      expect(await runDueJobs(testApp)).toBe(0);
      expect((await post(`/v1/placements/${id}/subsidy-payments/${june.id}/receipt`, { receivedOn: '2026-06-29' })).status).toBe(200);

      testApp.clock.set('2026-06-05T07:00:00Z');
      expect(await runDueJobs(testApp)).toBe(1);
      await waitForQueuesToDrain(testApp);
      const tasks = await testApp.dataSource.query("SELECT title FROM coach_task WHERE kind = 'subsidy_payment_missing'");
      expect(tasks).toEqual([{ title: 'Wage-cost subsidy for 2026-05 has not arrived' }]);
      const mails = await testApp.dataSource.query("SELECT recipient FROM mail_message WHERE template = 'subsidy-payment-missing'");
      expect(mails).toEqual([{ recipient: coach.email }]);

      testApp.clock.set('2026-07-06T07:00:00Z');
      expect(await runDueJobs(testApp)).toBe(1);
      expect(await testApp.dataSource.query("SELECT title FROM coach_task WHERE kind = 'subsidy_payment_missing'")).toEqual([
        { title: 'Wage-cost subsidy for 2026-05 has not arrived' },
      ]);

      await renewSession(testApp, coach);
      const status = await request(testApp.http).get(`/v1/placements/${id}/subsidy`).set(coach.auth);
      expect(status.body.payments.map((p: { id: string; late: boolean }) => [p.id, p.late])).toEqual([
        [may.id, true],
        [june.id, false],
        [granted.body.payments[2].id, false],
      ]);
    });
  });

  describe("the employer's view", () => {
    it('shows placements only with consent to disclose the support, never private fields, and the no-risk date after two months', async () => {
      await testApp.dataSource.query("UPDATE participant SET private_notes = 'enc1.x.y.z.geheim' WHERE id = $1", [participantId]);
      const id = await trial();
      expect(
        (
          await put(`/v1/placements/${id}/contract`, {
            contractStart: '2026-05-01',
            contractType: 'permanent',
            hoursPerWeek: 24,
            grossHourlyWage: 15,
          })
        ).status,
      ).toBe(200);
      const hidden = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
      expect(hidden.status).toBe(200);
      expect(hidden.body).toEqual([]);

      for (const purpose of ['disclose_support_organisation', 'disclose_target_group']) {
        await testApp.dataSource.query(
          'INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) SELECT organisation_id, id, $4, $2, now(), $3 FROM participant WHERE id = $1',
          [participantId, employerId, coach.userId, purpose],
        );
      }
      testApp.clock.set('2026-06-15T09:00:00Z');
      await renewSession(testApp, employerUser);
      const early = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
      expect(early.body).toHaveLength(1);
      expect(early.body[0]).toMatchObject({
        id,
        employeeName: 'Fatima El Amrani',
        hoursPerWeek: 24,
        noRiskPolicyLastDay: null,
        contactPerson: { email: coach.email },
      });
      const text = JSON.stringify(early.body);
      for (const forbidden of ['privateNotes', 'geheim', 'benefit', 'grossHourlyWage', 'participantId'])
        expect(text).not.toContain(forbidden);

      testApp.clock.set('2026-07-02T09:00:00Z');
      await renewSession(testApp, employerUser);
      const later = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
      expect(later.body[0].noRiskPolicyLastDay).toBe('2031-04-30');
    });
  });
});
