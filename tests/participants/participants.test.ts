import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createOrganisation, createTeam, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

describe('participants: caseload scoping, encrypted notes, audit log', () => {
  let testApp: TestApp;
  let coach: TestUser;
  let colleague: TestUser;
  let lead: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    const organisation = await createOrganisation(testApp.dataSource);
    const team = await createTeam(testApp.dataSource, organisation.id);
    const otherTeam = await createTeam(testApp.dataSource, organisation.id, 'Team Zuid');
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    colleague = await createUser(testApp, organisation.id, 'jobcoach', { teamId: otherTeam });
    lead = await createUser(testApp, organisation.id, 'team_lead', { teamId: team });
  });
  afterAll(() => testApp.close());

  const create = (user: TestUser, body: Record<string, unknown>) =>
    request(testApp.http).post('/v1/participants').set(user.auth).send(body);

  it('stores coach notes encrypted and shows them to staff only', async () => {
    const created = await create(coach, { firstName: 'Fatima', lastName: 'El Amrani', privateNotes: 'Schuldhulp loopt sinds maart.' });
    expect(created.status).toBe(201);
    expect(created.body.coachMembershipId).toBe(coach.membershipId);
    const [row] = await testApp.dataSource.query('SELECT private_notes FROM participant WHERE id = $1', [created.body.id]);
    expect(row.private_notes).toMatch(/^enc1\./);
    expect(row.private_notes).not.toContain('Schuldhulp');

    const asCoach = await request(testApp.http).get(`/v1/participants/${created.body.id}`).set(coach.auth);
    expect(asCoach.body.privateNotes).toBe('Schuldhulp loopt sinds maart.');
    const self = await createUser(testApp, coach.organisationId, 'participant', { participantId: created.body.id });
    const asSelf = await request(testApp.http).get(`/v1/participants/${created.body.id}`).set(self.auth);
    expect(asSelf.status).toBe(200);
    expect(asSelf.body).not.toHaveProperty('privateNotes');
    expect(JSON.stringify(asSelf.body)).not.toContain('Schuldhulp');
  });

  it('lists and counts only the caseload the policy allows', async () => {
    await create(coach, { firstName: 'Anna', lastName: 'Eigen' });
    await create(coach, { firstName: 'Bram', lastName: 'Eigen' });
    await create(colleague, { firstName: 'Cem', lastName: 'Ander' });
    const mine = await request(testApp.http).get('/v1/participants').set(coach.auth);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((p: { firstName: string }) => p.firstName)).toEqual(['Anna', 'Bram']);
    const team = await request(testApp.http).get('/v1/participants').set(lead.auth);
    expect(team.body.total).toBe(2);
    const search = await request(testApp.http).get('/v1/participants?q=ann').set(coach.auth);
    expect(search.body.items.map((p: { firstName: string }) => p.firstName)).toEqual(['Anna']);
    const tooBig = await request(testApp.http).get('/v1/participants?pageSize=1000').set(coach.auth);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.invalidParams[0].name).toBe('pageSize');
  });

  it('lets a team lead share a participant with another coach, with a reason', async () => {
    const created = await create(coach, { firstName: 'Dirk', lastName: 'Gedeeld' });
    expect((await request(testApp.http).get(`/v1/participants/${created.body.id}`).set(colleague.auth)).status).toBe(404);
    const shared = await request(testApp.http)
      .post(`/v1/participants/${created.body.id}/caseload-shares`)
      .set(lead.auth)
      .send({ coachMembershipId: colleague.membershipId, reason: 'Vervanging tijdens vakantie' });
    expect(shared.status).toBe(201);
    expect((await request(testApp.http).get(`/v1/participants/${created.body.id}`).set(colleague.auth)).status).toBe(200);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const created = await create(coach, { firstName: 'Eva', lastName: 'Versie' });
    const first = await request(testApp.http)
      .patch(`/v1/participants/${created.body.id}`)
      .set(coach.auth)
      .send({ phone: '06 11111111', version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await request(testApp.http)
      .patch(`/v1/participants/${created.body.id}`)
      .set(lead.auth)
      .send({ phone: '06 22222222', version: 1 });
    expect(stale.status).toBe(409);
    const [row] = await testApp.dataSource.query('SELECT phone FROM participant WHERE id = $1', [created.body.id]);
    expect(row.phone).toBe('06 11111111');
  });

  it('answers a null for a required field and an absurd page with 400 naming the field, and changes nothing', async () => {
    const created = await create(coach, { firstName: 'Eva', lastName: 'Leeg' });
    const emptied = await request(testApp.http).patch(`/v1/participants/${created.body.id}`).set(coach.auth).send({ lastName: null });
    expect(emptied.status).toBe(400);
    expect(emptied.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(emptied.body.invalidParams).toEqual([{ name: 'lastName', reason: 'must not be empty' }]);
    const [row] = await testApp.dataSource.query('SELECT last_name, version FROM participant WHERE id = $1', [created.body.id]);
    expect(row).toEqual({ last_name: 'Leeg', version: 1 });

    const far = await request(testApp.http).get('/v1/participants?page=99999999999999999999').set(coach.auth);
    expect(far.status).toBe(400);
    expect(far.body.invalidParams.map((param: { name: string }) => param.name)).toContain('page');
  });

  it('writes an audit entry for every create, read, list and change, with the request id', async () => {
    const created = await create(coach, { firstName: 'Fenna', lastName: 'Audit', email: 'fenna@example.nl' });
    await request(testApp.http).get(`/v1/participants/${created.body.id}`).set(coach.auth).set('X-Request-ID', 'audit-trace-0001');
    await request(testApp.http).get('/v1/participants').set(lead.auth);
    await request(testApp.http).patch(`/v1/participants/${created.body.id}`).set(coach.auth).send({ phone: '06 12345678' });
    const events = await testApp.dataSource.query(
      'SELECT action, actor_role, fields, request_id FROM audit_event WHERE subject_participant_id = $1 ORDER BY id',
      [created.body.id],
    );
    expect(events.map((event: { action: string }) => event.action)).toEqual(['create', 'read', 'list', 'update']);
    expect(events[1]).toMatchObject({ actor_role: 'jobcoach', request_id: 'audit-trace-0001' });
    expect(events[2].actor_role).toBe('team_lead');
    expect(events[3].fields).toEqual(['phone']);
    await expect(testApp.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied for table audit_event/);
    await expect(testApp.dataSource.query("UPDATE audit_event SET action = 'read'")).rejects.toThrow(
      /permission denied for table audit_event/,
    );
  });

  it('validates input and names the field', async () => {
    const response = await create(coach, { firstName: '', lastName: 'X', dateOfBirth: '31-12-1990', email: 'geen-adres' });
    expect(response.status).toBe(400);
    expect(response.body.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual([
      'dateOfBirth',
      'dateOfBirth',
      'email',
      'firstName',
    ]);
  });
});
