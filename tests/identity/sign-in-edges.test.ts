import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import request from 'supertest';
import { IdentityRepository } from '../../src/identity/identity.repository.js';
import { JobName, QueueName } from '../../src/platform/queue/queue.constants.js';
import {
  createOrganisation,
  createParticipant,
  createUser,
  lastMailTo,
  TEST_PASSWORD,
  type TestOrganisation,
  type TestUser,
  tokenFromMail,
} from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const STRONG = 'zonnebloem-trapleuning-kompas-73';
const HOST = 'werkbrug.test';
const OWN_ORIGIN = `http://${HOST}`;

/** The sign-in edges of issue 14, each shown through HTTP against the real application. */
describe('sign-in edges', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;
  let ipCounter = 0;
  /** A client address of its own per call site (the app trusts X-Forwarded-For here, as behind a proxy). */
  const newIp = () => `198.51.100.${++ipCounter % 250}`;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'all', env: { TRUST_PROXY: 'true' } });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
  });
  afterAll(() => testApp.close());

  const mailTo = async (email: string) => {
    await waitForQueuesToDrain(testApp);
    return lastMailTo(testApp.dataSource, email);
  };
  const apiSignIn = (email: string, password: string, ip: string, extra: Record<string, string> = {}) =>
    request(testApp.http)
      .post('/v1/auth/sessions')
      .set('X-Forwarded-For', ip)
      .send({ email, password, ...extra });

  describe('login CSRF: the sign-in, link and reset forms only accept posts from Werkbrug itself', () => {
    const post = (path: string, headers: Record<string, string>, form: Record<string, string>) => {
      let pending = request(testApp.http).post(path).set('Host', HOST);
      for (const [name, value] of Object.entries(headers)) pending = pending.set(name, value);
      return pending.type('form').send(form);
    };

    it('refuses a cross-site sign-in post, and signs in from its own page', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const form = { email: coach.email, password: TEST_PASSWORD };
      const forgeries: Array<Record<string, string>> = [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { Referer: 'https://evil.example/page' },
      ];
      for (const headers of forgeries) {
        const forged = await post('/portal/sign-in', headers, form);
        expect(forged.status).toBe(403);
        expect(String(forged.headers['set-cookie'] ?? '')).not.toMatch(/wb_session=/);
      }
      const own = await post('/portal/sign-in', { Origin: OWN_ORIGIN }, form);
      expect(own.status).toBe(303);
      expect(String(own.headers['set-cookie'])).toMatch(/wb_session=/);
      const ownByReferer = await post('/portal/sign-in', { Referer: `${OWN_ORIGIN}/portal/sign-in` }, form);
      expect(ownByReferer.status).toBe(303);
      // Fetch metadata, where the browser sends it, decides: a page cannot set it.
      expect((await post('/portal/sign-in', { 'Sec-Fetch-Site': 'cross-site', Origin: OWN_ORIGIN }, form)).status).toBe(403);
      expect((await post('/portal/sign-in', { 'Sec-Fetch-Site': 'same-origin', Origin: 'null' }, form)).status).toBe(303);
      // The portal's pages let the browser name their origin on their own form posts.
      expect((await request(testApp.http).get('/portal/sign-in')).headers['referrer-policy']).toBe('same-origin');
    });

    it('refuses cross-site link and reset requests', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const evil = { Origin: 'https://evil.example' };
      expect((await post('/portal/sign-in/link', evil, { linkEmail: coach.email })).status).toBe(403);
      expect((await post('/portal/password-reset', evil, { email: coach.email })).status).toBe(403);
      expect((await post('/portal/password-reset', { Origin: OWN_ORIGIN }, { email: coach.email })).status).toBe(200);
    });
  });

  describe('throttling slows an attacker without locking the real person out', () => {
    it('limits wrong passwords per account and client, not for the same account elsewhere', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const attacker = newIp();
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await apiSignIn(coach.email, 'wrong-password-here', attacker)).status).toBe(401);
      const limited = await apiSignIn(coach.email, TEST_PASSWORD, attacker);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await apiSignIn(coach.email, TEST_PASSWORD, newIp())).status).toBe(201);
    });

    it('after many failures from many addresses, delays new clients by at most a minute; a known browser and a link still sign in', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      await testApp.dataSource.query(`UPDATE organisation SET settings = '{"staffMagicLinkAllowed": true}' WHERE id = $1`, [
        organisation.id,
      ]);
      // The real person signed in from their own browser before: it carries a device cookie.
      const ownBrowser = request.agent(testApp.http);
      const earlier = await ownBrowser.post('/v1/auth/sessions').set('X-Forwarded-For', '203.0.113.7').send({
        email: coach.email,
        password: TEST_PASSWORD,
      });
      expect(earlier.status).toBe(201);
      expect(String(earlier.headers['set-cookie'])).toMatch(/wb_device=.*HttpOnly/);

      for (let attempt = 0; attempt < 10; attempt++)
        expect((await apiSignIn(coach.email, 'wrong-password-here', newIp())).status).toBe(401);

      const fresh = await apiSignIn(coach.email, TEST_PASSWORD, newIp());
      expect(fresh.status).toBe(429);
      const wait = Number(fresh.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);

      const known = await ownBrowser.post('/v1/auth/sessions').set('X-Forwarded-For', '203.0.113.7').send({
        email: coach.email,
        password: TEST_PASSWORD,
      });
      expect(known.status).toBe(201);

      const linkBrowser = request.agent(testApp.http);
      expect((await linkBrowser.post('/v1/auth/magic-links').send({ email: coach.email })).status).toBe(202);
      const token = tokenFromMail((await mailTo(coach.email))!);
      expect((await linkBrowser.post('/v1/auth/magic-links/redemptions').send({ token })).status).toBe(201);
    });

    it('a device cookie of another account does not skip the delay', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const other = await createUser(testApp, organisation.id, 'jobcoach');
      const browser = request.agent(testApp.http);
      expect(
        (await browser.post('/v1/auth/sessions').set('X-Forwarded-For', newIp()).send({ email: other.email, password: TEST_PASSWORD }))
          .status,
      ).toBe(201);
      for (let attempt = 0; attempt < 10; attempt++)
        expect((await apiSignIn(coach.email, 'wrong-password-here', newIp())).status).toBe(401);
      const borrowed = await browser
        .post('/v1/auth/sessions')
        .set('X-Forwarded-For', newIp())
        .send({ email: coach.email, password: TEST_PASSWORD });
      expect(borrowed.status).toBe(429);
    });

    it('limits wrong passwords per client address over all accounts', async () => {
      const sprayer = newIp();
      for (let attempt = 0; attempt < 100; attempt++) {
        expect((await apiSignIn(`sprayed-${attempt}@nowhere.test`, 'Welkom2026!', sprayer)).status).toBe(401);
      }
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      expect((await apiSignIn(coach.email, TEST_PASSWORD, sprayer)).status).toBe(429);
      expect((await apiSignIn(coach.email, TEST_PASSWORD, newIp())).status).toBe(201);
    }, 60_000);

    it('says on the page when to try again, and offers the link', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const attacker = newIp();
      const page = () =>
        request(testApp.http)
          .post('/portal/sign-in')
          .set('X-Forwarded-For', attacker)
          .type('form')
          .send({ email: coach.email, password: 'wrong-password-here' });
      for (let attempt = 0; attempt < 5; attempt++) expect((await page()).status).toBe(401);
      const limited = await page();
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Te veel pogingen');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('password reset links', () => {
    const askReset = async (email: string) => {
      await request(testApp.http).post('/v1/auth/password-resets').send({ email });
      return tokenFromMail((await mailTo(email))!);
    };
    const redeem = (token: string, password: string) =>
      request(testApp.http).post('/v1/auth/password-resets/redemptions').send({ token, password });

    it('an older link no longer works once a newer one was used', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const older = await askReset(coach.email);
      const newer = await askReset(coach.email);
      expect(newer).not.toBe(older);
      expect((await redeem(newer, STRONG)).status).toBe(204);
      expect((await redeem(older, `${STRONG}-ander`)).status).toBe(410);
      expect((await apiSignIn(coach.email, STRONG, newIp())).status).toBe(201);
    });

    it('a newer link no longer works once an older one was used', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const older = await askReset(coach.email);
      const newer = await askReset(coach.email);
      expect((await redeem(older, STRONG)).status).toBe(204);
      expect((await redeem(newer, `${STRONG}-ander`)).status).toBe(410);
    });
  });

  describe('authenticator codes', () => {
    /** Turns on TOTP for the user through the API; answers a code generator on the test clock. */
    async function withTotp(user: TestUser): Promise<(offsetSteps?: number) => string> {
      const enrolment = await request(testApp.http).post('/v1/me/totp').set(user.auth);
      expect(enrolment.status).toBe(201);
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolment.body.secret) });
      const code = (offsetSteps = 0) => totp.generate({ timestamp: testApp.clock.now().getTime() + offsetSteps * 30_000 });
      expect((await request(testApp.http).post('/v1/me/totp/confirmations').set(user.auth).send({ code: code() })).status).toBe(204);
      testApp.clock.advance(30_000);
      return code;
    }

    it('accepts each code once, and no code older than the last one accepted', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const code = await withTotp(coach);
      const first = code();
      expect((await apiSignIn(coach.email, TEST_PASSWORD, newIp(), { totpCode: first })).status).toBe(201);
      expect((await apiSignIn(coach.email, TEST_PASSWORD, newIp(), { totpCode: first })).status).toBe(401);
      testApp.clock.advance(30_000);
      // The previous step's code is still inside the accepted window, but older than the last one used.
      expect((await apiSignIn(coach.email, TEST_PASSWORD, newIp(), { totpCode: code(-1) })).status).toBe(401);
      expect((await apiSignIn(coach.email, TEST_PASSWORD, newIp(), { totpCode: code() })).status).toBe(201);
    });

    it('a coach with an authenticator gives its code with a sign-in link too', async () => {
      await testApp.dataSource.query(`UPDATE organisation SET settings = '{"staffMagicLinkAllowed": true}' WHERE id = $1`, [
        organisation.id,
      ]);
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const code = await withTotp(coach);
      const browser = request.agent(testApp.http);
      expect((await browser.post('/v1/auth/magic-links').send({ email: coach.email })).status).toBe(202);
      const token = tokenFromMail((await mailTo(coach.email))!);

      const withoutCode = await browser.post('/v1/auth/magic-links/redemptions').send({ token });
      expect(withoutCode.status).toBe(401);
      expect(withoutCode.body.type).toMatch(/second-factor-needed/);
      const wrongCode = await browser
        .post('/v1/auth/magic-links/redemptions')
        .send({ token, totpCode: code() === '000000' ? '111111' : '000000' });
      expect(wrongCode.status).toBe(401);
      // The link was not spent by the tries without a valid code.
      const withCode = await browser.post('/v1/auth/magic-links/redemptions').send({ token, totpCode: code() });
      expect(withCode.status).toBe(201);
      expect(withCode.body.role).toBe('jobcoach');
    });

    it('the link page asks for the code', async () => {
      await testApp.dataSource.query(`UPDATE organisation SET settings = '{"staffMagicLinkAllowed": true}' WHERE id = $1`, [
        organisation.id,
      ]);
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const code = await withTotp(coach);
      const browser = request.agent(testApp.http);
      await browser.post('/portal/sign-in/link').type('form').send({ linkEmail: coach.email });
      const token = tokenFromMail((await mailTo(coach.email))!);
      const asked = await browser.post('/portal/link').type('form').send({ token });
      expect(asked.status).toBe(401);
      expect(asked.text).toContain('name="totpCode"');
      const signedIn = await browser.post('/portal/link').type('form').send({ token, totpCode: code() });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe('/portal/today');

      // Opened again (here or on another device): the page says at once that the link no longer works, and asks for nothing.
      for (const client of [browser, request.agent(testApp.http)]) {
        const reopened = await client.get(`/portal/link?token=${token}`);
        expect(reopened.status).toBe(410);
        expect(reopened.text).toContain('Deze link werkt niet meer');
        expect(reopened.text).not.toMatch(/name="(browserCode|totpCode|token)"/);
      }
    });
  });

  describe('link and reset requests do the same work for known and unknown addresses', () => {
    it('each request only queues one job, and looks nothing up itself', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
      const participant = await createUser(testApp, organisation.id, 'participant', { participantId });
      const identity = testApp.app.get(IdentityRepository);
      const lookups = [jest.spyOn(identity, 'activeAccount'), jest.spyOn(identity, 'insertToken')];
      await testApp.workers.stop();
      try {
        const asks = [
          ['/v1/auth/magic-links', participant.email, JobName.SignInLink],
          ['/v1/auth/magic-links', 'unknown@nowhere.test', JobName.SignInLink],
          ['/v1/auth/password-resets', coach.email, JobName.PasswordResetLink],
          ['/v1/auth/password-resets', 'nobody@nowhere.test', JobName.PasswordResetLink],
        ] as const;
        for (const [path, email, job] of asks) {
          const before = await testApp.queues.queue(QueueName.Mail).getJobs(['waiting']);
          const response = await request(testApp.http).post(path).send({ email });
          expect(response.status).toBe(202);
          expect(response.body.message).toBe('If this address is known, a message is on its way.');
          const waiting = await testApp.queues.queue(QueueName.Mail).getJobs(['waiting']);
          expect(waiting.length).toBe(before.length + 1);
          const added = waiting.filter((candidate) => !before.some((old) => old.id === candidate.id));
          expect(added.map((candidate) => candidate.name)).toEqual([job]);
          // The queue holds no address in clear.
          expect(JSON.stringify(added[0].data)).not.toContain(email);
        }
        for (const spy of lookups) expect(spy).not.toHaveBeenCalled();
        const rows = await testApp.dataSource.query('SELECT count(*)::int AS n FROM one_time_token');
        expect(rows[0].n).toBe(0);
      } finally {
        for (const spy of lookups) spy.mockRestore();
        testApp.workers.start();
      }
      // The jobs then mail the known addresses only.
      expect((await mailTo(participant.email))?.template).toBe('sign-in-link');
      expect((await mailTo(coach.email))?.template).toBe('password-reset');
      expect(await mailTo('unknown@nowhere.test')).toBeUndefined();
      expect(await mailTo('nobody@nowhere.test')).toBeUndefined();
    });
  });

  describe('form tokens stay valid for the whole session', () => {
    it('a form from the first of two tabs is still accepted', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const browser = request.agent(testApp.http);
      expect((await browser.post('/portal/sign-in').type('form').send({ email: coach.email, password: TEST_PASSWORD })).status).toBe(303);
      const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      const firstTab = tokenOf((await browser.get('/portal/today')).text);
      const secondTab = tokenOf((await browser.get('/portal/today')).text);
      expect(firstTab).toBeDefined();
      expect(secondTab).toBeDefined();
      expect(secondTab).not.toBe(firstTab);

      // Another session's token is no good here, nor a forged one.
      const other = request.agent(testApp.http);
      await other.post('/portal/sign-in').type('form').send({ email: coach.email, password: TEST_PASSWORD });
      const foreign = tokenOf((await other.get('/portal/today')).text)!;
      expect((await browser.post('/portal/sign-out').type('form').send({ _csrf: foreign })).status).toBe(403);
      expect(
        (
          await browser
            .post('/portal/sign-out')
            .type('form')
            .send({ _csrf: `${firstTab!.slice(0, -2)}xx` })
        ).status,
      ).toBe(403);

      // The API hands out tokens to bearer clients too (their session is the bearer token).
      const viaApi = await request(testApp.http).get('/v1/auth/csrf-token').set(coach.auth);
      expect(viaApi.status).toBe(200);
      expect(viaApi.body.csrfToken).toEqual(expect.any(String));

      const signedOut = await browser.post('/portal/sign-out').type('form').send({ _csrf: firstTab });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.location).toBe('/portal/sign-in');
    });
  });
});
