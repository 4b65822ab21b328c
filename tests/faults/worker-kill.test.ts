import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, workerDatabaseUrl } from '../support/test-app.js';
import { ScriptedSmtpServer } from './smtp-server.js';
import { freePort, RedisProcess, until } from './support.js';
import { WerkbrugProcess } from './worker-process.js';

/**
 * A worker process is killed (SIGKILL) while the mail server has the message
 * but has not answered yet. Another worker recovers the stalled job once its
 * lock expires and sends the mail: one outbox row sent, and at most the one
 * allowed resend, with the same Message-ID.
 */
describe('a worker killed mid-job', () => {
  let redis: RedisProcess;
  let smtp: ScriptedSmtpServer;
  let api: TestApp;
  let admin: TestUser;
  const workers: WerkbrugProcess[] = [];
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    smtp = new ScriptedSmtpServer(await freePort());
    await smtp.listen();
    const databaseUrl = await workerDatabaseUrl();
    api = await createTestApp({ queue: 'redis', role: 'api', databaseUrl, env: { REDIS_URL: redis.url } });
    await resetState(api);
    admin = await createUser(api, (await createOrganisation(api.dataSource)).id, 'admin');
    workerEnv = {
      WERKBRUG_ROLE: 'worker',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_BACKEND: 'redis',
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      QUEUE_BACKOFF_MS: '100',
      SMTP_URL: smtp.url(60_000),
      APP_SECRET: process.env.APP_SECRET!,
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS!,
    };
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await api?.close().catch(() => undefined);
    await smtp?.close();
    await redis?.stop();
  });

  it('is picked up again by another worker and completes once', async () => {
    // The first connection gets the message and then keeps the client waiting.
    smtp.next({ kind: 'delay', ms: 30_000 });
    const first = new WerkbrugProcess(workerEnv);
    workers.push(first);
    await first.ready();

    const response = await request(api.http).post('/v1/mail/test-messages').set(admin.auth).send({ recipient: 'crash@gemeente.test' });
    expect(response.status).toBe(202);
    const mailId: string = response.body.id;

    await until('the mail server has the message in flight', () => smtp.inFlight === 1, 30_000);
    await first.kill('SIGKILL');
    expect((await api.queues.counts()).active).toBe(1); // the job is still locked by the dead worker

    const second = new WerkbrugProcess(workerEnv);
    workers.push(second);
    await second.ready();

    await eventually(async () => {
      const [row] = await api.dataSource.query('SELECT status FROM mail_message WHERE id = $1', [mailId]);
      return row.status === 'sent';
    }, 30_000);

    const rows = await api.dataSource.query('SELECT id, status, message_id FROM mail_message');
    expect(rows).toEqual([expect.objectContaining({ id: mailId, status: 'sent' })]);
    expect(smtp.accepted()).toHaveLength(1);
    expect(smtp.received.length).toBeLessThanOrEqual(2);
    expect(new Set(smtp.received.map((message) => message.messageId))).toEqual(new Set([rows[0].message_id]));
    const counts = await api.queues.counts();
    expect(counts.active + counts.waiting + counts.failed).toBe(0);
  });
});
