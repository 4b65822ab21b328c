import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const SINGLE_LINE = 'must be a single line (no line breaks)';

describe('line breaks and value types in the API and in portal forms', () => {
  let testApp: TestApp;
  let admin: TestUser;
  let coach: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    const organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
    coach = await createUser(testApp, organisation.id, 'jobcoach');
  });
  afterAll(() => testApp.close());

  /** A signed-in browser on a portal page: its cookies and the page form's CSRF token. */
  async function browserOn(user: TestUser, page: string): Promise<{ cookie: string; csrf: string }> {
    const opened = await request(testApp.http).get(page).set('Cookie', `${SESSION_COOKIE}=${user.token}`);
    expect(opened.status).toBe(200);
    // Form tokens are signed with the session's own secret: no separate CSRF cookie.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(opened.text)?.[1];
    expect(csrf).toBeTruthy();
    return { cookie: `${SESSION_COOKIE}=${user.token}`, csrf: csrf! };
  }

  const participants = async () => (await testApp.dataSource.query('SELECT count(*)::int AS n FROM participant'))[0].n as number;

  it('refuses CR or LF in a single-line API field with 400 naming it, and keeps line breaks in free text', async () => {
    const create = (body: object) => request(testApp.http).post('/v1/participants').set(coach.auth).send(body);
    for (const firstName of ['Ayşe\nYılmaz', 'Ayşe\r\nYılmaz', 'Ayşe\r']) {
      const refused = await create({ firstName, lastName: 'Yılmaz' });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body.invalidParams).toEqual([{ name: 'firstName', reason: SINGLE_LINE }]);
    }
    expect(await participants()).toBe(0);
    const accepted = await create({ firstName: 'Łukasz', lastName: 'Żółć', privateNotes: 'Eerste gesprek.\r\nTweede regel.' });
    expect(accepted.status).toBe(201);
    const changed = await request(testApp.http)
      .patch(`/v1/participants/${accepted.body.id}`)
      .set(coach.auth)
      .send({ lastName: 'Żółć\nNowak', version: 1 });
    expect(changed.status).toBe(400);
    expect(changed.body.invalidParams).toEqual([{ name: 'lastName', reason: SINGLE_LINE }]);

    // The document says so: a pattern without line breaks on single-line fields (and list items), none on free text.
    const schemas = (await request(testApp.http).get('/v1/openapi.json')).body.components.schemas;
    const pattern = new RegExp(schemas.CreateParticipantDto.properties.firstName.pattern);
    expect([pattern.test('Ayşe Yılmaz'), pattern.test('Ayşe\nYılmaz'), pattern.test('Ayşe\rYılmaz')]).toEqual([true, false, false]);
    expect(schemas.CreateParticipantDto.properties.privateNotes.pattern).toBeUndefined();
    expect(schemas.PutProfileDto.properties.skills.items.pattern).toBe(schemas.CreateParticipantDto.properties.firstName.pattern);
  });

  it('refuses a line break in a single-line portal field, showing the form again with the field named', async () => {
    const browser = await browserOn(admin, '/portal/admin/users');
    const invite = await request(testApp.http)
      .post('/portal/admin/invitations')
      .set('Cookie', browser.cookie)
      .type('form')
      .send({ _csrf: browser.csrf, email: 'ayse@werkbrug.test', displayName: 'Ayşe\r\nYılmaz', role: 'jobcoach', locale: 'nl' });
    expect(invite.status).toBe(400);
    expect(invite.text).toContain('href="#field-displayName"');
    expect(invite.text).toContain('moet op één regel staan, zonder Enter.');
    const [{ n }] = await testApp.dataSource.query("SELECT count(*)::int AS n FROM membership WHERE status <> 'active'");
    expect(n).toBe(0);
  });

  it('answers a portal form posted as JSON, or as multipart without a file upload, with 415', async () => {
    const json = await request(testApp.http)
      .post('/portal/sign-in')
      .send({ email: ['a@b.nl', 'c@d.nl'], password: 12345678, totpCode: { $gt: '' } });
    expect(json.status).toBe(415);
    expect(json.headers['content-type']).toMatch(PROBLEM);
    expect(json.body.detail).toMatch(/application\/x-www-form-urlencoded/);

    const browser = await browserOn(admin, '/portal/admin/users');
    const multipart = await request(testApp.http)
      .post('/portal/admin/invitations')
      .set('Cookie', browser.cookie)
      .field('_csrf', browser.csrf)
      .field('email', 'ayse@werkbrug.test');
    expect(multipart.status).toBe(415);
    const jsonSignedIn = await request(testApp.http)
      .post('/portal/admin/invitations')
      .set('Cookie', browser.cookie)
      .send({ _csrf: browser.csrf, email: 'ayse@werkbrug.test', displayName: 7, role: 'jobcoach' });
    expect(jsonSignedIn.status).toBe(415);
    const [{ n }] = await testApp.dataSource.query("SELECT count(*)::int AS n FROM membership WHERE status <> 'active'");
    expect(n).toBe(0);
  });

  it('answers a repeated form field with 400 naming it, never a server error', async () => {
    const signIn = await request(testApp.http)
      .post('/portal/sign-in')
      .type('form')
      .send('email=a%40werkbrug.test&email=b%40werkbrug.test&password=geheim-wachtwoord');
    expect(signIn.status).toBe(400);
    expect(signIn.headers['content-type']).toMatch(/^text\/html/);
    expect(signIn.text).toContain('href="#field-email"');
    expect(signIn.text).toContain('E-mailadres: vul één waarde in.');

    const browser = await browserOn(admin, '/portal/admin/users');
    const invite = await request(testApp.http)
      .post('/portal/admin/invitations')
      .set('Cookie', browser.cookie)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(browser.csrf)}&email=ayse%40werkbrug.test&displayName=Ay%C5%9Fe&displayName=Ay%C5%9Fe&role=jobcoach`,
      );
    expect(invite.status).toBe(400);
    expect(invite.text).toContain('href="#field-displayName"');

    // A field read on its own (not through a DTO) is refused the same way, on the error page.
    const reset = await request(testApp.http).post('/portal/new-password').type('form').send('token=a&token=b&password=geheim-wachtwoord');
    expect(reset.status).toBe(400);
    expect(reset.text).toContain('Het formulier klopt niet');
    expect(reset.text).toContain('token');
  });
});
