import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Public } from '../../src/platform/auth/policy.decorator.js';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/**
 * Routes that make the database itself raise the errors the filter maps:
 * a real unique violation and an unexpected failure with internals in it.
 */
@Controller('test-fixtures')
@Public()
class FailureFixtureController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('duplicates')
  async duplicate(): Promise<void> {
    const insert =
      "INSERT INTO mail_message (dedupe_key, template, locale, recipient, message_id) VALUES ('same', 't', 'nl', 'a@b.nl', 'm1')";
    await this.dataSource.query(insert);
    await this.dataSource.query(insert.replace("'m1'", "'m2'"));
  }

  @Get('crash')
  crash(): never {
    throw new Error('secret internals: password=hunter2 at /srv/app.js:12');
  }
}

const PROBLEM = /^application\/problem\+json/;

describe('HTTP errors as problem+json (RFC 9457, NL API Design Rules)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ controllers: [FailureFixtureController], env: { HTTP_BODY_LIMIT: '2kb' } });
  });
  let admin: TestUser;
  beforeEach(async () => {
    await resetState(testApp);
    const organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
  });
  afterAll(() => testApp.close());

  it('names each invalid field with invalidParams', async () => {
    const response = await request(testApp.http)
      .post('/v1/mail/test-messages')
      .set(admin.auth)
      .send({ recipient: 'not-an-address', locale: 'de' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({
      type: expect.stringContaining('invalid-input'),
      title: 'Bad Request',
      status: 400,
      instance: '/v1/mail/test-messages',
    });
    const names = response.body.invalidParams.map((param: { name: string }) => param.name).sort();
    expect(names).toEqual(['locale', 'recipient']);
  });

  it('refuses a date that does not exist with 400 naming the field, and stores nothing', async () => {
    const response = await request(testApp.http)
      .post('/v1/rule-parameters')
      .set(admin.auth)
      .send({ key: 'reassessmentIntervalMonths', valueNumber: 6, validFrom: '2027-02-30', source: 'Besluit MT 2026' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.invalidParams).toEqual([{ name: 'validFrom', reason: 'must be a date (YYYY-MM-DD)' }]);
    const [{ n }] = await testApp.dataSource.query(
      "SELECT count(*)::int AS n FROM organisation_rule_parameter WHERE source = 'Besluit MT 2026'",
    );
    expect(n).toBe(0);
  });

  it('refuses a NUL byte or other control character in any field or query parameter with 400 naming it, and stores nothing', async () => {
    const rule = (source: string, extra: object = {}) =>
      request(testApp.http)
        .post('/v1/rule-parameters')
        .set(admin.auth)
        .send({ key: 'reassessmentIntervalMonths', valueNumber: 6, validFrom: '2027-02-01', source, ...extra });
    const nul = await rule('Besluit MT\u0000 2026');
    expect(nul.status).toBe(400);
    expect(nul.headers['content-type']).toMatch(PROBLEM);
    expect(nul.body.invalidParams).toEqual([{ name: 'source', reason: 'must not contain control characters' }]);
    const nested = await rule('Besluit MT 2026', { notes: { lines: ['fine', 'bell\u0007'] } });
    expect(nested.status).toBe(400);
    expect(nested.body.invalidParams).toEqual([{ name: 'notes.lines[1]', reason: 'must not contain control characters' }]);
    const query = await request(testApp.http).get('/v1/participants?q=%00').set(admin.auth);
    expect(query.status).toBe(400);
    expect(query.body.invalidParams).toEqual([{ name: 'q', reason: 'must not contain control characters' }]);
    const form = await request(testApp.http).post('/portal/sign-in').type('form').send('email=a%00b%40c.nl&password=x');
    expect(form.status).toBe(400);
    expect(form.body.invalidParams).toEqual([{ name: 'email', reason: 'must not contain control characters' }]);
    const [{ n }] = await testApp.dataSource.query(
      "SELECT count(*)::int AS n FROM organisation_rule_parameter WHERE source LIKE 'Besluit MT%'",
    );
    expect(n).toBe(0);
    // Tabs and line breaks are text people write.
    expect((await rule('Besluit MT\t2026,\nregel 2')).status).toBe(201);
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const response = await request(testApp.http)
      .post('/v1/mail/test-messages')
      .set(admin.auth)
      .send({ recipient: 'a@b.nl', isAdmin: true });
    expect(response.status).toBe(400);
    expect(response.body.invalidParams).toEqual([{ name: 'isAdmin', reason: 'is not a known field' }]);
    const stored = await testApp.dataSource.query('SELECT count(*)::int AS n FROM mail_message');
    expect(stored[0].n).toBe(0);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await request(testApp.http)
      .post('/v1/mail/test-messages')
      .set('Content-Type', 'application/json')
      .send('{"recipient": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.invalidParams).toEqual([{ name: 'body', reason: 'is not valid JSON' }]);
  });

  it('answers a wrong content type with 415', async () => {
    const response = await request(testApp.http)
      .post('/v1/mail/test-messages')
      .set(admin.auth)
      .set('Content-Type', 'text/plain')
      .send('recipient=a@b.nl');
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(testApp.http)
      .post('/v1/mail/test-messages')
      .send({ recipient: 'a@b.nl', padding: 'x'.repeat(4096) });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers unknown routes and unknown ids with 404', async () => {
    const route = await request(testApp.http).get('/v1/no-such-thing');
    expect(route.status).toBe(404);
    expect(route.headers['content-type']).toMatch(PROBLEM);
    const id = await request(testApp.http).get('/v1/mail/messages/6c1f0d2e-2b7c-4f55-9d8e-0d3b8f1f9a11').set(admin.auth);
    expect(id.status).toBe(404);
    expect(id.body.detail).toMatch(/does not exist/);
  });

  it('answers a malformed id with 400 naming the parameter', async () => {
    const response = await request(testApp.http).get('/v1/mail/messages/12').set(admin.auth);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers a unique-constraint conflict with 409 and keeps nothing half-written', async () => {
    const response = await request(testApp.http).post('/v1/test-fixtures/duplicates');
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.stringify(response.body)).not.toMatch(/mail_message|dedupe|duplicate key/);
  });

  it('answers an unexpected failure with 500 and leaks no internals', async () => {
    const response = await request(testApp.http).get('/v1/test-fixtures/crash');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|secret|\.js/);
  });

  it('sends API-Version and a request id on every response, echoing a valid incoming id', async () => {
    const ok = await request(testApp.http).get('/health/live').set('X-Request-ID', 'abcdef12-trace');
    expect(ok.headers['api-version']).toBe('1.0.0');
    expect(ok.headers['x-request-id']).toBe('abcdef12-trace');
    const bad = await request(testApp.http)
      .post('/v1/mail/test-messages')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send('{');
    expect(bad.headers['api-version']).toBe('1.0.0');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document with contact, servers and operation ids', async () => {
    const response = await request(testApp.http).get('/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.info.contact).toMatchObject({ name: 'Werkbrug', email: expect.any(String), url: expect.any(String) });
    expect(response.body.servers[0].url).toMatch(/\/v1$/);
    for (const item of Object.values(response.body.paths) as Array<Record<string, { operationId?: string }>>) {
      for (const operation of Object.values(item)) expect(operation.operationId).toEqual(expect.any(String));
    }
  });
});
