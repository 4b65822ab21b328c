import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import type { TestUser } from '../support/fixtures.js';
import { createPrivacyWorld, PRIVACY_MODULES, PROBLEM, type PrivacyWorld } from './privacy-world.js';

interface Call {
  method: 'get' | 'post';
  path: string;
  body?: object;
}

/** Every privacy route that names a participant (and a consent of theirs). */
function participantRoutes(world: PrivacyWorld, consentId: string): Call[] {
  const base = `/v1/participants/${world.participantId}`;
  return [
    { method: 'get', path: `${base}/consents` },
    { method: 'post', path: `${base}/consents`, body: { purpose: 'proposal_to_employers' } },
    { method: 'post', path: `${base}/consents/${consentId}/withdrawal` },
    { method: 'get', path: `${base}/access-log` },
    { method: 'get', path: `${base}/data-export` },
    { method: 'get', path: `${base}/data-export?format=html` },
    { method: 'post', path: `${base}/erasure`, body: { reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' } },
  ];
}

function meRoutes(consentId: string): Call[] {
  return [
    { method: 'get', path: '/v1/me/consents' },
    { method: 'post', path: '/v1/me/consents', body: { purpose: 'email_reminders' } },
    { method: 'post', path: `/v1/me/consents/${consentId}/withdrawal` },
    { method: 'get', path: '/v1/me/access-log' },
    { method: 'get', path: '/v1/me/data-export' },
  ];
}

describe('Who may use the privacy routes', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;
  let consentId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: PRIVACY_MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
    const given = await request(testApp.http)
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'proposal_to_employers' })
      .expect(201);
    consentId = given.body.id;
  });
  afterAll(() => testApp.close());

  async function call(user: TestUser, route: Call): Promise<request.Response> {
    const pending = request(testApp.http)[route.method](route.path).set(user.auth);
    return route.body ? pending.send(route.body) : pending;
  }

  async function expectUntouched(): Promise<void> {
    const [participant] = await testApp.dataSource.query('SELECT first_name, erased_at FROM participant WHERE id = $1', [
      world.participantId,
    ]);
    expect(participant).toEqual({ first_name: 'Fatima', erased_at: null });
    const consents = await testApp.dataSource.query('SELECT id, withdrawn_at FROM consent WHERE participant_id = $1', [
      world.participantId,
    ]);
    expect(consents).toEqual([{ id: consentId, withdrawn_at: null }]);
  }

  it("answers 404 to another organisation's staff on every participant route, as if the participant did not exist", async () => {
    for (const user of [world.other.admin, world.other.coach]) {
      for (const route of participantRoutes(world, consentId)) {
        // The erasure route is for admins; a coach is refused on role before the record is looked up.
        const expected = route.path.endsWith('/erasure') && user.role !== 'admin' ? 403 : 404;
        const response = await call(user, route);
        expect({ user: user.role, route: `${route.method} ${route.path}`, status: response.status }).toEqual({
          user: user.role,
          route: `${route.method} ${route.path}`,
          status: expected,
        });
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(JSON.stringify(response.body)).not.toContain('Fatima');
      }
    }
    await expectUntouched();
  });

  it("answers 404 to another organisation's participant who names this participant's consent", async () => {
    const response = await call(world.other.participant, { method: 'post', path: `/v1/me/consents/${consentId}/withdrawal` });
    expect(response.status).toBe(404);
    const theirs = await call(world.other.participant, { method: 'get', path: '/v1/me/consents' });
    expect(theirs.body).toEqual([]);
    await expectUntouched();
  });

  it('answers 404 to a coach of the same organisation who does not guide the participant', async () => {
    for (const route of participantRoutes(world, consentId).filter((route) => !route.path.endsWith('/erasure'))) {
      const response = await call(world.otherCoach, route);
      expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 404 });
    }
    await expectUntouched();
  });

  it('refuses employer users (403) on every consent, access-log, export and erasure route', async () => {
    for (const route of [...participantRoutes(world, consentId), ...meRoutes(consentId)]) {
      const response = await call(world.employerUser, route);
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      });
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    await expectUntouched();
  });

  it('refuses participants on the staff routes, even for their own record', async () => {
    for (const route of participantRoutes(world, consentId)) {
      const response = await call(world.participant, route);
      expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 403 });
    }
    await expectUntouched();
  });

  it('asks for sign-in first', async () => {
    for (const route of [...participantRoutes(world, consentId), ...meRoutes(consentId)]) {
      const response = await request(testApp.http)[route.method](route.path).send(route.body);
      expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 401 });
    }
  });
});
