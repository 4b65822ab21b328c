import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MailTransport } from '../../src/platform/mail/mail-transport.js';
import { Transactions } from '../../src/platform/database/transactions.js';
import { MailService } from '../../src/platform/mail/mail.service.js';
import { JobName, QueueName } from '../../src/platform/queue/queue.constants.js';
import { RecordingTransport, smtpError } from '../support/recording-transport.js';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, queueBackends, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

async function mailStatus(testApp: TestApp, id: string): Promise<{ status: string; attempts: number; last_error: string | null }> {
  const [row] = await testApp.dataSource.query('SELECT status, attempts, last_error FROM mail_message WHERE id = $1', [id]);
  return row;
}

describe.each(queueBackends())('queues on the %s backend', (backend) => {
  let apps: TestApp[] = [];
  let transport: RecordingTransport;

  async function boot(role: 'all' | 'api' | 'worker' = 'all'): Promise<TestApp> {
    const testApp = await createTestApp({
      queue: backend,
      role,
      env: { QUEUE_BACKOFF_MS: '50' },
      customize: (builder) => builder.overrideProvider(MailTransport).useValue(transport),
    });
    apps.push(testApp);
    return testApp;
  }

  let admin: TestUser;

  beforeEach(async () => {
    transport = new RecordingTransport();
    const first = await boot('api');
    await resetState(first);
    admin = await createUser(first, (await createOrganisation(first.dataSource)).id, 'admin');
  });

  afterEach(async () => {
    for (const testApp of apps.reverse()) await testApp.close();
    apps = [];
  });

  it('processes a job queued through the API', async () => {
    const worker = await boot('all');
    const response = await request(worker.http).post('/v1/mail/test-messages').set(admin.auth).send({ recipient: 'beheer@gemeente.nl' });
    expect(response.status).toBe(202);
    await eventually(async () => (await mailStatus(worker, response.body.id)).status === 'sent');
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({ to: 'beheer@gemeente.nl', subject: 'Testbericht van Werkbrug' });
    expect(String(transport.sent[0].text)).toContain('De e-mail van Werkbrug werkt');
  });

  it('processes a job queued while no worker ran once a worker starts', async () => {
    const api = apps[0];
    const response = await request(api.http)
      .post('/v1/mail/test-messages')
      .set(admin.auth)
      .send({ recipient: 'a@gemeente.nl', locale: 'en' });
    expect(response.status).toBe(202);
    expect((await api.queues.counts()).waiting).toBe(1);
    await api.close();
    apps = [];

    const worker = await boot('worker');
    await eventually(async () => (await mailStatus(worker, response.body.id)).status === 'sent');
    expect(transport.sent.map((m) => m.subject)).toEqual(['Test message from Werkbrug']);
  });

  it('runs the same job once when it is queued twice', async () => {
    const api = apps[0];
    const mail = api.app.get(MailService);
    const request1 = {
      organisationId: null,
      template: 'test-message',
      locale: 'nl' as const,
      to: 'x@y.nl',
      context: { requestedBy: 'test' },
      dedupeKey: 'same-purpose',
    };
    const first = await mail.queue(request1);
    const second = await mail.queue(request1);
    expect(second).toBe(first);
    await api.queues.enqueue(JobName.SendMail, { mailId: first }, { key: first });
    expect((await api.queues.counts()).waiting).toBe(1);

    const worker = await boot('worker');
    await eventually(async () => (await mailStatus(worker, first)).status === 'sent');
    await waitForQueuesToDrain(worker);
    expect(transport.sent).toHaveLength(1);
  });

  it('hands a mail recorded in a transaction to the queue only after the commit, and never after a rollback', async () => {
    const api = apps[0];
    const mail = api.app.get(MailService);
    const transactions = api.app.get(Transactions);
    const about = (dedupeKey: string, to: string) => ({
      organisationId: null,
      template: 'test-message',
      locale: 'nl' as const,
      to,
      context: { requestedBy: 'test' },
      dedupeKey,
    });
    let queuedInside: number | undefined;
    const id = await transactions.run(async () => {
      const recorded = await mail.record(about('after-commit', 'na@gemeente.nl'));
      await mail.dispatch(recorded);
      queuedInside = (await api.queues.counts()).waiting;
      return recorded;
    });
    expect(queuedInside).toBe(0);
    expect((await api.queues.counts()).waiting).toBe(1);

    await expect(
      transactions.run(async () => {
        await mail.queue(about('rolled-back', 'nooit@gemeente.nl'));
        throw new Error('the use case fails after recording its mail');
      }),
    ).rejects.toThrow('the use case fails');
    expect((await api.queues.counts()).waiting).toBe(1);
    expect(await api.dataSource.query("SELECT id FROM mail_message WHERE dedupe_key = 'rolled-back'")).toEqual([]);

    const worker = await boot('worker');
    await eventually(async () => (await mailStatus(worker, id)).status === 'sent');
    await waitForQueuesToDrain(worker);
    expect(transport.sent.map((m) => m.to)).toEqual(['na@gemeente.nl']);
  });

  it('retries a transient failure and gives up at once on a permanent one', async () => {
    const worker = await boot('all');
    transport.script(() => {
      throw smtpError(421, 'try again later');
    });
    const transient = await request(worker.http).post('/v1/mail/test-messages').set(admin.auth).send({ recipient: 'a@b.nl' });
    await eventually(async () => (await mailStatus(worker, transient.body.id)).status === 'sent');
    expect(await mailStatus(worker, transient.body.id)).toMatchObject({ attempts: 2, last_error: null });

    transport.script(() => {
      throw smtpError(550, 'mailbox unavailable');
    });
    const permanent = await request(worker.http).post('/v1/mail/test-messages').set(admin.auth).send({ recipient: 'gone@b.nl' });
    await eventually(async () => (await mailStatus(worker, permanent.body.id)).status === 'failed');
    await waitForQueuesToDrain(worker);
    expect(await mailStatus(worker, permanent.body.id)).toMatchObject({ attempts: 1, last_error: 'mailbox unavailable' });
    expect(transport.sent.map((m) => m.to)).toEqual(['a@b.nl']);
  });

  it('sends a batch, and takes a refused mail out of it: retried alone, or failed when permanent', async () => {
    const worker = await boot('all');
    const mail = worker.app.get(MailService);
    const recipients = Array.from({ length: 25 }, (_, i) => `coach${i}@werkbrug.test`);
    const requests = recipients.map((to, i) => ({
      organisationId: null,
      template: 'test-message',
      locale: 'nl' as const,
      to,
      context: { requestedBy: `Coach ${i}` },
      dedupeKey: `batch-test.${i}`,
    }));
    transport.script(
      () => {
        throw smtpError(421, 'try again later');
      },
      () => {
        throw smtpError(550, 'mailbox unavailable');
      },
    );
    const ids = await mail.recordMany(requests);
    expect(ids).toHaveLength(25);
    // Recording the same purposes again creates nothing.
    expect(await mail.recordMany(requests)).toEqual([]);
    await mail.dispatchMany(ids);
    await eventually(async () => {
      const [{ open }] = await worker.dataSource.query(
        "SELECT count(*)::int AS open FROM mail_message WHERE dedupe_key LIKE 'batch-test.%' AND status NOT IN ('sent', 'failed')",
      );
      return open === 0;
    });
    await waitForQueuesToDrain(worker);
    const rows: Array<{ status: string; attempts: number; last_error: string | null }> = await worker.dataSource.query(
      "SELECT status, attempts, last_error FROM mail_message WHERE dedupe_key LIKE 'batch-test.%'",
    );
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(24);
    expect(rows.filter((row) => row.status === 'failed')).toEqual([{ status: 'failed', attempts: 1, last_error: 'mailbox unavailable' }]);
    expect(rows.filter((row) => row.attempts === 2)).toEqual([{ status: 'sent', attempts: 2, last_error: null }]);
    // Every delivered mail reached the transport exactly once.
    expect(transport.sent).toHaveLength(24);
    expect(new Set(transport.sent.map((message) => message.messageId)).size).toBe(24);
  });

  it('never sends a mail that another job is sending, and takes it over once that claim lapses', async () => {
    const worker = await boot('all');
    const mail = worker.app.get(MailService);
    const id = await mail.record({
      organisationId: null,
      template: 'test-message',
      locale: 'nl',
      to: 'claimed@werkbrug.test',
      context: { requestedBy: 'Werkbrug' },
      dedupeKey: 'claim-test',
    });
    await worker.dataSource.query(
      "UPDATE mail_message SET claimed_by = 'job:other', claimed_until = now() + interval '1 minute' WHERE id = $1",
      [id],
    );
    await worker.queues.enqueue(JobName.SendMail, { mailId: id }, { key: `${id}.first` });
    await worker.queues.enqueue(JobName.SendMailBatch, { mailIds: [id] }, { key: `${id}.batch` });
    await waitForQueuesToDrain(worker);
    expect(transport.sent).toEqual([]);
    expect(await mailStatus(worker, id)).toMatchObject({ status: 'queued', attempts: 0 });

    // The other job died with its claim; once the claim lapses, a new job sends the mail, once.
    await worker.dataSource.query("UPDATE mail_message SET claimed_until = now() - interval '1 second' WHERE id = $1", [id]);
    await worker.queues.enqueue(JobName.SendMail, { mailId: id }, { key: `${id}.second` });
    await worker.queues.enqueue(JobName.SendMailBatch, { mailIds: [id] }, { key: `${id}.batch2` });
    await waitForQueuesToDrain(worker);
    expect(transport.sent.map((message) => message.to)).toEqual(['claimed@werkbrug.test']);
    const [row] = await worker.dataSource.query('SELECT status, attempts, claimed_by, claimed_until FROM mail_message WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'sent', attempts: 1, claimed_by: null, claimed_until: null });
  });

  it('finishes a running job before shutting down', async () => {
    const worker = await boot('all');
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      transport.script(
        () =>
          new Promise<void>((done) => {
            release = done;
            resolve();
          }),
      );
    });
    const response = await request(worker.http).post('/v1/mail/test-messages').set(admin.auth).send({ recipient: 'slow@b.nl' });
    await started;
    const closing = worker.close();
    release();
    await closing;
    apps = apps.filter((a) => a !== worker);
    expect(await mailStatus(apps[0], response.body.id)).toMatchObject({ status: 'sent' });
  });

  it('schedules the outbox sweep and the help-request reconciler when a worker starts, not in an API process', async () => {
    const schedulers = async (testApp: TestApp, queue: QueueName) =>
      (await testApp.queues.queue(queue).getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.name, scheduler.every]);
    expect(await schedulers(apps[0], QueueName.Mail)).toEqual([]);
    const worker = await boot('worker');
    expect(await schedulers(worker, QueueName.Mail)).toContainEqual(['mail-sweep-outbox', JobName.SweepOutbox, 60_000]);
    expect(await schedulers(worker, QueueName.Scheduler)).toContainEqual([
      'help-requests-reconcile',
      JobName.HelpRequestsReconcile,
      15 * 60_000,
    ]);
  });
});
