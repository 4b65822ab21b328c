import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CheckinsService } from '../../src/aftercare/checkins.service.js';
import { MailTransport } from '../../src/platform/mail/mail-transport.js';
import { aftercareWorld, type AftercareWorld } from '../aftercare/aftercare-world.js';
import { renewSession } from '../support/fixtures.js';
import { RecordingTransport } from '../support/recording-transport.js';
import { createTestApp, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { freePort, RedisProcess, until } from './support.js';

/**
 * Redis (the queue backend) is lost in the middle of the aftercare schedule
 * and comes back empty. The database is the source of truth: reconcile()
 * rebuilds the delayed jobs, and the outbox's dedupe key keeps every reminder
 * to exactly one mail.
 */
describe('Redis stopped and started (empty) during scheduling', () => {
  let redis: RedisProcess;
  let testApp: TestApp;
  let transport: RecordingTransport;
  let world: AftercareWorld;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    transport = new RecordingTransport();
    testApp = await createTestApp({
      queue: 'redis',
      env: { REDIS_URL: redis.url, QUEUE_BACKOFF_MS: '50' },
      customize: (builder) => builder.overrideProvider(MailTransport).useValue(transport),
    });
    await resetState(testApp);
  }, 60_000);

  afterAll(async () => {
    await testApp?.close().catch(() => undefined);
    await redis?.stop();
  });

  const at = async (instant: string) => {
    testApp.clock.set(instant);
    for (const user of [world.coach, world.lead]) await renewSession(testApp, user);
    await runDueJobs(testApp);
    await waitForQueuesToDrain(testApp);
  };

  const mailsPerKey = async () =>
    (await testApp.dataSource.query(
      "SELECT dedupe_key, count(*)::int AS n, min(status) AS status FROM mail_message WHERE dedupe_key LIKE 'checkin.%' GROUP BY dedupe_key ORDER BY dedupe_key",
    )) as Array<{ dedupe_key: string; n: number; status: string }>;

  it('loses no reminder and sends none twice', async () => {
    testApp.clock.set('2026-03-10T12:00:00Z');
    world = await aftercareWorld(testApp);
    await testApp.dataSource.query(
      "UPDATE placement SET status = 'aftercare', monitoring_frequency = 'monthly', aftercare_end_on = '2026-07-31' WHERE id = $1",
      [world.placementId],
    );
    const checkins = testApp.app.get(CheckinsService);
    await checkins.generate(world.placementId);
    await checkins.reconcilePlacement(world.placementId);
    const plannedJobs = (await testApp.queues.counts()).delayed;
    expect(plannedJobs).toBeGreaterThanOrEqual(12);

    // The first reminder goes out before the outage.
    await at('2026-04-08T08:00:00Z');
    expect((await mailsPerKey()).map((row) => row.dedupe_key)).toEqual([expect.stringMatching(/\.reminder$/)]);

    // Redis dies and comes back without its data: every delayed job is gone.
    await redis.stop();
    await redis.start();
    await until('the queue connection is back', async () => {
      try {
        await testApp.queues.backend.ping();
        return true;
      } catch {
        return false;
      }
    });
    expect((await testApp.queues.counts()).delayed ?? 0).toBe(0);

    // The periodic reconcile (run here by hand) rebuilds the jobs from the database.
    await checkins.reconcile();
    expect((await testApp.queues.counts()).delayed).toBeGreaterThanOrEqual(plannedJobs - 3);

    for (const instant of ['2026-04-08T09:00:00Z', '2026-04-12T08:00:00Z', '2026-04-17T08:00:00Z', '2026-05-08T08:00:00Z']) {
      await at(instant);
    }
    await checkins.reconcile();
    await at('2026-05-13T08:00:00Z');
    await at('2026-06-08T08:00:00Z');

    const perKey = await mailsPerKey();
    // April and May: reminder, overdue, escalation; June: the reminder.
    expect(perKey.map((row) => row.dedupe_key.split('.').pop()).sort()).toEqual(
      ['escalation', 'escalation', 'overdue', 'overdue', 'reminder', 'reminder', 'reminder'].sort(),
    );
    expect(perKey.every((row) => row.n === 1 && row.status === 'sent')).toBe(true);
    // And exactly one send per mail through the transport, each with its own Message-ID.
    const messageIds = transport.sent.map((message) => String(message.messageId));
    expect(messageIds).toHaveLength(perKey.length);
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });
});
