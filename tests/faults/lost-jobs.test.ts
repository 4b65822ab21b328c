import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { HelpRequestsService } from '../../src/help-requests/help-requests.service.js';
import { ManualClock } from '../../src/platform/clock/clock.js';
import { MailTransport } from '../../src/platform/mail/mail-transport.js';
import { MailService } from '../../src/platform/mail/mail.service.js';
import { JobName, QueueName } from '../../src/platform/queue/queue.constants.js';
import { jobIdFor } from '../../src/platform/queue/queue.service.js';
import { createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../support/fixtures.js';
import { RecordingTransport } from '../support/recording-transport.js';
import {
  createTestApp,
  eventually,
  queueBackends,
  resetState,
  runDueJobs,
  type TestApp,
  waitForQueuesToDrain,
  workerDatabaseUrl,
} from '../support/test-app.js';
import { freePort } from './support.js';
import { WerkbrugProcess } from './worker-process.js';

const MINUTE = 60_000;

/**
 * The process dies (SIGKILL, through the test hook WERKBRUG_TEST_CRASH_BEFORE_ENQUEUE)
 * right after the database commit and before the job reaches the queue. The
 * database is the source of truth: after a restart the outbox sweep sends the
 * mail and the help-request reconciler plans the escalation, each exactly once.
 * The restarted worker runs in this process on a manual clock, so "five
 * minutes later" and "the next working day" are set, not waited for.
 */
describe.each(queueBackends())('a crash between commit and queue (queue on %s)', (backend) => {
  let databaseUrl: string;
  let observer: TestApp;
  let recovered: TestApp | undefined;
  let child: WerkbrugProcess | undefined;
  let transport: RecordingTransport;
  let organisationId: string;
  let port: number;

  const childEnv = (crashBefore: string): Record<string, string> => ({
    WERKBRUG_ROLE: 'api',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    QUEUE_BACKEND: backend,
    ...(backend === 'redis' ? { REDIS_URL: process.env.WERKBRUG_TEST_REDIS_URL! } : {}),
    QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
    RATE_LIMIT_PER_MINUTE: '100000',
    APP_SECRET: process.env.APP_SECRET!,
    ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS!,
    WERKBRUG_TEST_CRASH_BEFORE_ENQUEUE: crashBefore,
  });

  /** Starts a child API process that dies before queueing these jobs, sends it one request, and waits for its death. */
  const crashOn = async (crashBefore: string, path: string, user: TestUser, body: object): Promise<void> => {
    child = new WerkbrugProcess(childEnv(crashBefore));
    await child.ready();
    const answer = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(
      (response) => `answered ${response.status}`,
      (error: Error) => error.message,
    );
    expect(answer).toBe('fetch failed'); // no answer: the process died with the request
    expect(await child.ended()).toBe('SIGKILL');
  };

  /** A worker process (in this process), at `at` on its own manual clock. */
  const startWorker = (at: Date): Promise<TestApp> =>
    createTestApp({
      queue: backend,
      role: 'worker',
      databaseUrl,
      clock: new ManualClock(at),
      env: { QUEUE_BACKOFF_MS: '50' },
      customize: (builder) => builder.overrideProvider(MailTransport).useValue(transport),
    });

  /** The worker that starts after the crash. */
  const restartWorker = async (at: Date): Promise<TestApp> => {
    recovered = await startWorker(at);
    return recovered;
  };

  const jobsNamed = async (testApp: TestApp, queue: QueueName, name: JobName) =>
    (await testApp.queues.queue(queue).getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter((job) => job.name === name);

  const sentCopies = (messageId: string) => transport.sent.filter((message) => message.messageId === messageId).length;

  beforeAll(async () => {
    databaseUrl = await workerDatabaseUrl();
    // Produces nothing itself: it reads the database and the queues, with no workers of its own.
    observer = await createTestApp({ queue: backend, role: 'api', databaseUrl });
  }, 60_000);

  beforeEach(async () => {
    await resetState(observer);
    // Sessions are checked by the child process on the real clock.
    observer.clock.set(new Date());
    organisationId = (await createOrganisation(observer.dataSource)).id;
    transport = new RecordingTransport();
    port = await freePort();
    // A worker ran before: the schedules exist and their first runs are done, so only the runs at
    // worker start can recover the lost jobs within this test (the next scheduled ones are a minute and more away).
    const previous = await startWorker(new Date());
    await waitForQueuesToDrain(previous);
    await previous.close();
  });

  afterEach(async () => {
    await child?.kill();
    await recovered?.close();
    recovered = undefined;
  });

  afterAll(async () => {
    await observer?.close();
  });

  it('sends a mail whose job was never queued, once, after the restart', async () => {
    const admin = await createUser(observer, organisationId, 'admin');
    await crashOn(JobName.SendMail, '/v1/mail/test-messages', admin, { recipient: 'verloren@gemeente.test' });

    const [mail] = await observer.dataSource.query('SELECT id, status, message_id, updated_at FROM mail_message');
    expect(mail.status).toBe('queued');
    expect(await jobsNamed(observer, QueueName.Mail, JobName.SendMail)).toEqual([]);

    // Restarted six minutes later (past the sweep's five-minute threshold): the sweep at worker start finds it.
    const worker = await restartWorker(new Date(mail.updated_at.getTime() + 6 * MINUTE));
    await eventually(
      async () => (await observer.dataSource.query('SELECT status FROM mail_message WHERE id = $1', [mail.id]))[0].status === 'sent',
    );
    await waitForQueuesToDrain(worker);
    expect(sentCopies(mail.message_id)).toBe(1);

    // Later sweeps (the schedule's, run here by hand) find nothing more to do.
    worker.clock.advance(10 * MINUTE);
    expect(await worker.app.get(MailService).sweep()).toBe(0);
    await waitForQueuesToDrain(worker);
    expect(sentCopies(mail.message_id)).toBe(1);
    expect(transport.sent).toHaveLength(1);
  });

  it('escalates a help request whose jobs were never queued, once, after the restart', async () => {
    const team = await createTeam(observer.dataSource, organisationId);
    const coach = await createUser(observer, organisationId, 'jobcoach', { teamId: team });
    const lead = await createUser(observer, organisationId, 'team_lead', { teamId: team });
    const participantId = await createParticipant(observer.dataSource, organisationId, coach.membershipId);
    const participant = await createUser(observer, organisationId, 'participant', { participantId });

    // Both jobs of a new request (the coach's mail, the acknowledge-by check) are lost.
    await crashOn(`${JobName.SendMail},${JobName.HelpRequestAcknowledgeDue}`, '/v1/help-requests', participant, {
      category: 'work',
      urgency: 'normal',
      body: 'Mijn rooster is veranderd en ik weet niet wat ik moet doen.',
    });
    const [row] = await observer.dataSource.query('SELECT id, status, acknowledge_by, escalated_at, created_at FROM help_request');
    expect(row).toMatchObject({ status: 'new', escalated_at: null });
    expect(await jobsNamed(observer, QueueName.Scheduler, JobName.HelpRequestAcknowledgeDue)).toEqual([]);
    expect(await jobsNamed(observer, QueueName.Mail, JobName.SendMail)).toEqual([]);

    // At worker start: the sweep sends the coach's mail, the reconciler plans the one check.
    const worker = await restartWorker(new Date(row.created_at.getTime() + 6 * MINUTE));
    const checkId = jobIdFor(JobName.HelpRequestAcknowledgeDue, `${row.id}.${row.acknowledge_by.getTime()}`);
    await eventually(async () => (await jobsNamed(worker, QueueName.Scheduler, JobName.HelpRequestAcknowledgeDue)).length > 0);
    await eventually(
      async () =>
        (await observer.dataSource.query("SELECT status FROM mail_message WHERE template = 'help-request-new'"))[0].status === 'sent',
    );
    await waitForQueuesToDrain(worker);
    // A second reconcile (the schedule's) adds no second check.
    const service = worker.app.get(HelpRequestsService);
    expect(await service.reconcile()).toBe(1);
    expect((await jobsNamed(worker, QueueName.Scheduler, JobName.HelpRequestAcknowledgeDue)).map((job) => job.id)).toEqual([checkId]);

    // Past the acknowledge-by moment: escalated once, to the team lead.
    worker.clock.set(new Date(row.acknowledge_by.getTime() + MINUTE));
    // The help request's check, and any daily job (the early warning's 04:00 run) the clock passed on the way.
    expect(await runDueJobs(worker)).toBeGreaterThanOrEqual(1);
    expect(await jobsNamed(worker, QueueName.Scheduler, JobName.HelpRequestAcknowledgeDue)).toEqual([]);
    await waitForQueuesToDrain(worker);
    const escalations = await observer.dataSource.query(
      "SELECT recipient, status, message_id FROM mail_message WHERE template = 'help-request-escalated'",
    );
    expect(escalations).toEqual([expect.objectContaining({ recipient: lead.email, status: 'sent' })]);
    const [escalated] = await observer.dataSource.query('SELECT escalated_at FROM help_request WHERE id = $1', [row.id]);
    expect(escalated.escalated_at).not.toBeNull();

    // A duplicate check, and the reconciler again, change nothing: the handler reloads the state.
    expect(await service.escalate({ helpRequestId: row.id, runAt: worker.clock.now().toISOString() })).toBe('skipped');
    expect(await service.reconcile()).toBe(0);
    await runDueJobs(worker);
    expect(sentCopies(escalations[0].message_id)).toBe(1);
    expect(transport.sent.map((message) => message.to).sort()).toEqual([coach.email, lead.email].sort());
  });
});
