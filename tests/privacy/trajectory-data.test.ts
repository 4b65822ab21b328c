import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aftercareWorld, type AftercareWorld } from '../aftercare/aftercare-world.js';
import { createUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

describe('trajectory data in the export and the erasure', () => {
  let testApp: TestApp;
  let world: AftercareWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    world = await aftercareWorld(testApp);
    const help = await request(testApp.http)
      .post('/v1/help-requests')
      .set(world.participant.auth)
      .send({ category: 'money', urgency: 'normal', body: 'Ik heb een brief over schulden gekregen' });
    expect(help.status).toBe(201);
    await request(testApp.http)
      .post(`/v1/placements/${world.placementId}/contacts`)
      .set(world.coach.auth)
      .send({ at: '2026-01-05T08:00:00Z', channel: 'phone', withParty: 'participant', summary: 'Belde over rooster' });
  });
  afterAll(() => testApp.close());

  it('exports placements with contacts and help requests with their text', async () => {
    const exported = await request(testApp.http).get('/v1/me/data-export').set(world.participant.auth);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.body);
    expect(text).toContain('Ik heb een brief over schulden gekregen');
    expect(text).toContain('Belde over rooster');
    expect(text).not.toMatch(/enc1\./);
  });

  it('removes the free text on erasure and keeps the rows for the counts', async () => {
    const admin = await createUser(testApp, world.organisationId, 'admin');
    const erased = await request(testApp.http)
      .post(`/v1/participants/${world.participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);
    const rows = await testApp.dataSource.query(
      `SELECT (SELECT count(*)::int FROM help_request WHERE participant_id = $1) AS requests,
              (SELECT count(*)::int FROM contact_log WHERE participant_id = $1 AND summary IS NOT NULL) AS summaries,
              (SELECT employer_contact_email FROM placement WHERE participant_id = $1) AS contact`,
      [world.participantId],
    );
    expect(rows[0]).toEqual({ requests: 1, summaries: 0, contact: null });
    const [{ body }] = await testApp.dataSource.query('SELECT body FROM help_request WHERE participant_id = $1', [world.participantId]);
    expect(body).toMatch(/^enc1\./);
    const inbox = await request(testApp.http).get('/v1/help-requests').set(world.coach.auth);
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).not.toContain('schulden');
  });
});
