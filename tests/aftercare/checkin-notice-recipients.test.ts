import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CheckinsService } from '../../src/aftercare/checkins.service.js';
import { MembershipsService } from '../../src/identity/memberships.service.js';
import { MailTransport } from '../../src/platform/mail/mail-transport.js';
import { RecordingTransport } from '../support/recording-transport.js';
import { renewSession } from '../support/fixtures.js';
import { createTestApp, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { aftercareWorld, type AftercareWorld } from './aftercare-world.js';

describe('check-in notice sweep recipients', () => {
  let testApp: TestApp;
  let transport: RecordingTransport;
  let worlds: AftercareWorld[];

  beforeAll(async () => {
    transport = new RecordingTransport();
    testApp = await createTestApp({ customize: (builder) => builder.overrideProvider(MailTransport).useValue(transport) });
  });
  beforeEach(async () => {
    await resetState(testApp);
    transport.sent.length = 0;
    testApp.clock.set('2026-03-10T12:00:00Z');
    worlds = [await aftercareWorld(testApp), await aftercareWorld(testApp)];
    const service = testApp.app.get(CheckinsService);
    for (const world of worlds) {
      await testApp.dataSource.query(
        "UPDATE placement SET status = 'aftercare', monitoring_frequency = 'monthly', aftercare_end_on = '2026-07-31' WHERE id = $1",
        [world.placementId],
      );
      await service.generate(world.placementId);
      await service.reconcilePlacement(world.placementId);
    }
  });
  afterAll(() => testApp.close());

  it('reads the coaches of a page of due check-ins in one call to MembershipsService', async () => {
    const recipients = jest.spyOn(testApp.app.get(MembershipsService), 'recipients');
    testApp.clock.set('2026-04-08T08:00:00Z');
    for (const world of worlds) await renewSession(testApp, world.coach);
    await runDueJobs(testApp);
    await waitForQueuesToDrain(testApp);
    const coachIds = worlds.map((world) => world.coach.membershipId);
    const sweepCalls = recipients.mock.calls.filter(([ids]) => coachIds.some((id) => ids.includes(id)));
    expect(sweepCalls).toHaveLength(1);
    expect([...sweepCalls[0][0]].sort()).toEqual([...coachIds].sort());
    const reminded = transport.sent.filter((message) => String(message.subject).startsWith('Check-in gepland'));
    expect(reminded.map((message) => message.to).sort()).toEqual(worlds.map((world) => world.coach.email).sort());
    recipients.mockRestore();
  });
});
