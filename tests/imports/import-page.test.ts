import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { MAX_IMPORT_BYTES } from '../../src/imports/imports.service.js';
import { createOrganisation, createUser, type TestOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const PAGE = '/portal/admin/imports';
const PARTICIPANTS = 'externalReference,firstName,lastName,email\nCRM-1,Fatima,El Amrani,fatima@example.nl\nCRM-2,Piet,Jansen,\n';

interface Browser {
  /** The Cookie header a browser would send: the session and the CSRF cookie. */
  cookie: string;
  /** The `_csrf` field of the page's form. */
  csrf: string;
}

describe('import page: uploading a CSV file through the portal', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;
  let admin: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' } });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
  });
  afterAll(() => testApp.close());

  /** Opens the page with the session cookie, as a browser does, and keeps its form token (bound to the session). */
  async function openPage(user: TestUser): Promise<Browser> {
    const page = await request(testApp.http).get(PAGE).set('Cookie', `${SESSION_COOKIE}=${user.token}`);
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    expect(csrf).toBeDefined();
    return { cookie: `${SESSION_COOKIE}=${user.token}`, csrf: csrf! };
  }

  function submit(
    browser: Browser,
    fields: { kind?: string; csrf?: string | null },
    file?: { content: string | Buffer; name?: string; type?: string },
  ) {
    let pending = request(testApp.http).post(PAGE).set('Cookie', browser.cookie);
    // The order of a browser: the hidden token first (right after <form>), then the fields, the file last.
    if (fields.csrf !== null) pending = pending.field('_csrf', fields.csrf ?? browser.csrf);
    pending = pending.field('kind', fields.kind ?? 'participants');
    const name = file?.name ?? 'deelnemers.csv';
    return file
      ? pending.attach('file', Buffer.from(file.content), { filename: name, contentType: file.type ?? 'text/csv' })
      : pending.attach('file', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' });
  }

  async function runs() {
    return testApp.dataSource.query<Array<{ id: string; kind: string; status: string }>>(
      'SELECT id, kind, status FROM import_run WHERE organisation_id = $1',
      [organisation.id],
    );
  }

  it('starts the import with the API service, redirects back to the page, and the run completes there', async () => {
    const browser = await openPage(admin);
    const posted = await submit(browser, { kind: 'participants' }, { content: PARTICIPANTS });
    expect(posted.status).toBe(303);
    const location = new URL(String(posted.headers.location), 'http://werkbrug.test');
    expect(location.pathname).toBe(PAGE);
    const [run] = await runs();
    expect(run).toMatchObject({ kind: 'participants' });
    expect(location.searchParams.get('started')).toBe(run.id);

    await waitForQueuesToDrain(testApp);
    await eventually(async () => (await runs())[0]?.status === 'completed');
    const people = await testApp.dataSource.query(
      'SELECT external_reference, first_name, last_name, email FROM participant WHERE organisation_id = $1 ORDER BY external_reference',
      [organisation.id],
    );
    expect(people).toEqual([
      { external_reference: 'CRM-1', first_name: 'Fatima', last_name: 'El Amrani', email: 'fatima@example.nl' },
      { external_reference: 'CRM-2', first_name: 'Piet', last_name: 'Jansen', email: null },
    ]);
    const [audit] = await testApp.dataSource.query("SELECT actor_user_id FROM audit_event WHERE resource_type = 'import_run'");
    expect(audit).toEqual({ actor_user_id: admin.userId });

    const after = await request(testApp.http).get(`${location.pathname}${location.search}`).set('Cookie', browser.cookie);
    expect(after.status).toBe(200);
    expect(after.text).toContain('role="status"');
    expect(after.text).toContain('Het bestand is ontvangen');
    expect(after.text).toContain('Klaar');
    expect(after.text).toContain('2 van 2 regels verwerkt');
    expect(after.text).toContain(`id="progress-${run.id}" max="100" value="100"`);
  });

  it('refuses a file with a column the kind does not know, with 400 and the column named at the file field', async () => {
    const browser = await openPage(admin);
    const response = await submit(
      browser,
      { kind: 'participants' },
      { content: 'externalReference,firstName,lastName,shoeSize\nCRM-1,A,B,44\n' },
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('class="utrecht-alert utrecht-alert--error error-summary"');
    expect(response.text).toMatch(/<a class="utrecht-link" href="#field-file">[^<]*shoeSize[^<]*<\/a>/);
    expect(response.text).toMatch(/id="error-file">.*shoeSize/);
    expect(response.text).toContain('aria-describedby="hint-file error-file"');
    // The chosen kind stays chosen.
    expect(response.text).toMatch(/<option value="participants" selected>/);
    expect(await runs()).toEqual([]);
  });

  it('names the field for a missing kind or file, and refuses what is not CSV or too large', async () => {
    const browser = await openPage(admin);
    const nothing = await submit(browser, { kind: '' });
    expect(nothing.status).toBe(400);
    expect(nothing.text).toContain('href="#field-kind"');
    expect(nothing.text).toContain('href="#field-file"');
    expect(nothing.text).toContain('Kies een CSV-bestand.');

    const workbook = await submit(
      browser,
      {},
      {
        content: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 1)]),
        name: 'deelnemers.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    );
    expect(workbook.status).toBe(415);
    expect(workbook.text).toContain('deelnemers.xlsx is geen CSV-bestand');
    const renamed = await submit(browser, {}, { content: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 1)]) });
    expect(renamed.status).toBe(415);
    expect(renamed.text).toContain('href="#field-file"');
    const latin1 = await submit(browser, {}, { content: Buffer.from('externalReference,firstName,lastName\nCRM-9,Zoë,Ünal\n', 'latin1') });
    expect(latin1.status).toBe(415);
    expect(latin1.text).toContain('UTF-8');

    const large = await submit(browser, {}, { content: Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a') });
    expect(large.status).toBe(413);
    expect(large.text).toContain('groter dan 20 MB');
    expect(await runs()).toEqual([]);
  });

  it('refuses a form post without a valid CSRF token, and keeps the page to admins', async () => {
    const browser = await openPage(admin);
    const withoutToken = await submit(browser, { csrf: null }, { content: PARTICIPANTS });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.text).toContain('did not come from Werkbrug');
    const forged = await submit(browser, { csrf: `${browser.csrf.slice(0, -2)}xx` }, { content: PARTICIPANTS });
    expect(forged.status).toBe(403);
    // The token belongs to the session cookie: another admin's page token does not fit.
    const other = await openPage(await createUser(testApp, organisation.id, 'admin'));
    const mixed = await submit({ cookie: browser.cookie, csrf: other.csrf }, {}, { content: PARTICIPANTS });
    expect(mixed.status).toBe(403);
    // A token in the query string is not looked at.
    const inUrl = await request(testApp.http)
      .post(`${PAGE}?_csrf=${encodeURIComponent(browser.csrf)}`)
      .set('Cookie', browser.cookie)
      .field('kind', 'participants')
      .attach('file', Buffer.from(PARTICIPANTS), { filename: 'deelnemers.csv', contentType: 'text/csv' });
    expect(inUrl.status).toBe(403);

    const coach = await createUser(testApp, organisation.id, 'jobcoach');
    const coachPage = await request(testApp.http).get(PAGE).set('Cookie', `${SESSION_COOKIE}=${coach.token}`);
    expect(coachPage.status).toBe(403);
    const coachPost = await submit(
      { cookie: `${SESSION_COOKIE}=${coach.token}; ${browser.cookie.split('; ')[1]}`, csrf: browser.csrf },
      {},
      { content: PARTICIPANTS },
    );
    expect(coachPost.status).toBe(403);
    const anonymous = await request(testApp.http)
      .post(PAGE)
      .field('kind', 'participants')
      .attach('file', Buffer.from(PARTICIPANTS), { filename: 'deelnemers.csv', contentType: 'text/csv' });
    expect(anonymous.status).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/portal\/sign-in/);
    expect(await runs()).toEqual([]);
  });
});
