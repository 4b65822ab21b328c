import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SessionService } from '../../src/identity/session.service.js';
import { QueueName } from '../../src/platform/queue/queue.constants.js';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, queueBackends, resetState, type TestApp } from '../support/test-app.js';

const OPERATOR = 'beheer@platform.test';
const QUEUES_API = '/admin/queues/api/queues';
const PAUSE_MAIL = `/admin/queues/api/queues/${QueueName.Mail}/pause`;
const RESUME_MAIL = `/admin/queues/api/queues/${QueueName.Mail}/resume`;
const OWN_ORIGIN = 'http://localhost:3000';

/** The installation's queue dashboard: platform operators only, read-only unless configured, changes same-origin only. */
describe.each(queueBackends())('the queue dashboard (queues on %s)', (backend) => {
  let testApp: TestApp;
  let admin: TestUser;
  let operator: TestUser;
  /** A cookie session, as the dashboard's browser pages have; second factor as given. */
  const cookie = async (user: TestUser, secondFactor = true) => {
    const { token } = await testApp.app.get(SessionService).create(user.userId, user.membershipId, secondFactor);
    return `wb_session=${token}`;
  };

  const boot = async (writes: boolean) => {
    await testApp?.close();
    testApp = await createTestApp({
      queue: backend,
      role: 'api',
      env: {
        PLATFORM_OPERATORS: `someone@else.test, ${OPERATOR.toUpperCase()}`,
        QUEUE_DASHBOARD_WRITES: String(writes),
        PUBLIC_URL: OWN_ORIGIN,
      },
    });
    await resetState(testApp);
    const organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
    // The operator's own account is a coach in some organisation: being named in the configuration is what counts.
    operator = await createUser(testApp, organisation.id, 'jobcoach', { email: OPERATOR });
  };

  beforeAll(() => boot(false));
  afterAll(async () => {
    await testApp?.close();
    for (const name of ['PLATFORM_OPERATORS', 'QUEUE_DASHBOARD_WRITES', 'PUBLIC_URL']) delete process.env[name];
  });

  it('refuses anonymous visitors and an organisation admin', async () => {
    for (const path of ['/admin/queues', QUEUES_API]) {
      expect((await request(testApp.http).get(path)).status).toBe(401);
      const asAdmin = await request(testApp.http)
        .get(path)
        .set('Cookie', await cookie(admin));
      expect(asAdmin.status).toBe(403);
      expect(asAdmin.headers['content-type']).toMatch(/^application\/problem\+json/);
      // A bearer token is no way in either: the dashboard is a browser page with a cookie session.
      expect((await request(testApp.http).get(path).set(admin.auth)).status).toBe(401);
    }
  });

  it('refuses an operator without the second factor', async () => {
    expect(
      (
        await request(testApp.http)
          .get(QUEUES_API)
          .set('Cookie', await cookie(operator, false))
      ).status,
    ).toBe(403);
  });

  it('shows the operator every queue, read-only', async () => {
    const session = await cookie(operator);
    const page = await request(testApp.http).get('/admin/queues').set('Cookie', session);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Werkbrug queues');
    const api = await request(testApp.http).get(QUEUES_API).set('Cookie', session);
    expect(api.status).toBe(200);
    const queues = api.body.queues as Array<{ name: string; readOnlyMode: boolean }>;
    expect(queues.map((queue) => queue.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });

  it('refuses every change while read-only, even from its own pages', async () => {
    const session = await cookie(operator);
    const pause = await request(testApp.http).put(PAUSE_MAIL).set('Cookie', session).set('Origin', OWN_ORIGIN);
    expect(pause.status).toBe(405);
    expect(await testApp.queues.queue(QueueName.Mail).isPaused()).toBe(false);
  });

  it('with changes enabled, accepts one from its own pages and refuses one without or from another origin', async () => {
    await boot(true);
    const session = await cookie(operator);
    const queue = testApp.queues.queue(QueueName.Mail);
    expect((await request(testApp.http).put(PAUSE_MAIL).set('Cookie', session)).status).toBe(403);
    const foreign = await request(testApp.http).put(PAUSE_MAIL).set('Cookie', session).set('Origin', 'https://aanvaller.example');
    expect(foreign.status).toBe(403);
    const crossSite = await request(testApp.http)
      .put(PAUSE_MAIL)
      .set('Cookie', session)
      .set('Origin', OWN_ORIGIN)
      .set('Sec-Fetch-Site', 'cross-site');
    expect(crossSite.status).toBe(403);
    expect(await queue.isPaused()).toBe(false);

    const own = await request(testApp.http)
      .put(PAUSE_MAIL)
      .set('Cookie', session)
      .set('Origin', OWN_ORIGIN)
      .set('Sec-Fetch-Site', 'same-origin');
    expect(own.status).toBeLessThan(300);
    expect(await queue.isPaused()).toBe(true);
    expect(
      (await request(testApp.http).put(RESUME_MAIL).set('Cookie', session).set('Referer', `${OWN_ORIGIN}/admin/queues`)).status,
    ).toBeLessThan(300);
    expect(await queue.isPaused()).toBe(false);
    // The organisation's admin still cannot, from anywhere.
    expect(
      (
        await request(testApp.http)
          .put(PAUSE_MAIL)
          .set('Cookie', await cookie(admin))
          .set('Origin', OWN_ORIGIN)
      ).status,
    ).toBe(403);
  });
});
