import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_PASSWORD, DemoSeeder } from '../../src/demo/demo-seeder.js';
import { SessionService } from '../../src/identity/session.service.js';
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
      members: 8,
      passwordless: 2,
      introduced: 1,
      help: 1,
      late: 1,
    });
    expect(details.mails).toBeGreaterThan(0);
    for (const email of [
      'teamlead@demo.werkbrug.nl',
      'coach@demo.werkbrug.nl',
      'werkgever@demo.werkbrug.nl',
      'admin@demo.werkbrug.nl',
      'financier@demo.werkbrug.nl',
    ]) {
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

  it("lets every role try issue 17's features: funder, goals and agreements to write jobcoach hours for, a due survey, a risk", async () => {
    const ds = testApp.dataSource;
    const session = (email: string) => request(testApp.http).post('/v1/auth/sessions').send({ email, password: DEMO_PASSWORD });
    const page = (path: string, token: string) => request(testApp.http).get(path).set('Cookie', `wb_session=${token}`);

    // The funder, its person (who sees only the reports) and the trajectories it pays for, each with a target group.
    const [trajectories] = await ds.query(
      `SELECT (SELECT array_agg(name) FROM funder) AS funders,
              (SELECT count(*)::int FROM participant p JOIN funder f ON f.id = p.funder_id WHERE f.name = 'Gemeente Demostad') AS funded,
              (SELECT count(*)::int FROM participant WHERE target_group IS NOT NULL) AS grouped,
              (SELECT count(*)::int FROM membership m JOIN funder f ON f.id = m.funder_id WHERE m.role = 'funder') AS funder_users`,
    );
    expect(trajectories).toEqual({ funders: ['Gemeente Demostad'], funded: 2, grouped: 3, funder_users: 1 });
    const funder = await session('financier@demo.werkbrug.nl');
    expect(funder.status).toBe(201);
    const reports = await page('/portal/reports', funder.body.token);
    expect(reports.status).toBe(200);

    // The coach writes jobcoach hours for Fatima's goals and her handover's agreements, in a granted period.
    const coach = await session('coach@demo.werkbrug.nl');
    const [placement] = await ds.query("SELECT id FROM placement WHERE status = 'aftercare'");
    const jobcoach = await page(`/portal/placements/${placement.id}/jobcoach`, coach.body.token);
    expect(jobcoach.status).toBe(200);
    expect(jobcoach.text).toContain(`action="/portal/placements/${placement.id}/jobcoach/hours"`);
    for (const target of [
      'Begeleiding op de werkplek',
      'Werknemersvaardigheden en werkritme',
      'Begeleiding op de werkvloer',
      'Werktijden en uren',
    ]) {
      expect(jobcoach.text).toContain(target);
    }
    const grants = await request(testApp.http)
      .get(`/v1/placements/${placement.id}/jobcoach-grants`)
      .set('Authorization', `Bearer ${coach.body.token}`);
    expect(grants.body).toEqual([expect.objectContaining({ status: 'granted', hoursGranted: 40, hoursUsed: 2 })]);

    // Vandaag shows a risk the early warning found: Jeroen works few hours.
    const today = await page('/portal/today', coach.body.token);
    expect(today.status).toBe(200);
    expect(today.text).toContain('Werkt 16 uur per week');

    // The satisfaction survey is due: in the outbox (this API-only app sends nothing), and on Fatima's home page.
    const [mail] = await ds.query(
      "SELECT status FROM mail_message WHERE template = 'survey-participant' AND recipient = 'deelnemer@demo.werkbrug.nl'",
    );
    expect(mail).toBeDefined();
    const [fatima] = await ds.query(
      "SELECT u.id AS user_id, m.id AS membership_id FROM user_account u JOIN membership m ON m.user_id = u.id WHERE u.email = 'deelnemer@demo.werkbrug.nl'",
    );
    const { token } = await testApp.app.get(SessionService).create(fatima.user_id, fatima.membership_id, false);
    const home = await page('/portal/me', token);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Wilt u ons een cijfer geven?');
  });
});
