import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { OidcService } from '../../src/identity/oidc/oidc.service.js';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { FieldEncryption } from '../../src/platform/crypto/field-encryption.js';
import { createOrganisation, createUser, type TestOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

const PAGE = '/portal/admin/sign-in-services';
const SECRET = 'geheim-van-de-makelaar';

describe('sign-in services: the admin adds, turns off and turns on a broker in the portal', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;
  let admin: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
  });
  afterAll(() => testApp.close());

  async function open(user: TestUser): Promise<{ cookie: string; csrf: string; text: string }> {
    const page = await request(testApp.http).get(PAGE).set('Cookie', `${SESSION_COOKIE}=${user.token}`);
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    return { cookie: `${SESSION_COOKIE}=${user.token}`, csrf: csrf!, text: page.text };
  }

  function post(browser: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) {
    return request(testApp.http)
      .post(path)
      .set('Cookie', browser.cookie)
      .type('form')
      .send({ _csrf: browser.csrf, ...fields });
  }

  const digid = {
    label: 'Inloggen met DigiD',
    issuer: 'https://broker.example.nl',
    clientId: 'werkbrug',
    clientSecret: SECRET,
    acrSubstantial: 'urn:nl:digid:loa:midden urn:nl:digid:loa:substantieel',
    participantMin: 'substantial',
  };

  it('stores the secret encrypted, lists the service without it, audits, and hides a turned-off button', async () => {
    const browser = await open(admin);
    const added = await post(browser, PAGE, digid);
    expect(added.status).toBe(303);
    const [row] = await testApp.dataSource.query(
      'SELECT id, client_secret, assurance_levels, participant_min_assurance FROM oidc_provider',
    );
    expect(row.client_secret).not.toContain(SECRET);
    expect(testApp.app.get(FieldEncryption).decrypt(row.client_secret)).toBe(SECRET);
    expect(row.assurance_levels).toEqual({ 'urn:nl:digid:loa:midden': 2, 'urn:nl:digid:loa:substantieel': 2 });
    expect(row.participant_min_assurance).toBe(2);
    expect(added.headers.location).toBe(`${PAGE}?added=${row.id}`);

    const listed = await request(testApp.http).get(added.headers.location).set('Cookie', browser.cookie);
    expect(listed.text).toContain('De inlogdienst Inloggen met DigiD is toegevoegd');
    expect(listed.text).toContain('https://broker.example.nl');
    expect(listed.text).toContain('Deelnemers, minimaal niveau substantieel');
    expect(listed.text).not.toContain(SECRET);
    const oidc = testApp.app.get(OidcService);
    await expect(oidc.buttonsForOrganisation(organisation.slug)).resolves.toHaveLength(1);

    const off = await post(browser, `${PAGE}/${row.id}/state`, { active: 'off' });
    expect(off.status).toBe(303);
    expect(off.headers.location).toBe(`${PAGE}?changed=off`);
    await expect(oidc.buttonsForOrganisation(organisation.slug)).resolves.toHaveLength(0);
    const on = await post(browser, `${PAGE}/${row.id}/state`, { active: 'on' });
    expect(on.status).toBe(303);
    await expect(oidc.buttonsForOrganisation(organisation.slug)).resolves.toHaveLength(1);

    const audit = await testApp.dataSource.query(
      "SELECT action, resource_id, fields FROM audit_event WHERE resource_type = 'oidc_provider' ORDER BY id",
    );
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'update']);
    expect(audit.every((entry: { resource_id: string }) => entry.resource_id === row.id)).toBe(true);
  });

  it('shows the rules of the script in Dutch at the fields and writes nothing', async () => {
    const browser = await open(admin);
    const wrong = await post(browser, PAGE, { ...digid, issuer: 'ftp://broker', acrSubstantial: '', employerMin: 'high' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('id="error-issuer"');
    expect(wrong.text).toContain('Vul een adres in dat begint met https://.');
    expect(wrong.text).toContain('id="error-acrLow"');
    expect(wrong.text).toContain('id="error-kvkClaim"');
    expect(wrong.text).not.toContain(SECRET);
    const missing = await post(browser, PAGE, { ...digid, clientSecret: '', label: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('id="error-clientSecret"');
    expect(missing.text).toContain('id="error-label"');
    await expect(testApp.dataSource.query('SELECT id FROM oidc_provider')).resolves.toHaveLength(0);
  });

  it('is for the admin of the same organisation only', async () => {
    const other = await createOrganisation(testApp.dataSource, 'Ander Werk');
    const id = await testApp.app.get(OidcService).addProvider(other.id, {
      label: 'DigiD',
      issuer: 'https://broker.example.nl',
      clientId: 'x',
      clientSecret: SECRET,
      scopes: 'openid',
      subjectClaim: 'sub',
      kvkClaim: null,
      assuranceLevels: { a: 2 },
      participantMinAssurance: 2,
      employerMinAssurance: null,
    });
    const browser = await open(admin);
    expect(browser.text).not.toContain('broker.example.nl');
    const foreign = await post(browser, `${PAGE}/${id}/state`, { active: 'off' });
    expect(foreign.status).toBe(404);
    const coach = await createUser(testApp, organisation.id, 'jobcoach');
    const refused = await request(testApp.http).get(PAGE).set('Cookie', `${SESSION_COOKIE}=${coach.token}`);
    expect(refused.status).toBe(403);
  });
});
