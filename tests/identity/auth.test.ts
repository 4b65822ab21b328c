import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import request from 'supertest';
import { AuthService } from '../../src/identity/auth.service.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import {
  createOrganisation,
  createParticipant,
  createUser,
  lastMailTo,
  TEST_PASSWORD,
  type TestOrganisation,
  tokenFromMail,
} from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const STRONG = 'zonnebloem-trapleuning-kompas-73';
const MINUTE = 60_000;

describe('sign-in, sessions and account mails', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;

  beforeAll(async () => {
    // With workers: link and reset mails are composed in a job.
    testApp = await createTestApp({ role: 'all' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
  });
  afterAll(() => testApp.close());

  /** The newest mail to an address once the queued link and reset jobs have run. */
  const mailTo = async (email: string) => {
    await waitForQueuesToDrain(testApp);
    return lastMailTo(testApp.dataSource, email);
  };

  const signIn = (email: string, password = TEST_PASSWORD, extra: Record<string, string> = {}) =>
    request(testApp.http)
      .post('/v1/auth/sessions')
      .send({ email, password, ...extra });

  describe('password sign-in', () => {
    it('signs in a coach and serves the API with the bearer token', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const response = await signIn(coach.email.toUpperCase());
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        role: 'jobcoach',
        secondFactorRequired: false,
        token: expect.any(String),
        csrfToken: expect.any(String),
      });
      expect(String(response.headers['set-cookie'])).toMatch(/wb_session=.*HttpOnly.*SameSite=Lax/);
      const me = await request(testApp.http).get('/v1/me').set('Authorization', `Bearer ${response.body.token}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email: coach.email, role: 'jobcoach', organisationId: organisation.id });
    });

    it('answers a wrong password and an unknown address the same way', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const wrong = await signIn(coach.email, 'not-the-password-at-all');
      const unknown = await signIn('nobody@nowhere.test', 'not-the-password-at-all');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body.type).toBe(unknown.body.type);
    });

    it('does not let participants sign in with a password', async () => {
      const participantId = await createParticipant(testApp.dataSource, organisation.id, null);
      const participant = await createUser(testApp, organisation.id, 'participant', { participantId });
      expect((await signIn(participant.email, 'anything-at-all-really')).status).toBe(401);
    });

    it('limits wrong passwords for an account from one client and says when to retry', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(coach.email, 'wrong-password-here')).status).toBe(401);
      const limited = await signIn(coach.email);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('two-factor sign-in for admins', () => {
    it('keeps an admin without a second factor to enrolment, then requires the code', async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      await testApp.dataSource.query('UPDATE session SET second_factor = false');
      const blocked = await request(testApp.http).get('/v1/memberships').set(admin.auth);
      expect(blocked.status).toBe(403);
      expect(blocked.body.type).toMatch(/second-factor-required/);

      const enrolment = await request(testApp.http).post('/v1/me/totp').set(admin.auth);
      expect(enrolment.status).toBe(201);
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolment.body.secret) });
      const code = () => totp.generate({ timestamp: testApp.clock.now().getTime() });
      const wrong = await request(testApp.http)
        .post('/v1/me/totp/confirmations')
        .set(admin.auth)
        .send({ code: '000000' === code() ? '111111' : '000000' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.invalidParams).toEqual([{ name: 'code', reason: 'is not the current code' }]);
      expect((await request(testApp.http).post('/v1/me/totp/confirmations').set(admin.auth).send({ code: code() })).status).toBe(204);
      expect((await request(testApp.http).get('/v1/memberships').set(admin.auth)).status).toBe(200);

      expect((await signIn(admin.email)).status).toBe(401);
      // The confirmation used this time step's code; each code counts once.
      testApp.clock.advance(30_000);
      const withCode = await signIn(admin.email, TEST_PASSWORD, { totpCode: code() });
      expect(withCode.status).toBe(201);
      expect(withCode.body.secondFactorRequired).toBe(false);
    });

    it('leads an admin without the second factor to its setup page, and lets any staff member set it up there', async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      await testApp.dataSource.query('UPDATE session SET second_factor = false');
      const page = await request(testApp.http).get('/portal/admin/users').set('Cookie', `${SESSION_COOKIE}=${admin.token}`);
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/portal/two-factor');
      const setup = await request(testApp.http).get('/portal/two-factor').set('Cookie', `${SESSION_COOKIE}=${admin.token}`);
      expect(setup.status).toBe(200);
      expect(setup.text).toContain('<svg');
      expect(setup.text).not.toContain('class="site-nav"');

      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const optional = await request(testApp.http).get('/portal/two-factor').set('Cookie', `${SESSION_COOKIE}=${coach.token}`);
      expect(optional.status).toBe(200);
      expect(optional.text).toContain('id="totp-secret"');
      expect(optional.text).toContain('class="site-nav"');
      // The same secret again on a reload, so an app that scanned it keeps working.
      const again = await request(testApp.http).get('/portal/two-factor').set('Cookie', `${SESSION_COOKIE}=${coach.token}`);
      const secretOf = (html: string) => /id="totp-secret"[^>]*>([^<]+)</.exec(html)?.[1];
      expect(secretOf(again.text)).toBe(secretOf(optional.text));
    });

    it('signs in once with each recovery code instead of the app code; new codes replace the old ones', async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      const enrolment = await request(testApp.http).post('/v1/me/totp').set(admin.auth);
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolment.body.secret) });
      const code = totp.generate({ timestamp: testApp.clock.now().getTime() });
      expect((await request(testApp.http).post('/v1/me/totp/confirmations').set(admin.auth).send({ code })).status).toBe(204);
      // Only hashes are kept: no code in clear beside them once they have been shown.
      const stored = await testApp.dataSource.query('SELECT code_hash, code_encrypted FROM totp_recovery_code WHERE user_id = $1', [
        admin.userId,
      ]);
      expect(stored).toHaveLength(10);
      const shown = await testApp.app.get(AuthService).revealRecoveryCodes({ userId: admin.userId } as Actor);
      expect(shown).toHaveLength(10);
      expect(await testApp.app.get(AuthService).revealRecoveryCodes({ userId: admin.userId } as Actor)).toEqual([]);

      const created = await request(testApp.http).post('/v1/me/totp/recovery-codes').set(admin.auth);
      expect(created.status).toBe(201);
      expect(created.body.codes).toHaveLength(10);
      const [first, second] = created.body.codes as string[];
      expect(first).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      const rows = await testApp.dataSource.query(
        'SELECT count(*)::int AS n, count(code_encrypted)::int AS readable FROM totp_recovery_code WHERE user_id = $1',
        [admin.userId],
      );
      expect(rows[0]).toEqual({ n: 10, readable: 0 });

      const withRecovery = await signIn(admin.email, TEST_PASSWORD, { totpCode: first!.toLowerCase().replace('-', '') });
      expect(withRecovery.status).toBe(201);
      expect(withRecovery.body.secondFactorRequired).toBe(false);
      expect((await signIn(admin.email, TEST_PASSWORD, { totpCode: first })).status).toBe(401);
      expect((await signIn(admin.email, TEST_PASSWORD, { totpCode: second })).status).toBe(201);
      expect((await signIn(admin.email, TEST_PASSWORD, { totpCode: 'not a code' })).status).toBe(400);
    });
  });

  describe('sign-in links for participants', () => {
    async function participantAccount() {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
      return createUser(testApp, organisation.id, 'participant', { participantId });
    }

    it('signs in once, only in the browser that asked', async () => {
      const participant = await participantAccount();
      const browser = request.agent(testApp.http);
      const asked = await browser.post('/v1/auth/magic-links').send({ email: participant.email });
      expect(asked.status).toBe(202);
      const token = tokenFromMail((await mailTo(participant.email))!);

      // Another browser is asked for the code shown where the link was requested; the link is not spent.
      const otherBrowser = await request(testApp.http).post('/v1/auth/magic-links/redemptions').send({ token });
      expect(otherBrowser.status).toBe(401);
      expect(otherBrowser.body.type).toContain('browser-code-needed');

      const redeemed = await browser.post('/v1/auth/magic-links/redemptions').send({ token });
      expect(redeemed.status).toBe(201);
      expect(redeemed.body.role).toBe('participant');
      expect((await browser.get('/v1/me')).body.role).toBe('participant');

      const again = await browser.post('/v1/auth/magic-links/redemptions').send({ token });
      expect(again.status).toBe(410);
    });

    it('works on another device with the code shown to the browser that asked; wrong codes spend it', async () => {
      const participant = await participantAccount();
      const asking = request.agent(testApp.http);
      const asked = await asking.post('/v1/auth/magic-links').send({ email: participant.email });
      const nonce = /wb_link_nonce=([^;]+)/.exec(String(asked.headers['set-cookie']))![1];
      const code = testApp.app.get(AuthService).browserCode(nonce);
      const token = tokenFromMail((await mailTo(participant.email))!);
      const wrong = code === '000000' ? '111111' : '000000';

      const phone = request.agent(testApp.http);
      const once = await phone.post('/v1/auth/magic-links/redemptions').send({ token, browserCode: wrong });
      expect(once.status).toBe(401);
      expect(once.body.invalidParams).toEqual([{ name: 'browserCode', reason: expect.any(String) }]);
      const right = await phone.post('/v1/auth/magic-links/redemptions').send({ token, browserCode: code });
      expect(right.status).toBe(201);
      expect((await phone.get('/v1/me')).body.role).toBe('participant');

      // A leaked link tried with guessed codes stops working after three.
      const again = await asking.post('/v1/auth/magic-links').send({ email: participant.email });
      const secondNonce = /wb_link_nonce=([^;]+)/.exec(String(again.headers['set-cookie']))![1];
      const leaked = tokenFromMail((await mailTo(participant.email))!);
      const secondCode = testApp.app.get(AuthService).browserCode(secondNonce);
      const guesses = ['000001', '000002', '000003', '000004'].filter((guess) => guess !== secondCode).slice(0, 3);
      const thief = request.agent(testApp.http);
      for (const guess of guesses) await thief.post('/v1/auth/magic-links/redemptions').send({ token: leaked, browserCode: guess });
      expect((await thief.post('/v1/auth/magic-links/redemptions').send({ token: leaked, browserCode: secondCode })).status).toBe(410);
    });

    it('expires after its short lifetime', async () => {
      const participant = await participantAccount();
      const browser = request.agent(testApp.http);
      await browser.post('/v1/auth/magic-links').send({ email: participant.email });
      const token = tokenFromMail((await mailTo(participant.email))!);
      testApp.clock.advance(16 * MINUTE);
      expect((await browser.post('/v1/auth/magic-links/redemptions').send({ token })).status).toBe(410);
    });

    it('answers an unknown address like a known one and sends nothing', async () => {
      const response = await request(testApp.http).post('/v1/auth/magic-links').send({ email: 'unknown@nowhere.test' });
      expect(response.status).toBe(202);
      expect(response.body.message).toBe('If this address is known, a message is on its way.');
      expect(await mailTo('unknown@nowhere.test')).toBeUndefined();
    });

    it('sends staff no link unless the organisation allows it', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      await request(testApp.http).post('/v1/auth/magic-links').send({ email: coach.email });
      expect(await mailTo(coach.email)).toBeUndefined();
      await testApp.dataSource.query(`UPDATE organisation SET settings = '{"staffMagicLinkAllowed": true}' WHERE id = $1`, [
        organisation.id,
      ]);
      await request(testApp.http).post('/v1/auth/magic-links').send({ email: coach.email });
      expect((await mailTo(coach.email))?.template).toBe('sign-in-link');
    });
  });

  describe('sessions', () => {
    it('signs out this session, and everywhere', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const first = (await signIn(coach.email)).body.token;
      const second = (await signIn(coach.email)).body.token;
      expect((await request(testApp.http).delete('/v1/auth/sessions/current').set('Authorization', `Bearer ${first}`)).status).toBe(204);
      expect((await request(testApp.http).get('/v1/me').set('Authorization', `Bearer ${first}`)).status).toBe(401);
      expect((await request(testApp.http).get('/v1/me').set('Authorization', `Bearer ${second}`)).status).toBe(200);
      expect((await request(testApp.http).delete('/v1/auth/sessions').set('Authorization', `Bearer ${second}`)).status).toBe(204);
      expect((await request(testApp.http).get('/v1/me').set('Authorization', `Bearer ${second}`)).status).toBe(401);
      expect((await request(testApp.http).get('/v1/me').set(coach.auth)).status).toBe(401);
    });

    it('ends a session after 30 idle minutes, and after 12 hours however active', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      testApp.clock.advance(29 * MINUTE);
      expect((await request(testApp.http).get('/v1/me').set(coach.auth)).status).toBe(200);
      testApp.clock.advance(31 * MINUTE);
      expect((await request(testApp.http).get('/v1/me').set(coach.auth)).status).toBe(401);

      const active = (await signIn(coach.email)).body.token;
      for (let hour = 0; hour < 12 * 3; hour++) {
        testApp.clock.advance(20 * MINUTE);
        const status = (await request(testApp.http).get('/v1/me').set('Authorization', `Bearer ${active}`)).status;
        expect(status).toBe(hour < 12 * 3 - 1 ? 200 : 401);
      }
    });

    it('requires a CSRF token on changes through the cookie session, not through a bearer token', async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      const browser = request.agent(testApp.http);
      await testApp.dataSource.query('UPDATE user_account SET totp_enabled = false WHERE id = $1', [admin.userId]);
      const signedIn = await browser.post('/v1/auth/sessions').send({ email: admin.email, password: TEST_PASSWORD });
      await testApp.dataSource.query('UPDATE session SET second_factor = true');
      const withoutToken = await browser.post('/v1/teams').send({ name: 'Team Zuid' });
      expect(withoutToken.status).toBe(403);
      expect(withoutToken.body.type).toMatch(/csrf-token-invalid/);
      const withToken = await browser.post('/v1/teams').set('X-CSRF-Token', signedIn.body.csrfToken).send({ name: 'Team Zuid' });
      expect(withToken.status).toBe(201);
      const forged = await browser
        .post('/v1/teams')
        .set('X-CSRF-Token', `${signedIn.body.csrfToken.slice(0, -2)}xx`)
        .send({ name: 'Team West' });
      expect(forged.status).toBe(403);
      const bearer = await request(testApp.http).post('/v1/teams').set(admin.auth).send({ name: 'Team Oost' });
      expect(bearer.status).toBe(201);
    });

    it('ends the sessions of an account that an admin disables', async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const disabled = await request(testApp.http)
        .patch(`/v1/memberships/${coach.membershipId}`)
        .set(admin.auth)
        .send({ status: 'disabled' });
      expect(disabled.status).toBe(200);
      expect((await request(testApp.http).get('/v1/me').set(coach.auth)).status).toBe(401);
      expect((await signIn(coach.email)).status).toBe(401);
    });
  });

  describe('invitations', () => {
    it('lets an admin invite a coach, who sets a strong password and is signed in', async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      const invited = await request(testApp.http)
        .post('/v1/invitations')
        .set(admin.auth)
        .send({ email: 'Nieuwe.Coach@werkfit.test', displayName: 'Nieuwe Coach', role: 'jobcoach' });
      expect(invited.status).toBe(201);
      const mail = (await mailTo('nieuwe.coach@werkfit.test'))!;
      expect(mail.template).toBe('invitation');
      const token = tokenFromMail(mail);

      const missing = await request(testApp.http).post('/v1/auth/invitations/redemptions').send({ token });
      expect(missing.status).toBe(400);
      expect(missing.body.invalidParams).toEqual([{ name: 'password', reason: 'is required to set up your account' }]);
      const weak = await request(testApp.http).post('/v1/auth/invitations/redemptions').send({ token, password: 'password1234' });
      expect(weak.status).toBe(400);
      expect(weak.body.invalidParams[0]).toMatchObject({ name: 'password', reason: expect.stringMatching(/common|guess/) });
      const short = await request(testApp.http).post('/v1/auth/invitations/redemptions').send({ token, password: 'kort' });
      expect(short.body.invalidParams[0]).toEqual({ name: 'password', reason: 'must be at least 12 characters' });

      const accepted = await request(testApp.http).post('/v1/auth/invitations/redemptions').send({ token, password: STRONG });
      expect(accepted.status).toBe(201);
      expect(accepted.body.role).toBe('jobcoach');
      expect((await request(testApp.http).post('/v1/auth/invitations/redemptions').send({ token, password: STRONG })).status).toBe(410);
      expect((await signIn('nieuwe.coach@werkfit.test', STRONG)).status).toBe(201);
    });

    it('lets a coach invite a participant on their caseload, who needs no password', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
      const invited = await request(testApp.http)
        .post('/v1/invitations')
        .set(coach.auth)
        .send({ email: 'fatima@deelnemer.test', displayName: 'Fatima', role: 'participant', participantId });
      expect(invited.status).toBe(201);
      const token = tokenFromMail((await mailTo('fatima@deelnemer.test'))!);
      const accepted = await request(testApp.http).post('/v1/auth/invitations/redemptions').send({ token });
      expect(accepted.status).toBe(201);
      expect(accepted.body.role).toBe('participant');
    });

    it('refuses invitations beyond the inviter role or caseload', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const otherCoach = await createUser(testApp, organisation.id, 'jobcoach');
      const notMine = await createParticipant(testApp.dataSource, organisation.id, otherCoach.membershipId);
      const asAdmin = await request(testApp.http)
        .post('/v1/invitations')
        .set(coach.auth)
        .send({ email: 'x@y.test', displayName: 'X', role: 'admin' });
      expect(asAdmin.status).toBe(403);
      const otherCaseload = await request(testApp.http)
        .post('/v1/invitations')
        .set(coach.auth)
        .send({ email: 'x@y.test', displayName: 'X', role: 'participant', participantId: notMine });
      expect(otherCaseload.status).toBe(404);
      const noEmployer = await request(testApp.http)
        .post('/v1/invitations')
        .set((await createUser(testApp, organisation.id, 'admin')).auth)
        .send({ email: 'x@y.test', displayName: 'X', role: 'employer_user' });
      expect(noEmployer.status).toBe(400);
      expect(noEmployer.body.invalidParams).toEqual([{ name: 'employerId', reason: 'is required for role employer_user' }]);
    });
  });

  describe('password reset', () => {
    it('sets a new password with a single-use link and ends every session', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const asked = await request(testApp.http).post('/v1/auth/password-resets').send({ email: coach.email });
      expect(asked.status).toBe(202);
      const token = tokenFromMail((await mailTo(coach.email))!);
      expect((await request(testApp.http).post('/v1/auth/password-resets/redemptions').send({ token, password: STRONG })).status).toBe(204);
      expect((await request(testApp.http).get('/v1/me').set(coach.auth)).status).toBe(401);
      expect((await signIn(coach.email)).status).toBe(401);
      expect((await signIn(coach.email, STRONG)).status).toBe(201);
      expect(
        (
          await request(testApp.http)
            .post('/v1/auth/password-resets/redemptions')
            .send({ token, password: `${STRONG}x` })
        ).status,
      ).toBe(410);
    });

    it('expires after 30 minutes and reveals nothing for unknown addresses', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      await request(testApp.http).post('/v1/auth/password-resets').send({ email: coach.email });
      const token = tokenFromMail((await mailTo(coach.email))!);
      testApp.clock.advance(31 * MINUTE);
      expect((await request(testApp.http).post('/v1/auth/password-resets/redemptions').send({ token, password: STRONG })).status).toBe(410);
      const unknown = await request(testApp.http).post('/v1/auth/password-resets').send({ email: 'nobody@nowhere.test' });
      expect(unknown.status).toBe(202);
      expect(await mailTo('nobody@nowhere.test')).toBeUndefined();
    });
  });
});
