import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_PASSWORD, DemoSeeder } from '../../src/demo/demo-seeder.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

describe('demo data', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
    await resetState(testApp);
  });
  afterAll(() => testApp.close());

  it('loads once, with a placement in aftercare, and every account can sign in as the README says', async () => {
    // A day in June: some subsidy payments are due by then (the demo leaves the latest one unpaid).
    testApp.clock.set('2026-06-15T09:00:00Z');
    const seed = () => testApp.app.get(DemoSeeder).seed();
    expect(await seed()).toBe(true);
    expect(await seed()).toBe(false);
    const [counts] = await testApp.dataSource.query(
      `SELECT (SELECT count(*)::int FROM vacancy) AS vacancies, (SELECT count(*)::int FROM placement WHERE status = 'aftercare') AS aftercare,
              (SELECT count(*)::int FROM checkin) AS checkins, (SELECT count(*)::int FROM employer) AS employers`,
    );
    expect(counts).toEqual({ vacancies: 3, aftercare: 1, checkins: 6, employers: 3 });
    const [details] = await testApp.dataSource.query(
      `SELECT (SELECT count(*)::int FROM mail_message) AS mails, (SELECT count(*)::int FROM participant) AS participants,
              (SELECT count(*)::int FROM participant_profile WHERE capacity_hours_per_week IS NOT NULL) AS profiles,
              (SELECT count(*)::int FROM consent) AS consents,
              (SELECT to_char(next_reassessment_on, 'YYYY-MM-DD') FROM wage_value_assessment) AS reassessment,
              (SELECT count(*)::int FROM membership WHERE status = 'active') AS members,
              (SELECT count(*)::int FROM user_account WHERE password_hash IS NULL) AS passwordless,
              (SELECT count(*)::int FROM match WHERE status = 'introduced') AS introduced,
              (SELECT count(*)::int FROM help_request WHERE status = 'new') AS help,
              (SELECT count(*)::int FROM subsidy_payment WHERE received_on IS NULL AND due_on < $1::date) AS late`,
      [testApp.clock.now().toISOString().slice(0, 10)],
    );
    // The demo shows each role something to act on: a candidate for the employer (announced by mail, in the
    // local outbox), a help request for the coach, a late subsidy payment; the mails are what those steps send.
    expect(details).toMatchObject({
      participants: 3,
      profiles: 2,
      consents: 4,
      reassessment: '2027-01-20',
      members: 7,
      passwordless: 2,
      introduced: 1,
      help: 1,
      late: 1,
    });
    expect(details.mails).toBeGreaterThan(0);
    for (const email of ['teamlead@demo.werkbrug.nl', 'coach@demo.werkbrug.nl', 'werkgever@demo.werkbrug.nl', 'admin@demo.werkbrug.nl']) {
      const response = await request(testApp.http).post('/v1/auth/sessions').send({ email, password: DEMO_PASSWORD });
      expect(response.status).toBe(201);
    }
    const coach = await request(testApp.http).post('/v1/auth/sessions').send({ email: 'coach@demo.werkbrug.nl', password: DEMO_PASSWORD });
    const [vacancy] = await testApp.dataSource.query("SELECT id FROM vacancy WHERE title = 'Medewerker bakkerij (productie)'");
    const candidates = await request(testApp.http)
      .get(`/v1/vacancies/${vacancy.id}/candidates`)
      .set('Authorization', `Bearer ${coach.body.token}`);
    expect(candidates.status).toBe(200);
  });
});
