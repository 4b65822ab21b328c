import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createOrganisation, createParticipant, createUser, TEST_PASSWORD, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

/** The local mail outbox: a development tool, for an organisation's admins and for each recipient's own mail only. */
describe('outbox access', () => {
  let testApp: TestApp;
  let adminA: TestUser;
  let adminB: TestUser;
  let coachA: TestUser;
  let participantA: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'all' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    const orgA = await createOrganisation(testApp.dataSource, 'Org A');
    const orgB = await createOrganisation(testApp.dataSource, 'Org B');
    adminA = await createUser(testApp, orgA.id, 'admin');
    adminB = await createUser(testApp, orgB.id, 'admin');
    coachA = await createUser(testApp, orgA.id, 'jobcoach');
    const participantId = await createParticipant(testApp.dataSource, orgA.id, coachA.membershipId);
    participantA = await createUser(testApp, orgA.id, 'participant', { participantId });
  });
  afterAll(() => testApp.close());

  /** A browser signed in through the portal (cookie session); admins with their second factor confirmed. */
  async function browserOf(user: TestUser) {
    const browser = request.agent(testApp.http);
    const signedIn = await browser.post('/v1/auth/sessions').send({ email: user.email, password: TEST_PASSWORD });
    expect(signedIn.status).toBe(201);
    if (user.role === 'admin') await testApp.dataSource.query('UPDATE session SET second_factor = true WHERE user_id = $1', [user.userId]);
    return browser;
  }

  /** A browser that asked for the participant's sign-in link; answers it with the mail's id. */
  async function askLink(): Promise<{ browser: ReturnType<typeof request.agent>; mailId: string }> {
    const browser = request.agent(testApp.http);
    const asked = await browser.post('/portal/sign-in/link').type('form').send({ linkEmail: participantA.email });
    expect(asked.status).toBe(303);
    const page = await browser.get(asked.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/outbox/mine"');
    // The page after asking shows what is needed then (the code, where the mail is, asking again), no password form.
    expect(page.text).toContain('id="browser-code"');
    expect(page.text).not.toContain('type="password"');
    expect(page.text).toContain('href="/portal/sign-in#link-title"');
    await waitForQueuesToDrain(testApp);
    const [row] = await testApp.dataSource.query("SELECT id FROM mail_message WHERE recipient = $1 AND template = 'sign-in-link'", [
      participantA.email,
    ]);
    return { browser, mailId: row.id };
  }

  it('refuses anonymous visitors', async () => {
    const { mailId } = await askLink();
    const list = await request(testApp.http).get('/outbox');
    expect(list.status).toBe(303);
    expect(list.headers.location).toBe('/portal/sign-in');
    expect((await request(testApp.http).get(`/outbox/${mailId}`)).status).toBe(404);
    const mine = await request(testApp.http).get('/outbox/mine');
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain(mailId);
    // In Dutch, like the portal it serves.
    expect(mine.text).toContain('<html lang="nl">');
    expect(mine.text).toContain('Nog geen e-mail.');
  });

  it("shows an admin their own organisation's mail only", async () => {
    const { mailId } = await askLink();
    const ownAdmin = await browserOf(adminA);
    const list = await ownAdmin.get('/outbox');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/outbox/${mailId}`);
    const mail = await ownAdmin.get(`/outbox/${mailId}`);
    expect(mail.status).toBe(200);
    expect(mail.text).toMatch(/portal\/link\?token(=|&#x3D;)/);
  });

  it("refuses another organisation's admin", async () => {
    const { mailId } = await askLink();
    const otherAdmin = await browserOf(adminB);
    const list = await otherAdmin.get('/outbox');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(mailId);
    expect(list.text).not.toContain(participantA.email);
    expect((await otherAdmin.get(`/outbox/${mailId}`)).status).toBe(404);
  });

  it('does not open the organisation view to an admin before the second factor, nor to other roles', async () => {
    const { mailId } = await askLink();
    const coach = await browserOf(coachA);
    const list = await coach.get('/outbox');
    expect(list.status).toBe(303);
    expect(list.headers.location).toBe('/outbox/mine');
    expect((await coach.get(`/outbox/${mailId}`)).status).toBe(404);

    const admin = request.agent(testApp.http);
    expect((await admin.post('/v1/auth/sessions').send({ email: adminA.email, password: TEST_PASSWORD })).status).toBe(201);
    expect((await admin.get(`/outbox/${mailId}`)).status).toBe(404);
  });

  it('shows the recipient their own mail in the browser that asked, and signs them in with it', async () => {
    const { browser, mailId } = await askLink();
    const mine = await browser.get('/outbox/mine');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(`/outbox/${mailId}`);
    const mail = await browser.get(`/outbox/${mailId}`);
    expect(mail.status).toBe(200);
    const link = /\/portal\/link\?token(?:=|&#x3D;)([A-Za-z0-9_-]+)/.exec(mail.text)!;
    const signedIn = await browser.post('/portal/link').type('form').send({ token: link[1] });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/portal/me');

    // Another browser cannot read it, whatever address it types.
    const stranger = request.agent(testApp.http);
    await stranger.post('/portal/sign-in/link').type('form').send({ linkEmail: 'someone@else.test' });
    await waitForQueuesToDrain(testApp);
    expect((await stranger.get('/outbox/mine')).text).not.toContain(mailId);
    expect((await stranger.get(`/outbox/${mailId}`)).status).toBe(404);
  });

  it('shows a signed-in person the mail sent to them, not their colleagues', async () => {
    const { mailId } = await askLink();
    await request(testApp.http).post('/v1/auth/password-resets').send({ email: coachA.email });
    await waitForQueuesToDrain(testApp);
    const [reset] = await testApp.dataSource.query('SELECT id FROM mail_message WHERE recipient = $1', [coachA.email]);
    const coach = await browserOf(coachA);
    const mine = await coach.get('/outbox/mine');
    expect(mine.text).toContain(`/outbox/${reset.id}`);
    expect(mine.text).not.toContain(mailId);
    expect((await coach.get(`/outbox/${reset.id}`)).status).toBe(200);
  });

  it('never shows staff mail to the browser that asked for it: no reset or staff link takeover', async () => {
    await testApp.dataSource.query(`UPDATE organisation SET settings = '{"staffMagicLinkAllowed": true}' WHERE id = $1`, [
      coachA.organisationId,
    ]);
    const attacker = request.agent(testApp.http);
    await attacker.post('/portal/password-reset').type('form').send({ email: coachA.email });
    await attacker.post('/portal/sign-in/link').type('form').send({ linkEmail: coachA.email });
    await waitForQueuesToDrain(testApp);
    const mails: Array<{ id: string }> = await testApp.dataSource.query('SELECT id FROM mail_message WHERE recipient = $1', [coachA.email]);
    expect(mails).toHaveLength(2);
    const mine = await attacker.get('/outbox/mine');
    for (const mail of mails) {
      expect(mine.text).not.toContain(mail.id);
      expect((await attacker.get(`/outbox/${mail.id}`)).status).toBe(404);
    }
  });

  it('is not served in production', async () => {
    const { browser, mailId } = await askLink();
    const ownAdmin = await browserOf(adminA);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect((await ownAdmin.get('/outbox')).status).toBe(404);
      expect((await ownAdmin.get(`/outbox/${mailId}`)).status).toBe(404);
      expect((await browser.get('/outbox/mine')).status).toBe(404);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});

describe('outbox with SMTP configured', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // Nothing is sent in this test: the transport connects only when a mail goes out.
    testApp = await createTestApp({ role: 'api', env: { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_OUTBOX_UI: 'true' } });
  });
  afterAll(async () => {
    await testApp.close();
    delete process.env.SMTP_URL;
  });

  it('is not served, whatever MAIL_OUTBOX_UI says', async () => {
    await resetState(testApp);
    const organisation = await createOrganisation(testApp.dataSource);
    const admin = await createUser(testApp, organisation.id, 'admin');
    expect((await request(testApp.http).get('/outbox').set(admin.auth)).status).toBe(404);
    expect((await request(testApp.http).get('/outbox/mine')).status).toBe(404);
    const page = await request(testApp.http).post('/portal/sign-in/link').type('form').send({ linkEmail: 'someone@else.test' });
    expect(page.text).not.toContain('/outbox/mine');
  });
});
