import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CoachDashboardModule } from '../../src/coach-dashboard/coach-dashboard.module.js';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createTeam,
  createUser,
  renewSession,
  type TestUser,
} from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

describe('coach dashboard', () => {
  let testApp: TestApp;
  let organisationId: string;
  let coach: TestUser;
  let colleague: TestUser;
  let lead: TestUser;
  let otherLead: TestUser;
  let employerId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [CoachDashboardModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    // Monday 2 March 2026, 10:00 in Amsterdam.
    testApp.clock.set('2026-03-02T09:00:00Z');
    const organisation = await createOrganisation(testApp.dataSource);
    organisationId = organisation.id;
    const team = await createTeam(testApp.dataSource, organisationId);
    const otherTeam = await createTeam(testApp.dataSource, organisationId, 'Team Zuid');
    coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    colleague = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    lead = await createUser(testApp, organisationId, 'team_lead', { teamId: team });
    otherLead = await createUser(testApp, organisationId, 'team_lead', { teamId: otherTeam });
    employerId = await createEmployer(testApp.dataSource, organisationId);
  });
  afterAll(() => testApp.close());

  const get = (path: string, user: TestUser) => request(testApp.http).get(path).set(user.auth);

  async function placement(
    coachMembershipId: string,
    name: [string, string],
    status = 'aftercare',
    riskFlags: string[] = [],
  ): Promise<{ placementId: string; participantId: string }> {
    const participantId = await createParticipant(testApp.dataSource, organisationId, coachMembershipId, name);
    const [row] = await testApp.dataSource.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, risk_flag_reasons, risk_flag_raised_at)
       VALUES ($1, $2, $3, $4, 'paid_job', $5, $6, CASE WHEN cardinality($6::text[]) > 0 THEN '2026-02-27T10:00:00Z'::timestamptz END) RETURNING id`,
      [organisationId, participantId, employerId, coachMembershipId, status, riskFlags],
    );
    return { placementId: row.id, participantId };
  }

  async function checkin(placementId: string, dueOn: string, status = 'planned', coachMembershipId: string | null = null): Promise<string> {
    const [row] = await testApp.dataSource.query(
      'INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, coalesce($3, (SELECT coach_membership_id FROM placement WHERE id = $2)), $4, $5) RETURNING id',
      [organisationId, placementId, coachMembershipId, dueOn, status],
    );
    return row.id;
  }

  async function helpRequest(
    requester: TestUser,
    participantId: string,
    assignee: string,
    urgency: string,
    createdAt: string,
    extra: { status?: string; escalatedAt?: string } = {},
  ): Promise<string> {
    const [row] = await testApp.dataSource.query(
      `INSERT INTO help_request (organisation_id, requester_user_id, requester_role, participant_id, category, urgency, body, status, assigned_membership_id,
                                 acknowledge_by, escalated_at, created_at)
       VALUES ($1, $2, 'participant', $3, 'work', $4, 'enc1.test', $5, $6, $7::timestamptz + interval '1 day', $8, $7) RETURNING id`,
      [organisationId, requester.userId, participantId, urgency, extra.status ?? 'new', assignee, createdAt, extra.escalatedAt ?? null],
    );
    return row.id;
  }

  it('sorts my check-ins into overdue, due today and this week, with the preparation flag', async () => {
    const anna = await placement(coach.membershipId, ['Anna', 'Bakker']);
    const bram = await placement(coach.membershipId, ['Bram', 'Visser'], 'contract');
    const closed = await placement(coach.membershipId, ['Cees', 'Dekker'], 'closed');
    const notMine = await placement(colleague.membershipId, ['Dirk', 'Smit']);
    const overdue = await checkin(anna.placementId, '2026-02-23');
    const today = await checkin(bram.placementId, '2026-03-02');
    await testApp.dataSource.query(
      "INSERT INTO checkin_preparation (checkin_id, organisation_id, how_are_things, trend, submitted_at) VALUES ($1, $2, 3, 'same', '2026-03-01T18:00:00Z')",
      [today, organisationId],
    );
    const soon = await checkin(anna.placementId, '2026-03-09');
    await checkin(anna.placementId, '2026-03-10'); // beyond seven days
    await checkin(anna.placementId, '2026-02-16', 'done');
    await checkin(closed.placementId, '2026-02-25');
    await checkin(notMine.placementId, '2026-02-25');
    // Reassigned to me for one check-in, on a colleague's placement.
    const covering = await checkin(notMine.placementId, '2026-03-03', 'planned', coach.membershipId);

    const response = await get('/v1/coach/today', coach);
    expect(response.status).toBe(200);
    expect(response.body.today).toBe('2026-03-02');
    const ids = (bucket: Array<{ checkinId: string }>) => bucket.map((row) => row.checkinId);
    expect(ids(response.body.checkins.overdue)).toEqual([overdue]);
    expect(ids(response.body.checkins.dueToday)).toEqual([today]);
    expect(ids(response.body.checkins.upcoming)).toEqual([covering, soon]);
    expect(response.body.checkins.dueToday[0]).toEqual({
      checkinId: today,
      placementId: bram.placementId,
      participantName: 'Bram Visser',
      employerName: 'Bakkerij De Korenschoof',
      dueOn: '2026-03-02',
      prepared: true,
    });
    expect(response.body.checkins.overdue[0].prepared).toBe(false);

    const audited = await testApp.dataSource.query(
      "SELECT subject_participant_id FROM audit_event WHERE actor_user_id = $1 AND action = 'list' AND resource_type = 'coach_today' ORDER BY subject_participant_id",
      [coach.userId],
    );
    expect(audited.map((row: { subject_participant_id: string }) => row.subject_participant_id)).toEqual(
      [anna.participantId, bram.participantId, notMine.participantId].sort(),
    );
  });

  it('uses the Dutch date: late on Monday evening UTC is already Tuesday', async () => {
    const anna = await placement(coach.membershipId, ['Anna', 'Bakker']);
    const tuesday = await checkin(anna.placementId, '2026-03-03');
    testApp.clock.set('2026-03-02T23:30:00Z');
    await renewSession(testApp, coach);
    const response = await get('/v1/coach/today', coach);
    expect(response.body.today).toBe('2026-03-03');
    expect(response.body.checkins.dueToday.map((row: { checkinId: string }) => row.checkinId)).toEqual([tuesday]);
  });

  it('lists my open help requests by urgency then age, my risk flags and handovers of the next 14 days', async () => {
    const anna = await placement(coach.membershipId, ['Anna', 'Bakker'], 'aftercare', ['no_contact', 'lateness']);
    const bram = await placement(coach.membershipId, ['Bram', 'Visser']);
    const requester = await createUser(testApp, organisationId, 'participant', { participantId: anna.participantId });
    const oldNormal = await helpRequest(requester, anna.participantId, coach.membershipId, 'normal', '2026-02-20T09:00:00Z', {
      escalatedAt: '2026-02-23T09:00:00Z',
    });
    const newHigh = await helpRequest(requester, anna.participantId, coach.membershipId, 'high', '2026-03-01T09:00:00Z', {
      status: 'in_progress',
    });
    const oldHigh = await helpRequest(requester, anna.participantId, coach.membershipId, 'high', '2026-02-25T09:00:00Z');
    await helpRequest(requester, anna.participantId, coach.membershipId, 'high', '2026-02-25T09:00:00Z', { status: 'resolved' });
    await helpRequest(requester, anna.participantId, colleague.membershipId, 'high', '2026-02-25T09:00:00Z');
    const insertHandover = (placementId: string, startsAt: string, status = 'scheduled') =>
      testApp.dataSource.query(
        `INSERT INTO handover_meeting (organisation_id, placement_id, status, starts_at, duration_minutes, location, calendar_uid, created_by_user_id, participant_confirmed_at)
         VALUES ($1, $2, $3, $4, 60, 'Bakkerij', gen_random_uuid()::text, $5, '2026-02-28T10:00:00Z') RETURNING id`,
        [organisationId, placementId, status, startsAt, coach.userId],
      );
    const [handover] = await insertHandover(bram.placementId, '2026-03-10T13:00:00Z');
    await insertHandover(anna.placementId, '2026-03-20T13:00:00Z'); // beyond 14 days

    const response = await get('/v1/coach/today', coach);
    expect(response.body.helpRequests.map((row: { id: string }) => row.id)).toEqual([oldHigh, newHigh, oldNormal]);
    expect(response.body.helpRequests[0]).toMatchObject({
      urgency: 'high',
      status: 'new',
      requesterName: 'Anna Bakker',
      late: true,
      escalated: false,
    });
    expect(response.body.helpRequests[2]).toMatchObject({ escalated: true });
    expect(response.body.riskFlags).toEqual([
      {
        placementId: anna.placementId,
        participantName: 'Anna Bakker',
        employerName: 'Bakkerij De Korenschoof',
        reasonCount: 2,
        riskSignals: ['no_contact', 'lateness'],
        lastSignals: [],
        lastCheckinOn: null,
        raisedAt: '2026-02-27T10:00:00.000Z',
        lastContactAt: null,
      },
    ]);
    expect(response.body.handovers).toEqual([
      {
        handoverMeetingId: handover.id,
        placementId: bram.placementId,
        participantName: 'Bram Visser',
        employerName: 'Bakkerij De Korenschoof',
        startsAt: '2026-03-10T13:00:00.000Z',
        participantConfirmed: true,
        employerConfirmed: false,
      },
    ]);
    expect((await get('/v1/coach/today', colleague)).body).toMatchObject({
      riskFlags: [],
      handovers: [],
      checkins: { overdue: [], dueToday: [], upcoming: [] },
    });
  });

  it('gives the team lead counts per coach of the team only', async () => {
    const anna = await placement(coach.membershipId, ['Anna', 'Bakker']);
    await placement(coach.membershipId, ['Bram', 'Visser'], 'contract');
    await createParticipant(testApp.dataSource, organisationId, coach.membershipId, ['Cees', 'Dekker']);
    await checkin(anna.placementId, '2026-02-23');
    await checkin(anna.placementId, '2026-03-02');
    const requester = await createUser(testApp, organisationId, 'participant', { participantId: anna.participantId });
    await helpRequest(requester, anna.participantId, coach.membershipId, 'normal', '2026-02-20T09:00:00Z', {
      escalatedAt: '2026-02-23T09:00:00Z',
    });
    await helpRequest(requester, anna.participantId, coach.membershipId, 'normal', '2026-02-27T09:00:00Z', { status: 'acknowledged' });
    await helpRequest(requester, anna.participantId, coach.membershipId, 'normal', '2026-02-27T09:00:00Z', { status: 'closed' });

    const response = await get('/v1/team/workload', lead);
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.coaches.map((row: { membershipId: string }) => [row.membershipId, row]));
    expect(Object.keys(byId).sort()).toEqual([coach.membershipId, colleague.membershipId, lead.membershipId].sort());
    expect(byId[coach.membershipId]).toMatchObject({
      role: 'jobcoach',
      absentUntil: null,
      caseloadSize: 3,
      placementsInAftercare: 1,
      overdueCheckins: 1,
      openHelpRequests: 2,
      escalatedHelpRequests: 1,
    });
    expect(byId[colleague.membershipId]).toMatchObject({ caseloadSize: 0, openHelpRequests: 0 });
    expect(JSON.stringify(response.body)).not.toContain('Anna');
    expect((await get('/v1/team/workload', otherLead)).body.coaches.map((row: { membershipId: string }) => row.membershipId)).toEqual([
      otherLead.membershipId,
    ]);
    expect((await get('/v1/team/workload', coach)).status).toBe(403);
  });
});
