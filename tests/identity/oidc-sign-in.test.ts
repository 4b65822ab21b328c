import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { OidcService } from '../../src/identity/oidc/oidc.service.js';
import { ManualClock } from '../../src/platform/clock/clock.js';
import { appConfig } from '../../src/platform/config/app.config.js';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createUser,
  lastMailTo,
  type TestOrganisation,
  type TestUser,
  tokenFromMail,
} from '../support/fixtures.js';
import {
  type BrokerLogin,
  DIGID_ACR,
  DIGID_CLIENT,
  digidProvider,
  EHERKENNING_ACR,
  eherkenningProvider,
  loginAtBroker,
  startTestBroker,
  type TestBroker,
} from '../support/oidc-test-provider.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const PENDING_COOKIE = 'wb_oidc';
const BSN = '999993653';

/** An attribute value as the browser reads it (Handlebars escapes = and &). */
function unescaped(html: string): string {
  return html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
}

function cookieFrom(response: request.Response, name: string): string | undefined {
  const lines = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const line = lines.find((entry) => entry.startsWith(`${name}=`) && !entry.startsWith(`${name}=;`));
  return line?.split(';')[0].slice(name.length + 1);
}

describe('sign-in through an OpenID Connect broker (DigiD, eHerkenning)', () => {
  let testApp: TestApp;
  let broker: TestBroker;
  let organisation: TestOrganisation;
  let digid: string;
  let eherkenning: string;
  let coach: TestUser;

  beforeAll(async () => {
    // The broker signs tokens with the real time; the app's clock starts there too.
    testApp = await createTestApp({ clock: new ManualClock(new Date()) });
    const publicUrl = testApp.app.get(appConfig.KEY).publicUrl;
    broker = await startTestBroker(`${publicUrl}/portal/oidc/callback`, `${publicUrl}/portal/sign-in`);
  });
  afterAll(async () => {
    await broker.stop();
    await testApp.close();
  });

  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set(new Date());
    broker.tamper = undefined;
    broker.foreignSignature = false;
    organisation = await createOrganisation(testApp.dataSource);
    const oidc = testApp.app.get(OidcService);
    digid = await oidc.addProvider(organisation.id, digidProvider(broker.issuer));
    eherkenning = await oidc.addProvider(organisation.id, eherkenningProvider(broker.issuer));
    coach = await createUser(testApp, organisation.id, 'jobcoach');
  });

  /** Follows a start link (signed in or not) to the broker: its address and the pending cookie. */
  async function start(path: string, session?: string): Promise<{ brokerUrl: string; pending: string }> {
    const pending = request(testApp.http).get(path);
    const response = await (session ? pending.set('Cookie', `${SESSION_COOKIE}=${session}`) : pending);
    expect(response.status).toBe(303);
    expect(String(response.headers.location)).toContain(`${broker.issuer}/auth?`);
    const brokerUrl = new URL(String(response.headers.location));
    expect(brokerUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(brokerUrl.searchParams.get('nonce')).toBeTruthy();
    return { brokerUrl: brokerUrl.href, pending: cookieFrom(response, PENDING_COOKIE)! };
  }

  function callback(back: URL, pending: string, session?: string) {
    const cookies = [`${PENDING_COOKIE}=${pending}`, ...(session ? [`${SESSION_COOKIE}=${session}`] : [])];
    return request(testApp.http).get(`${back.pathname}${back.search}`).set('Cookie', cookies.join('; '));
  }

  async function signIn(providerId: string, login: BrokerLogin) {
    const { brokerUrl, pending } = await start(`/portal/oidc/${providerId}/sign-in`);
    return callback(await loginAtBroker(brokerUrl, login), pending);
  }

  async function csrfOn(page: string, session: string): Promise<string> {
    const opened = await request(testApp.http).get(page).set('Cookie', `${SESSION_COOKIE}=${session}`);
    expect(opened.status).toBe(200);
    return /name="_csrf" value="([^"]+)"/.exec(opened.text)![1];
  }

  /** The explicit link step on the account page, while signed in another way. */
  async function link(user: TestUser, providerId: string, login: BrokerLogin) {
    const account = await request(testApp.http).get('/portal/account').set('Cookie', `${SESSION_COOKIE}=${user.token}`);
    expect(account.text).toContain(`href="/portal/oidc/${providerId}/link"`);
    const { brokerUrl, pending } = await start(`/portal/oidc/${providerId}/link`, user.token);
    return callback(await loginAtBroker(brokerUrl, login), pending, user.token);
  }

  async function participantUser(): Promise<TestUser> {
    const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
    return createUser(testApp, organisation.id, 'participant', { participantId });
  }

  async function audit(action: string): Promise<Array<{ fields: string[]; actor_user_id: string | null }>> {
    return testApp.dataSource.query('SELECT fields, actor_user_id FROM audit_event WHERE action = $1 ORDER BY id', [action]);
  }

  const identities = async () =>
    testApp.dataSource.query<Array<{ membership_id: string; subject_hash: Buffer }>>(
      'SELECT membership_id, subject_hash FROM oidc_identity',
    );

  const digidLogin: BrokerLogin = { subject: BSN, acr: DIGID_ACR.substantieel };

  it('offers the organisation’s services above the other ways to sign in, chosen by the organisation in the address', async () => {
    const page = await request(testApp.http).get(`/portal/sign-in?organisation=${organisation.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Inloggen met DigiD');
    expect(page.text).toContain(`/portal/oidc/${digid}/sign-in`);
    expect(page.text.indexOf('Inloggen met DigiD')).toBeLessThan(page.text.indexOf('name="password"'));
    const plain = await request(testApp.http).get('/portal/sign-in');
    expect(plain.text).not.toContain('Inloggen met DigiD');
  });

  it('refuses a provider configuration that would not work, naming the fields', async () => {
    const add = testApp.app.get(OidcService).addProvider(organisation.id, {
      ...eherkenningProvider('http://broker.example.nl'),
      scopes: 'kvk',
      kvkClaim: null,
      assuranceLevels: { [EHERKENNING_ACR.eh3]: 5 },
    });
    await expect(add).rejects.toMatchObject({
      invalidParams: ['issuer', 'scopes', 'assuranceLevels', 'kvkClaim'].map((name) => ({ name, reason: expect.any(String) })),
    });
    expect(await testApp.dataSource.query('SELECT id FROM oidc_provider')).toHaveLength(2);
  });

  it('shows a page, not an error, when the broker cannot be reached', async () => {
    const down = await testApp.app.get(OidcService).addProvider(organisation.id, digidProvider('http://127.0.0.1:9', 'DigiD (storing)'));
    const response = await request(testApp.http).get(`/portal/oidc/${down}/sign-in`);
    expect(response.status).toBe(503);
    expect(response.text).toContain('niet bereikbaar');
    expect((await audit('sign_in_failed')).at(-1)!.fields).toEqual(['sign-in', 'unreachable']);
  });

  it('links DigiD while signed in another way, then signs in with it at the level it gave, storing only a keyed hash', async () => {
    const participant = await participantUser();
    const linked = await link(participant, digid, digidLogin);
    expect(linked.status).toBe(303);
    expect(linked.headers.location).toBe('/portal/account?done=linked');
    const stored = await identities();
    expect(stored).toHaveLength(1);
    expect(stored[0].membership_id).toBe(participant.membershipId);
    expect(stored[0].subject_hash.equals(createHash('sha256').update(BSN).digest())).toBe(false);
    expect(stored[0].subject_hash.toString('latin1')).not.toContain(BSN);

    const signedIn = await signIn(digid, digidLogin);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/portal/me');
    const session = cookieFrom(signedIn, SESSION_COOKIE)!;
    const [row] = await testApp.dataSource.query(
      'SELECT assurance, oidc_provider_id FROM session WHERE membership_id = $1 AND assurance IS NOT NULL',
      [participant.membershipId],
    );
    expect(row.assurance).toBe(2);
    expect(row.oidc_provider_id).toBe(digid);
    expect((await request(testApp.http).get('/portal/me').set('Cookie', `${SESSION_COOKIE}=${session}`)).status).toBe(200);
    expect(await audit('link')).toHaveLength(1);
    expect((await audit('sign_in')).map((entry) => entry.actor_user_id)).toEqual([participant.userId]);
    const account = await request(testApp.http).get('/portal/account').set('Cookie', `${SESSION_COOKIE}=${session}`);
    expect(account.text).toContain('Inloggen met DigiD');
    expect(account.text).not.toContain(BSN);

    // The participant's data export (it asks for DigiD's level) names the linked service and when it was used, never the identifier.
    const exported = await request(testApp.http).get('/v1/me/data-export').set('Cookie', `${SESSION_COOKIE}=${session}`);
    expect(exported.status).toBe(200);
    expect(exported.body.sections.linkedSignIns).toEqual([
      { provider: expect.stringContaining('DigiD'), linkedAt: expect.any(String), lastUsedAt: expect.any(String) },
    ]);
    const hash = stored[0].subject_hash.toString('hex');
    expect(JSON.stringify(exported.body)).not.toMatch(new RegExp(`${BSN}|${hash}`));
  });

  it('refuses a wrong state, a replayed code, a wrong nonce, an expired or wrongly signed ID token and a wrong audience', async () => {
    const participant = await participantUser();
    expect((await link(participant, digid, digidLogin)).status).toBe(303);

    const refused = async (response: request.Response, reason: string) => {
      expect(response.status).toBe(401);
      expect(response.text).toContain('Inloggen is niet gelukt');
      expect(response.text).not.toContain(BSN);
      expect(cookieFrom(response, SESSION_COOKIE)).toBeUndefined();
      const failures = await audit('sign_in_failed');
      expect(failures.at(-1)!.fields).toEqual(['sign-in', reason]);
    };

    // Wrong state: the answer does not belong to the sign-in this browser started.
    let started = await start(`/portal/oidc/${digid}/sign-in`);
    let back = await loginAtBroker(started.brokerUrl, digidLogin);
    back.searchParams.set('state', 'another-state');
    await refused(await callback(back, started.pending), 'state');

    // A sign-in started more than ten minutes ago, or in another browser (no cookie), is refused before the broker is asked.
    started = await start(`/portal/oidc/${digid}/sign-in`);
    back = await loginAtBroker(started.brokerUrl, digidLogin);
    testApp.clock.advance(11 * 60_000);
    const late = await callback(back, started.pending);
    expect(late.status).toBe(401);
    expect(late.text).toContain('duurde te lang');
    testApp.clock.set(new Date());
    expect((await request(testApp.http).get(`${back.pathname}${back.search}`)).status).toBe(401);

    // Replayed code: the first use signs in, the second is refused by the broker.
    started = await start(`/portal/oidc/${digid}/sign-in`);
    back = await loginAtBroker(started.brokerUrl, digidLogin);
    expect((await callback(back, started.pending)).status).toBe(303);
    await refused(await callback(back, started.pending), 'token');

    const tampered: Array<[string, () => void]> = [
      ['nonce', () => (broker.tamper = (claims) => ({ ...claims, nonce: 'not-the-nonce' }))],
      ['expiry', () => (broker.tamper = (claims) => ({ ...claims, iat: claims.iat! - 7200, exp: claims.iat! - 3600 }))],
      ['signature', () => (broker.foreignSignature = true)],
      ['audience', () => (broker.tamper = (claims) => ({ ...claims, aud: 'another-client' }))],
    ];
    for (const [, tamper] of tampered) {
      broker.tamper = undefined;
      broker.foreignSignature = false;
      tamper();
      await refused(await signIn(digid, digidLogin), 'token');
    }
    broker.tamper = undefined;
    broker.foreignSignature = false;
    expect((await signIn(digid, digidLogin)).status).toBe(303);
    // The identifier is in no stored row: not in the audit log, the sessions or the links.
    for (const table of ['audit_event', 'session', 'oidc_identity', 'oidc_provider']) {
      const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM ${table} t WHERE row_to_json(t)::text LIKE $1`, [
        `%${BSN}%`,
      ]);
      expect({ table, n }).toEqual({ table, n: 0 });
    }
  });

  it('refuses a sign-in at too low a level of assurance', async () => {
    const participant = await participantUser();
    expect((await link(participant, digid, digidLogin)).status).toBe(303);
    const low = await signIn(digid, { subject: BSN, acr: DIGID_ACR.basis });
    expect(low.status).toBe(403);
    expect(low.text).toContain('te laag niveau');
    expect(cookieFrom(low, SESSION_COOKIE)).toBeUndefined();
    expect((await audit('sign_in_failed')).at(-1)!.fields).toEqual(['sign-in', 'assurance']);
  });

  it('links by an invitation that carries the link, and signs in with it afterwards', async () => {
    const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
    const email = 'fatima.uitnodiging@deelnemer.test';
    const invited = await request(testApp.http)
      .post('/v1/invitations')
      .set(coach.auth)
      .send({ email, displayName: 'Fatima El Amrani', role: 'participant', participantId });
    expect(invited.status).toBe(201);
    await waitForQueuesToDrain(testApp);
    const token = tokenFromMail((await lastMailTo(testApp.dataSource, email))!);
    const page = await request(testApp.http).get(`/portal/invitation?token=${token}`);
    expect(page.text).toContain(`/portal/oidc/${digid}/invitation?token`);
    expect(page.text).not.toContain(`/portal/oidc/${eherkenning}/invitation`);

    const started = await start(`/portal/oidc/${digid}/invitation?token=${token}`);
    const accepted = await callback(await loginAtBroker(started.brokerUrl, digidLogin), started.pending);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/portal/me');
    const [membership] = await testApp.dataSource.query("SELECT id, status FROM membership WHERE role = 'participant'");
    expect(membership.status).toBe('active');
    expect((await identities()).map((row) => row.membership_id)).toEqual([membership.id]);
    expect((await signIn(digid, digidLogin)).headers.location).toBe('/portal/me');

    // The invitation is spent: it cannot link a second identity.
    const again = await start(`/portal/oidc/${digid}/invitation?token=${token}`);
    const refused = await callback(await loginAtBroker(again.brokerUrl, { subject: '111222333', acr: DIGID_ACR.hoog }), again.pending);
    expect(refused.status).toBe(401);
    expect(await identities()).toHaveLength(1);
  });

  it('never links by e-mail address alone', async () => {
    const participant = await participantUser();
    const response = await signIn(digid, { subject: BSN, acr: DIGID_ACR.hoog, email: participant.email });
    expect(response.status).toBe(401);
    expect(response.text).toContain('nog niet gekoppeld');
    expect(cookieFrom(response, SESSION_COOKIE)).toBeUndefined();
    expect(await identities()).toHaveLength(0);
    expect((await audit('sign_in_failed')).at(-1)!.fields).toEqual(['sign-in', 'not-linked']);
  });

  it('matches the eHerkenning KvK number to the employer’s, and lets only a still active employer user in', async () => {
    const employerId = await createEmployer(testApp.dataSource, organisation.id);
    await testApp.dataSource.query("UPDATE employer SET kvk_number = '12345678' WHERE id = $1", [employerId]);
    const employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
    const account = await request(testApp.http).get('/portal/account').set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`);
    expect(account.text).toContain('Koppel Inloggen met eHerkenning');
    expect(account.text).toContain('U kunt ook inloggen met uw e-mailadres en wachtwoord.');
    expect(account.text).not.toContain('Koppel Inloggen met DigiD');

    const mismatch = await link(employerUser, eherkenning, { subject: 'eh-pseudonym-1', acr: EHERKENNING_ACR.eh3, kvk: '87654321' });
    expect(mismatch.status).toBe(403);
    expect(mismatch.text).toContain('KvK-nummer');
    expect(await identities()).toHaveLength(0);
    expect((await audit('sign_in_failed')).at(-1)!.fields).toEqual(['link', 'kvk']);

    const eh3 = { subject: 'eh-pseudonym-1', acr: EHERKENNING_ACR.eh3, kvk: '12345678' };
    expect((await link(employerUser, eherkenning, eh3)).headers.location).toBe('/portal/account?done=linked');
    expect((await signIn(eherkenning, eh3)).headers.location).toBe('/portal/employer');
    expect((await signIn(eherkenning, { ...eh3, kvk: '87654321' })).status).toBe(403);

    // No longer invited by the employer's admin: no way in, even with a valid eHerkenning.
    await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [employerUser.membershipId]);
    const disabled = await signIn(eherkenning, eh3);
    expect(disabled.status).toBe(403);
    expect((await audit('sign_in_failed')).at(-1)!.fields).toEqual(['sign-in', 'membership']);
  });

  it('unlinks a method, but not the last way to sign in', async () => {
    const participant = await participantUser();
    expect((await link(participant, digid, digidLogin)).status).toBe(303);
    const [{ id }] = await testApp.dataSource.query('SELECT id FROM oidc_identity');
    const csrf = await csrfOn('/portal/account', participant.token);
    const unlinked = await request(testApp.http)
      .post(`/portal/account/sign-in-methods/${id}/unlink`)
      .set('Cookie', `${SESSION_COOKIE}=${participant.token}`)
      .type('form')
      .send({ _csrf: csrf });
    expect(unlinked.status).toBe(303);
    expect(unlinked.headers.location).toBe('/portal/account?done=unlinked');
    expect(await identities()).toHaveLength(0);
    expect(await audit('unlink')).toHaveLength(1);
    expect((await signIn(digid, digidLogin)).status).toBe(401);

    // An employer user without a password, whose only way in is eHerkenning.
    const employerId = await createEmployer(testApp.dataSource, organisation.id);
    await testApp.dataSource.query("UPDATE employer SET kvk_number = '12345678' WHERE id = $1", [employerId]);
    const employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
    expect((await link(employerUser, eherkenning, { subject: 'eh-2', acr: EHERKENNING_ACR.eh4, kvk: '12345678' })).status).toBe(303);
    await testApp.dataSource.query('UPDATE user_account SET password_hash = NULL WHERE id = $1', [employerUser.userId]);
    const [only] = await testApp.dataSource.query('SELECT id FROM oidc_identity');
    const page = await request(testApp.http).get('/portal/account').set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`);
    expect(page.text).toContain('enige manier om in te loggen');
    const refused = await request(testApp.http)
      .post(`/portal/account/sign-in-methods/${only.id}/unlink`)
      .set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`)
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] });
    expect(refused.status).toBe(409);
    expect(await identities()).toHaveLength(1);
  });

  it('deletes the participant’s linked identities when the participant is erased', async () => {
    const participant = await participantUser();
    expect((await link(participant, digid, digidLogin)).status).toBe(303);
    const admin = await createUser(testApp, organisation.id, 'admin');
    const [{ participant_id: participantId }] = await testApp.dataSource.query('SELECT participant_id FROM membership WHERE id = $1', [
      participant.membershipId,
    ]);
    const erased = await request(testApp.http)
      .post(`/v1/participants/${participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);
    expect(await identities()).toHaveLength(0);
    expect((await signIn(digid, digidLogin)).status).toBe(401);
  });

  it('signs out at Werkbrug and offers the broker’s sign-out (RP-initiated logout)', async () => {
    const participant = await participantUser();
    expect((await link(participant, digid, digidLogin)).status).toBe(303);
    const session = cookieFrom(await signIn(digid, digidLogin), SESSION_COOKIE)!;
    const csrf = await csrfOn('/portal/me', session);
    const out = await request(testApp.http)
      .post('/portal/sign-out')
      .set('Cookie', `${SESSION_COOKIE}=${session}`)
      .type('form')
      .send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe(`/portal/oidc/signed-out?provider=${digid}`);
    expect((await request(testApp.http).get('/portal/me').set('Cookie', `${SESSION_COOKIE}=${session}`)).status).toBe(303);
    expect(await audit('sign_out')).toHaveLength(1);
    const page = await request(testApp.http).get(String(out.headers.location));
    expect(page.status).toBe(200);
    const href = unescaped(/href="([^"]*\/session\/end[^"]*)"/.exec(page.text)![1]);
    const end = new URL(href);
    expect(`${end.origin}${end.pathname}`).toBe(`${broker.issuer}/session/end`);
    expect(end.searchParams.get('client_id')).toBe(DIGID_CLIENT.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toMatch(/\/portal\/sign-in$/);
    // The broker accepts it: its sign-out confirmation is shown.
    expect((await fetch(end)).status).toBe(200);
  });

  it('asks for a higher level where the organisation offers DigiD, and the step-up gives it', async () => {
    const participant = await participantUser();
    const export1 = await request(testApp.http).get('/v1/me/data-export').set(participant.auth);
    expect(export1.status).toBe(403);
    expect(export1.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(export1.body).toMatchObject({ requiredAssurance: 'substantial', stepUp: '/portal/step-up?level=substantial' });
    expect(export1.body.detail).not.toContain(BSN);

    expect((await link(participant, digid, digidLogin)).status).toBe(303);
    // A step-up to high is not reached with substantial, and never switches to another person's account.
    const high = await start(`/portal/oidc/${digid}/step-up?level=high`, participant.token);
    expect(new URL(high.brokerUrl).searchParams.get('acr_values')).toBe(DIGID_ACR.hoog);
    const notHigh = await callback(await loginAtBroker(high.brokerUrl, digidLogin), high.pending, participant.token);
    expect(notHigh.status).toBe(403);
    const other = await participantUser();
    expect((await link(other, digid, { subject: '111222333', acr: DIGID_ACR.hoog })).status).toBe(303);
    const switched = await start(`/portal/oidc/${digid}/step-up?level=high`, participant.token);
    expect(
      (
        await callback(
          await loginAtBroker(switched.brokerUrl, { subject: '111222333', acr: DIGID_ACR.hoog }),
          switched.pending,
          participant.token,
        )
      ).status,
    ).toBe(403);
    expect((await audit('sign_in_failed')).map((entry) => entry.fields)).toEqual([
      ['step-up', 'assurance'],
      ['step-up', 'membership'],
    ]);

    const page = await request(testApp.http)
      .get('/portal/step-up?level=substantial')
      .set('Cookie', `${SESSION_COOKIE}=${participant.token}`);
    expect(page.status).toBe(200);
    expect(unescaped(page.text)).toContain(`/portal/oidc/${digid}/step-up?level=substantial`);
    const started = await start(`/portal/oidc/${digid}/step-up?level=substantial&next=/portal/my-data`, participant.token);
    const stepped = await callback(await loginAtBroker(started.brokerUrl, digidLogin), started.pending, participant.token);
    expect(stepped.status).toBe(303);
    expect(stepped.headers.location).toBe('/portal/my-data');
    const session = cookieFrom(stepped, SESSION_COOKIE)!;
    expect((await request(testApp.http).get('/v1/me/data-export').set('Authorization', `Bearer ${session}`)).status).toBe(200);
    // The session it replaced is gone.
    expect((await request(testApp.http).get('/v1/me').set(participant.auth)).status).toBe(401);
  });
});
