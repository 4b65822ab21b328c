import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { JobcoachFundingModule } from '../../src/jobcoach-funding/jobcoach-funding.module.js';
import { createEmployer, createOrganisation, createParticipant, createUser, renewSession, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

interface Contract {
  start: string;
  end?: string;
  type: string;
  hours: number;
}

describe('UWV jobcoach funding: grants, hours and the period report', () => {
  let testApp: TestApp;
  let orgId: string;
  let coach: TestUser;
  let participantId: string;
  let employerId: string;
  let goalId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [JobcoachFundingModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-03-02T09:00:00Z');
    orgId = (await createOrganisation(testApp.dataSource)).id;
    coach = await createUser(testApp, orgId, 'jobcoach');
    participantId = await createParticipant(testApp.dataSource, orgId, coach.membershipId);
    employerId = await createEmployer(testApp.dataSource, orgId);
    [{ id: goalId }] = await testApp.dataSource.query(
      "INSERT INTO trajectory_goal (organisation_id, participant_id, code) VALUES ($1, $2, 'guidance_at_work') RETURNING id",
      [orgId, participantId],
    );
  });
  afterAll(() => testApp.close());

  async function placement(
    contract: Contract = { start: '2026-03-01', type: 'permanent', hours: 24 },
    organisationId = orgId,
    participant = participantId,
    employer = employerId,
  ): Promise<string> {
    const [row] = await testApp.dataSource.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_end, contract_type, hours_per_week)
       SELECT $1, $2, $3, coach_membership_id, 'paid_job', 'contract', $4, $5, $6, $7 FROM participant WHERE id = $2 RETURNING id`,
      [organisationId, participant, employer, contract.start, contract.end ?? null, contract.type, contract.hours],
    );
    return row.id;
  }

  const base = (placementId: string) => `/v1/placements/${placementId}/jobcoach-grants`;
  const post = (path: string, body: object, user = coach) => request(testApp.http).post(path).set(user.auth).send(body);
  const get = (path: string, user = coach) => request(testApp.http).get(path).set(user.auth);

  async function grantedGrant(placementId: string, hoursGranted: number, periodStart = '2026-03-01'): Promise<string> {
    const requested = await post(base(placementId), { requestedOn: '2026-02-20', periodStart });
    expect(requested.status).toBe(201);
    const decided = await post(`${base(placementId)}/${requested.body.id}/decision`, {
      status: 'granted',
      decidedOn: '2026-02-27',
      hoursGranted,
    });
    expect(decided.status).toBe(200);
    return requested.body.id;
  }

  it('grants per period of at most six months, without overlap and within three years', async () => {
    const id = await placement();
    const tooLong = await post(base(id), { requestedOn: '2026-02-20', periodStart: '2026-03-01', periodEnd: '2026-09-01' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.invalidParams[0]).toEqual({
      name: 'periodEnd',
      reason: 'a jobcoach grant covers at most 6 months (until 2026-08-31)',
    });

    const first = await post(base(id), { requestedOn: '2026-02-20', periodStart: '2026-03-01' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'requested',
      periodStart: '2026-03-01',
      periodEnd: '2026-08-31',
      hoursGranted: null,
      hoursUsed: 0,
      hoursLeft: null,
      warnings: [],
    });

    const overlap = await post(base(id), { requestedOn: '2026-02-20', periodStart: '2026-08-01' });
    expect(overlap.status).toBe(422);
    expect(overlap.body.invalidParams[0].name).toBe('periodStart');
    expect((await post(base(id), { requestedOn: '2026-07-20', periodStart: '2026-09-01' })).status).toBe(201);
    const beyondThreeYears = await post(base(id), { requestedOn: '2028-12-20', periodStart: '2029-01-01' });
    expect(beyondThreeYears.status).toBe(422);
    expect(beyondThreeYears.body.invalidParams[0]).toEqual({
      name: 'periodEnd',
      reason: 'jobcoaching is granted for at most 3 years from the first period (until 2029-02-28)',
    });

    const noHours = await post(`${base(id)}/${first.body.id}/decision`, { status: 'granted', decidedOn: '2026-02-27' });
    expect(noHours.status).toBe(422);
    expect(noHours.body.invalidParams[0].name).toBe('hoursGranted');
    const granted = await post(`${base(id)}/${first.body.id}/decision`, { status: 'granted', decidedOn: '2026-02-27', hoursGranted: 40 });
    expect(granted.body).toMatchObject({ status: 'granted', decidedOn: '2026-02-27', hoursGranted: 40, hoursLeft: 40 });
    expect(
      (await post(`${base(id)}/${first.body.id}/decision`, { status: 'refused', decidedOn: '2026-02-28', reason: 'Toch niet' })).status,
    ).toBe(409);

    const list = await get(base(id));
    expect(list.body.map((grant: { periodStart: string; status: string }) => [grant.periodStart, grant.status])).toEqual([
      ['2026-03-01', 'granted'],
      ['2026-09-01', 'requested'],
    ]);
  });

  it('warns, without refusing, when UWV is known to refuse the contract, and gives the coach a task', async () => {
    const id = await placement({ start: '2026-03-01', end: '2026-05-31', type: 'zero_hours', hours: 10 });
    const response = await post(base(id), { requestedOn: '2026-02-20', periodStart: '2026-03-01' });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('requested');
    expect(response.body.warnings.map((warning: { code: string }) => warning.code)).toEqual([
      'contract_type_refused',
      'contract_shorter_than_6_months',
      'under_12_hours',
    ]);
    expect(response.body.warnings[2].en).toContain('exception from 8 hours with a wage value of at least 20%');
    const tasks = await testApp.dataSource.query(
      "SELECT assignee_membership_id FROM coach_task WHERE kind = 'jobcoach_contract_warning' AND placement_id = $1",
      [id],
    );
    expect(tasks).toEqual([{ assignee_membership_id: coach.membershipId }]);
  });

  it('registers hours only within a granted period, with a justification, and never beyond the grant', async () => {
    const id = await placement();
    const pending = await post(base(id), { requestedOn: '2026-02-20', periodStart: '2026-03-01' });
    const entry = {
      workedOn: '2026-03-02',
      hours: 6,
      justification: 'Werkplekbezoek: takenlijst inpakafdeling opgesteld',
      goalIds: [goalId],
    };
    const notGranted = await post(`${base(id)}/${pending.body.id}/hours`, entry);
    expect(notGranted.status).toBe(422);
    expect(notGranted.body.invalidParams[0].name).toBe('grantId');

    await post(`${base(id)}/${pending.body.id}/decision`, { status: 'granted', decidedOn: '2026-02-27', hoursGranted: 10 });
    const grant = pending.body.id;
    const before = await post(`${base(id)}/${grant}/hours`, { ...entry, workedOn: '2026-02-27' });
    expect(before.status).toBe(422);
    expect(before.body.invalidParams[0]).toEqual({
      name: 'workedOn',
      reason: 'must be within the granted period (2026-03-01 to 2026-08-31)',
    });
    expect((await post(`${base(id)}/${grant}/hours`, { ...entry, workedOn: '2026-03-10' })).body.invalidParams[0]).toEqual({
      name: 'workedOn',
      reason: 'must not be in the future',
    });
    const short = await post(`${base(id)}/${grant}/hours`, { ...entry, justification: 'te kort' });
    expect(short.status).toBe(400);
    expect(short.body.invalidParams[0].name).toBe('justification');

    expect((await post(`${base(id)}/${grant}/hours`, entry)).status).toBe(201);
    const beyond = await post(`${base(id)}/${grant}/hours`, { ...entry, hours: 5 });
    expect(beyond.status).toBe(422);
    expect(beyond.body.invalidParams[0]).toEqual({ name: 'hours', reason: 'would exceed the 10 hours granted: 6 are registered, 4 left' });
    expect((await post(`${base(id)}/${grant}/hours`, { ...entry, hours: 4 })).status).toBe(201);
    const hours = await get(`${base(id)}/${grant}/hours`);
    expect(hours.body.map((row: { hours: number }) => row.hours)).toEqual([6, 4]);
    expect((await get(base(id))).body[0]).toMatchObject({ hoursUsed: 10, hoursLeft: 0 });
  });

  it('never lets concurrent registrations add up to more than granted', async () => {
    const id = await placement();
    const grant = await grantedGrant(id, 10);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        post(`${base(id)}/${grant}/hours`, {
          workedOn: '2026-03-02',
          hours: 3,
          justification: `Begeleiding op de werkvloer, ronde ${index + 1}`,
          goalIds: [goalId],
        }),
      ),
    );
    const statuses = attempts.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422, 422, 422]);
    for (const refused of attempts.filter((response) => response.status === 422)) expect(refused.body.invalidParams[0].name).toBe('hours');
    const [{ total }] = await testApp.dataSource.query('SELECT SUM(hours)::float AS total FROM jobcoach_hours WHERE grant_id = $1', [
      grant,
    ]);
    expect(total).toBe(9);
  });

  it('reports hours per month with justifications against the grant, and nothing medical or private', async () => {
    await testApp.dataSource.query("UPDATE participant SET private_notes = 'enc1.x.y.z.geheim' WHERE id = $1", [participantId]);
    await testApp.dataSource.query(
      "INSERT INTO participant_profile (participant_id, organisation_id, benefit_type, limitation_kind, private_notes, target_group_register_status) VALUES ($1, $2, 'wajong', 'mental', 'diagnose autisme', 'registered')",
      [participantId, orgId],
    );
    const id = await placement();
    const grant = await grantedGrant(id, 40);
    await post(`${base(id)}/${grant}/hours`, {
      workedOn: '2026-03-02',
      hours: 2.5,
      justification: 'Kennismaking met leidinggevende en collega’s',
      goalIds: [goalId],
    });
    testApp.clock.set('2026-04-20T09:00:00Z');
    await renewSession(testApp, coach);
    await post(`${base(id)}/${grant}/hours`, {
      workedOn: '2026-04-14',
      hours: 3,
      justification: 'Werkplekbezoek: takenlijst inpakafdeling opgesteld',
      goalIds: [goalId],
    });
    await post(`${base(id)}/${grant}/hours`, {
      workedOn: '2026-04-20',
      hours: 1.25,
      justification: 'Telefonisch overleg met leidinggevende over rooster',
      goalIds: [goalId],
    });

    const report = await get(`${base(id)}/${grant}/report`);
    expect(report.status).toBe(200);
    const GOAL = 'Begeleiding op de werkplek';
    expect(report.body).toEqual({
      grantId: grant,
      // Whom the report is about, as UWV's form asks: names only.
      organisationName: 'WerkFit Utrecht',
      employerName: 'Bakkerij De Korenschoof',
      participantName: 'Fatima El Amrani',
      status: 'granted',
      periodStart: '2026-03-01',
      periodEnd: '2026-08-31',
      hoursGranted: 40,
      hoursUsed: 6.75,
      hoursLeft: 33.25,
      months: [
        {
          month: '2026-03',
          hours: 2.5,
          entries: [
            {
              workedOn: '2026-03-02',
              hours: 2.5,
              justification: 'Kennismaking met leidinggevende en collega’s',
              goals: [GOAL],
              agreements: [],
            },
          ],
        },
        {
          month: '2026-04',
          hours: 4.25,
          entries: [
            {
              workedOn: '2026-04-14',
              hours: 3,
              justification: 'Werkplekbezoek: takenlijst inpakafdeling opgesteld',
              goals: [GOAL],
              agreements: [],
            },
            {
              workedOn: '2026-04-20',
              hours: 1.25,
              justification: 'Telefonisch overleg met leidinggevende over rooster',
              goals: [GOAL],
              agreements: [],
            },
          ],
        },
        { month: '2026-05', hours: 0, entries: [] },
        { month: '2026-06', hours: 0, entries: [] },
        { month: '2026-07', hours: 0, entries: [] },
        { month: '2026-08', hours: 0, entries: [] },
      ],
      goals: [{ goalId, code: 'guidance_at_work', name: GOAL, hours: 6.75 }],
      agreements: [],
      hoursWithoutReason: 0,
    });
    const text = JSON.stringify(report.body);
    for (const forbidden of ['wajong', 'benefit', 'mental', 'limitation', 'diagnose', 'autisme', 'geheim', 'privateNotes', participantId]) {
      expect(text).not.toContain(forbidden);
    }
    const audit = await testApp.dataSource.query("SELECT subject_participant_id FROM audit_event WHERE resource_type = 'jobcoach_report'");
    expect(audit).toEqual([{ subject_participant_id: participantId }]);
  });

  it('answers 404 for another organisation’s placement and for a grant of another placement', async () => {
    const id = await placement();
    const grant = await grantedGrant(id, 10);
    const otherOrg = (await createOrganisation(testApp.dataSource, 'Ander')).id;
    const otherCoach = await createUser(testApp, otherOrg, 'admin');
    expect((await get(base(id), otherCoach)).status).toBe(404);
    expect((await get(`${base(id)}/${grant}/report`, otherCoach)).status).toBe(404);
    expect(
      (
        await post(
          `${base(id)}/${grant}/hours`,
          { workedOn: '2026-03-02', hours: 1, justification: 'Poging van buiten de organisatie', goalIds: [goalId] },
          otherCoach,
        )
      ).status,
    ).toBe(404);

    const secondParticipant = await createParticipant(testApp.dataSource, orgId, coach.membershipId, ['Joost', 'Verhoeven']);
    const secondPlacement = await placement(undefined, orgId, secondParticipant);
    expect((await get(`${base(secondPlacement)}/${grant}/report`)).status).toBe(404);
    expect(
      (
        await post(`${base(secondPlacement)}/${grant}/hours`, {
          workedOn: '2026-03-02',
          hours: 1,
          justification: 'Verkeerde plaatsing gekozen',
          goalIds: [goalId],
        })
      ).status,
    ).toBe(404);
    expect((await get(`${base(id)}/${randomUUID()}/hours`)).status).toBe(404);
    expect((await get(`${base(id)}/not-a-uuid/hours`)).status).toBe(400);
    const employerUser = await createUser(testApp, orgId, 'employer_user', { employerId });
    expect((await get(base(id), employerUser)).status).toBe(403);
  });
});
