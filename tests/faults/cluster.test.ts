import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailService } from '../../src/platform/mail/mail.service.js';
import { JobName, QueueName } from '../../src/platform/queue/queue.constants.js';
import { jobIdFor } from '../../src/platform/queue/queue.service.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, workerDatabaseUrl } from '../support/test-app.js';
import { type ReceivedMessage, ScriptedSmtpServer } from './smtp-server.js';
import { freePort, RedisProcess, RoundRobinForwarder, until } from './support.js';
import { WerkbrugProcess } from './worker-process.js';

/**
 * The deployment the issue asks for: two API processes and two worker
 * processes against one PostgreSQL and one Redis, all on loopback.
 *
 * - A round-robin forwarder (a load balancer) sits in front of the two APIs.
 * - Each worker sends through its own local SMTP server, so what a server
 *   received is what that worker process sent: the honest "who did the work"
 *   signal (BullMQ's `processedBy` stays empty: the workers are not named).
 */
const CONCURRENCY = 4;
const REQUESTS = 300;
const SCHEDULED = 300;

type Copy = ReceivedMessage & { worker: 'A' | 'B' };

/** Runs `count` tasks with at most `width` of them at once; results in task order. */
async function inParallel<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) results[index] = await task(index);
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

describe('two API and two worker processes on one PostgreSQL and Redis', () => {
  let redis: RedisProcess;
  let smtpA: ScriptedSmtpServer;
  let smtpB: ScriptedSmtpServer;
  let testApp: TestApp;
  let forwarder: RoundRobinForwarder;
  let organisationId: string;
  let requesters: TestUser[];
  let workerA: WerkbrugProcess;
  let workerB: WerkbrugProcess;
  const processes: WerkbrugProcess[] = [];

  /** Every copy the two mail servers received of these Message-IDs, tagged with the worker that sent it. */
  const copiesOf = (messageIds: Iterable<string>): Copy[] => {
    const wanted = new Set(messageIds);
    return [
      ...smtpA.received.map((message): Copy => ({ ...message, worker: 'A' })),
      ...smtpB.received.map((message): Copy => ({ ...message, worker: 'B' })),
    ].filter((copy) => wanted.has(copy.messageId));
  };

  const mailRows = (dedupePrefix: string) =>
    testApp.dataSource.query(
      "SELECT id, message_id, status, attempts FROM mail_message WHERE dedupe_key LIKE $1 || '%' ORDER BY dedupe_key",
      [dedupePrefix],
    ) as Promise<Array<{ id: string; message_id: string; status: string; attempts: number }>>;

  const sentCount = async (dedupePrefix: string): Promise<number> => {
    const [row] = await testApp.dataSource.query(
      "SELECT count(*)::int AS n FROM mail_message WHERE dedupe_key LIKE $1 || '%' AND status = 'sent'",
      [dedupePrefix],
    );
    return row.n;
  };

  /** Records `count` test mails in the outbox and schedules their SendMail jobs `delayOf(i)` ms ahead. */
  const schedule = async (dedupePrefix: string, count: number, delayOf: (index: number) => number): Promise<string[]> => {
    const mail = testApp.app.get(MailService);
    const ids = await inParallel(count, 8, (index) =>
      mail.record({
        organisationId,
        template: 'test-message',
        locale: 'nl',
        to: `${dedupePrefix}${index}@gemeente.test`,
        context: { requestedBy: 'Werkbrug' },
        dedupeKey: `${dedupePrefix}${index}`,
      }),
    );
    // Each job is handed over twice, as a producer that retries after a timeout would: the key makes the second a no-op.
    for (let round = 0; round < 2; round++) {
      await inParallel(count, 8, (index) =>
        testApp.queues.enqueue(JobName.SendMail, { mailId: ids[index] }, { key: ids[index], delay: delayOf(index) }),
      );
    }
    return ids;
  };

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    smtpA = new ScriptedSmtpServer(await freePort());
    smtpB = new ScriptedSmtpServer(await freePort());
    await Promise.all([smtpA.listen(), smtpB.listen()]);
    const databaseUrl = await workerDatabaseUrl();
    // This process only produces jobs (role api); the four child processes do the rest.
    testApp = await createTestApp({ queue: 'redis', role: 'api', databaseUrl, env: { REDIS_URL: redis.url } });
    await resetState(testApp);
    // Sessions are checked by the child processes on the real clock.
    testApp.clock.set(new Date());

    organisationId = (await createOrganisation(testApp.dataSource)).id;
    const team = await createTeam(testApp.dataSource, organisationId);
    const coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    requesters = [];
    for (let i = 0; i < 4; i++) {
      const participantId = await createParticipant(testApp.dataSource, organisationId, coach.membershipId, ['Deelnemer', `Nummer ${i}`]);
      requesters.push(await createUser(testApp, organisationId, 'participant', { participantId }));
    }
    const employerId = await createEmployer(testApp.dataSource, organisationId);
    await testApp.dataSource.query('UPDATE employer SET contact_coach_membership_id = $2 WHERE id = $1', [employerId, coach.membershipId]);
    for (let i = 0; i < 2; i++) requesters.push(await createUser(testApp, organisationId, 'employer_user', { employerId }));

    const shared = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_BACKEND: 'redis',
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
      QUEUE_CONCURRENCY: String(CONCURRENCY),
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      QUEUE_BACKOFF_MS: '100',
      RATE_LIMIT_PER_MINUTE: '100000',
      APP_SECRET: process.env.APP_SECRET!,
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS!,
    };
    const apiPorts = [await freePort(), await freePort()];
    for (const port of apiPorts) processes.push(new WerkbrugProcess({ ...shared, WERKBRUG_ROLE: 'api', PORT: String(port) }));
    workerA = new WerkbrugProcess({ ...shared, WERKBRUG_ROLE: 'worker', SMTP_URL: smtpA.url(30_000) });
    workerB = new WerkbrugProcess({ ...shared, WERKBRUG_ROLE: 'worker', SMTP_URL: smtpB.url(30_000) });
    processes.push(workerA, workerB);
    await Promise.all(processes.map((child) => child.ready(75_000)));

    forwarder = new RoundRobinForwarder(apiPorts);
    await forwarder.listen(await freePort());
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.kill()));
    await forwarder?.close();
    await testApp?.close().catch(() => undefined);
    await Promise.all([smtpA?.close(), smtpB?.close()]);
    await redis?.stop();
  });

  it('spreads API load over both processes and keeps every accepted write', async () => {
    const responses = await inParallel(REQUESTS, 8, async (index) => {
      const response = await fetch(`${forwarder.url}/v1/help-requests`, {
        method: 'POST',
        headers: { ...requesters[index % requesters.length].auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          // Employers choose from their own topics.
          category: requesters[index % requesters.length].role === 'employer_user' ? 'contract_hours' : 'work',
          urgency: 'normal',
          body: `Vraag ${index}: mijn rooster is veranderd.`,
        }),
      });
      const text = await response.text();
      if (response.status !== 201) return { status: response.status, problem: text };
      return { status: response.status, id: (JSON.parse(text) as { id: string }).id };
    });

    // No 5xx, and no refusal either: every request was a valid write by a signed-in requester.
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    expect(responses.filter((response) => response.status !== 201)).toEqual([]);
    // Both APIs answered: each upstream gave (about) half of the answers, and no request went undelivered.
    expect(forwarder.undelivered).toEqual([]);
    expect(forwarder.answered.reduce((sum, n) => sum + n, 0)).toBe(REQUESTS);
    for (const answered of forwarder.answered) expect(answered).toBeGreaterThanOrEqual(REQUESTS * 0.4);

    // Every 201 is in the database, and nothing else is.
    const created = responses.map((response) => response.id);
    const stored: Array<{ id: string }> = await testApp.dataSource.query('SELECT id FROM help_request WHERE organisation_id = $1', [
      organisationId,
    ]);
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(created));
    expect(stored).toHaveLength(REQUESTS);

    // Each request's notice to the coach went out through the workers exactly once.
    await until('every help-request notice is sent', async () => (await sentCount('help-request-new.')) === REQUESTS, 30_000);
    const notices = await mailRows('help-request-new.');
    expect(notices).toHaveLength(REQUESTS);
    const copies = copiesOf(notices.map((row) => row.message_id));
    expect(copies).toHaveLength(REQUESTS);
    expect(copies.every((copy) => copy.accepted)).toBe(true);
  });

  it('processes each scheduled job exactly once, spread over both workers', async () => {
    const ids = await schedule('cluster.scheduled.', SCHEDULED, (index) => 200 + (index % 20) * 100);

    await until('every scheduled mail is sent', async () => (await sentCount('cluster.scheduled.')) === SCHEDULED, 30_000);
    const queue = testApp.queues.queue(QueueName.Mail);
    const jobs = await Promise.all(ids.map((id) => queue.getJob(jobIdFor(JobName.SendMail, id))));
    await until('every scheduled job is completed', async () => {
      const states = await Promise.all(jobs.map((job) => job!.getState()));
      return states.every((state) => state === 'completed');
    });

    const rows = await mailRows('cluster.scheduled.');
    expect(rows).toHaveLength(SCHEDULED);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    // Exactly one copy of each Message-ID reached a mail server, and it was accepted.
    const copies = copiesOf(rows.map((row) => row.message_id));
    expect(copies).toHaveLength(SCHEDULED);
    expect(new Set(copies.map((copy) => copy.messageId)).size).toBe(SCHEDULED);
    expect(copies.every((copy) => copy.accepted)).toBe(true);
    // BullMQ's own bookkeeping agrees: every job ran once, not before its time, and was never taken over.
    const refreshed = await Promise.all(ids.map((id) => queue.getJob(jobIdFor(JobName.SendMail, id))));
    expect(refreshed.filter((job) => job!.attemptsStarted !== 1 || job!.stalledCounter !== 0)).toEqual([]);
    expect(refreshed.filter((job) => job!.processedOn! < job!.timestamp + job!.delay)).toEqual([]);
    // Both worker processes did a real share of the work.
    const byA = copies.filter((copy) => copy.worker === 'A').length;
    expect(byA).toBeGreaterThanOrEqual(SCHEDULED * 0.15);
    expect(SCHEDULED - byA).toBeGreaterThanOrEqual(SCHEDULED * 0.15);
  });

  it('loses nothing when one worker is killed mid-run', async () => {
    const prefix = 'cluster.kill.';
    const ids = await schedule(prefix, SCHEDULED, (index) => 200 + (index % 40) * 100);
    const ownIds = new Set((await mailRows(prefix)).map((row) => row.message_id));
    const byWorker = (worker: 'A' | 'B') => copiesOf(ownIds).filter((copy) => copy.worker === worker).length;

    // Worker A is busy with this batch; its next message is read by its mail server and then left unanswered.
    await until('worker A sends part of the batch', () => byWorker('A') >= 20);
    smtpA.next({ kind: 'delay', ms: 20_000 });
    await until('worker A has a message in flight', () => smtpA.inFlight === 1);
    await workerA.kill('SIGKILL');
    const sentAtKill = await sentCount(prefix);
    const [byAAtKill, byBAtKill] = [byWorker('A'), byWorker('B')];
    expect(sentAtKill).toBeLessThan(SCHEDULED); // the kill really was mid-run

    await until('every mail of the batch is sent', async () => (await sentCount(prefix)) === SCHEDULED, 30_000);
    const queue = testApp.queues.queue(QueueName.Mail);
    await until('every job of the batch is completed', async () => {
      const jobs = await Promise.all(ids.map((id) => queue.getJob(jobIdFor(JobName.SendMail, id))));
      const states = await Promise.all(jobs.map((job) => job!.getState()));
      return states.every((state) => state === 'completed');
    });

    const copies = copiesOf(ownIds);
    const perMessage = new Map<string, Copy[]>();
    for (const copy of copies) perMessage.set(copy.messageId, [...(perMessage.get(copy.messageId) ?? []), copy]);

    // Nothing lost: every mail of the batch was accepted by a mail server at least once.
    expect(perMessage.size).toBe(SCHEDULED);
    for (const messageId of ownIds) expect(perMessage.get(messageId)?.some((copy) => copy.accepted)).toBe(true);

    // The message in flight at the kill: read by A's server, never answered, then sent by B once A's lock expired.
    const unanswered = smtpA.received.filter((message) => !message.accepted);
    expect(unanswered).toHaveLength(1);
    expect(ownIds.has(unanswered[0].messageId)).toBe(true);
    expect(perMessage.get(unanswered[0].messageId)!.map((copy) => [copy.worker, copy.accepted])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    // ... and BullMQ recorded it as a job recovered from a stalled (dead) worker and started a second time.
    const inFlight = (await mailRows(prefix)).find((row) => row.message_id === unanswered[0].messageId)!;
    const recovered = await queue.getJob(jobIdFor(JobName.SendMail, inFlight.id));
    expect([recovered!.attemptsStarted, recovered!.stalledCounter]).toEqual([2, 1]);

    // Delivery is at-least-once (README: a crashed worker's job is taken over once its lock expires): a job the
    // killed worker had running is run again by B, so its mail may go out a second time, with the same
    // Message-ID (receivers can de-duplicate on it). That is the only duplication allowed: at most one extra
    // copy per message, only for messages A was sending (one copy from A before it died, one from B), and no
    // more such messages than A could have running at once (QUEUE_CONCURRENCY). Everything else exactly once.
    const repeated = [...perMessage.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const list of repeated) expect(list.map((copy) => copy.worker)).toEqual(['A', 'B']);
    expect(copies.length - SCHEDULED).toBe(repeated.length);

    // B carried the rest of the run on its own.
    expect(byWorker('A')).toBe(byAAtKill);
    expect(byWorker('B')).toBeGreaterThan(byBAtKill);
    const rows = await mailRows(prefix);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
  });
});
