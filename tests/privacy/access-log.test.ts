import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { asRole, createTestApp, resetState, TEST_OWNER_ROLE, type TestApp } from '../support/test-app.js';
import { auditRows, createPrivacyWorld, PRIVACY_MODULES, type PrivacyWorld } from './privacy-world.js';

describe('Audit log and the access log', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: PRIVACY_MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);

  it('records a read when a coach opens a participant, and a write for each change', async () => {
    await http().get(`/v1/participants/${world.participantId}`).set(world.coach.auth).expect(200);
    await http().patch(`/v1/participants/${world.participantId}`).set(world.coach.auth).send({ phone: '06 12345678' }).expect(200);
    await http()
      .post(`/v1/participants/${world.participantId}/consents`)
      .set(world.coach.auth)
      .send({ purpose: 'email_reminders' })
      .expect(201);

    const audit = await auditRows(testApp, world.participantId);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'read',
        actor_user_id: world.coach.userId,
        actor_role: 'jobcoach',
        resource_type: 'participant',
        resource_id: world.participantId,
      }),
      expect.objectContaining({ action: 'update', actor_user_id: world.coach.userId, resource_type: 'participant', fields: ['phone'] }),
      expect.objectContaining({ action: 'consent_given', actor_user_id: world.coach.userId, resource_type: 'consent' }),
    ]);
    expect(audit[0].fields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'privateNotes']));
  });

  it('shows the participant who looked at or changed their data, newest first, with name and role only', async () => {
    await http().get(`/v1/participants/${world.participantId}`).set(world.coach.auth).expect(200);
    testApp.clock.advance(1_000);
    await http().patch(`/v1/participants/${world.participantId}`).set(world.coach.auth).send({ phone: '06 12345678' }).expect(200);
    testApp.clock.advance(1_000);
    await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'proposal_to_employers' }).expect(201);
    // Someone else's record: must not appear in this participant's log.
    await http().get(`/v1/participants/${world.neighbourId}`).set(world.coach.auth).expect(200);

    const response = await http().get('/v1/me/access-log').set(world.participant.auth);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(3);
    expect(response.body.items).toEqual([
      {
        at: '2026-01-05T09:00:02.000Z',
        actor: { displayName: expect.stringMatching(/^Deelnemer /), role: 'participant' },
        action: 'consent_given',
        resourceType: 'consent',
        fields: ['purpose'],
      },
      {
        at: '2026-01-05T09:00:01.000Z',
        actor: { displayName: expect.stringMatching(/^Coach /), role: 'jobcoach' },
        action: 'update',
        resourceType: 'participant',
        fields: ['phone'],
      },
      expect.objectContaining({ at: '2026-01-05T09:00:00.000Z', action: 'read', actor: expect.objectContaining({ role: 'jobcoach' }) }),
    ]);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(world.coach.email);
    expect(text).not.toContain(world.coach.userId);
    expect(text).not.toContain(world.coach.membershipId);

    const paged = await http().get('/v1/me/access-log?page=2&pageSize=2').set(world.participant.auth);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.items[0].action).toBe('read');
  });

  it("gives staff the participant's access log, and reading it is not itself logged", async () => {
    await http().get(`/v1/participants/${world.participantId}`).set(world.coach.auth).expect(200);
    const before = (await auditRows(testApp, world.participantId)).length;
    for (const user of [world.coach, world.admin]) {
      const response = await http().get(`/v1/participants/${world.participantId}/access-log`).set(user.auth);
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ action: 'read', actor: expect.objectContaining({ role: 'jobcoach' }) }),
      ]);
    }
    await http().get('/v1/me/access-log').set(world.participant.auth).expect(200);
    expect((await auditRows(testApp, world.participantId)).length).toBe(before);

    // A coach of the same organisation without this participant on their caseload does not see it.
    const outsider = await http().get(`/v1/participants/${world.participantId}/access-log`).set(world.otherCoach.auth);
    expect(outsider.status).toBe(404);
  });

  it('refuses to change or delete audit entries, whoever asks', async () => {
    await http().get(`/v1/participants/${world.participantId}`).set(world.coach.auth).expect(200);
    // The service's own role has no UPDATE or DELETE on the audit log at all.
    const ds = testApp.dataSource;
    await expect(
      ds.query("UPDATE audit_event SET action = 'list' WHERE subject_participant_id = $1", [world.participantId]),
    ).rejects.toThrow(/permission denied for table audit_event/);
    await expect(ds.query('DELETE FROM audit_event WHERE subject_participant_id = $1', [world.participantId])).rejects.toThrow(
      /permission denied for table audit_event/,
    );
    // The owner may, by privileges; the append-only trigger still refuses.
    const owner = new pg.Client({ connectionString: asRole(testApp.databaseUrl, TEST_OWNER_ROLE) });
    await owner.connect();
    try {
      await expect(
        owner.query("UPDATE audit_event SET action = 'list' WHERE subject_participant_id = $1", [world.participantId]),
      ).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_event WHERE subject_participant_id = $1', [world.participantId])).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await owner.end();
    }
    const audit = await auditRows(testApp, world.participantId);
    expect(audit).toEqual([expect.objectContaining({ action: 'read' })]);
  });
});
