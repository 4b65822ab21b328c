import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp } from '../support/test-app.js';
import { ScriptedSmtpServer } from './smtp-server.js';
import { freePort } from './support.js';

/** Mail through nodemailer to a real (local) SMTP server that refuses, fails for good, or hangs. */
describe('the mail server refusing or timing out', () => {
  let smtp: ScriptedSmtpServer;
  let testApp: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    smtp = new ScriptedSmtpServer(await freePort());
    await smtp.listen();
    testApp = await createTestApp({ env: { SMTP_URL: smtp.url(), QUEUE_BACKOFF_MS: '100' } });
    await resetState(testApp);
    admin = await createUser(testApp, (await createOrganisation(testApp.dataSource)).id, 'admin');
  }, 60_000);

  afterAll(async () => {
    await testApp?.close();
    await smtp?.close();
    delete process.env.SMTP_URL;
  });

  beforeEach(() => {
    smtp.received.length = 0;
    smtp.fallback = { kind: 'accept' };
  });

  const sendTestMessage = async (recipient: string): Promise<string> => {
    const response = await request(testApp.http).post('/v1/mail/test-messages').set(admin.auth).send({ recipient });
    expect(response.status).toBe(202);
    return response.body.id;
  };
  const status = async (id: string) => (await request(testApp.http).get(`/v1/mail/messages/${id}`).set(admin.auth)).body;

  it('retries after transient refusals (421, 451) and delivers once', async () => {
    smtp.next({ kind: 'reject', code: 421, message: 'Service not available, try later' });
    smtp.next({ kind: 'reject', code: 451, message: 'Local error, try again later' });
    const id = await sendTestMessage('transient@gemeente.test');
    const done = await eventually(async () => {
      const body = await status(id);
      return body.status === 'sent' ? body : undefined;
    }, 30_000);
    expect(done.attempts).toBe(3);
    expect(smtp.accepted()).toHaveLength(1);
    // Every try carried the same Message-ID, so a receiving server can drop a duplicate.
    expect(new Set(smtp.received.map((message) => message.messageId)).size).toBe(1);
  });

  it('marks a permanent refusal (550) failed at once, without retrying, and shows it to the admin', async () => {
    smtp.next({ kind: 'reject', code: 550, message: 'No such user here' });
    const id = await sendTestMessage('unknown@gemeente.test');
    const failed = await eventually(async () => {
      const body = await status(id);
      return body.status === 'failed' ? body : undefined;
    }, 30_000);
    expect(failed).toMatchObject({ id, status: 'failed', attempts: 1 });
    // Give a wrongly scheduled retry the time to show up: there must be none.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.received).toHaveLength(1);
    expect((await status(id)).attempts).toBe(1);

    const list = await request(testApp.http).get('/v1/mail/messages').query({ status: 'failed' }).set(admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(list.body.items.every((item: { status: string }) => item.status === 'failed')).toBe(true);
    const coach = await createUser(testApp, admin.organisationId, 'jobcoach');
    expect((await request(testApp.http).get('/v1/mail/messages').query({ status: 'failed' }).set(coach.auth)).status).toBe(403);
  });

  it('times out on a server that accepts the connection but never answers, and retries', async () => {
    smtp.next({ kind: 'hang' });
    const id = await sendTestMessage('slow@gemeente.test');
    const sent = await eventually(async () => {
      const body = await status(id);
      return body.status === 'sent' ? body : undefined;
    }, 30_000);
    expect(sent.attempts).toBe(2);
    expect(smtp.accepted()).toHaveLength(1);
    const [row] = await testApp.dataSource.query('SELECT last_error FROM mail_message WHERE id = $1', [id]);
    expect(row.last_error).toBeNull();
  });
});
