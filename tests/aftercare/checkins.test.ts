import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CheckinsService } from '../../src/aftercare/checkins.service.js';
import { MailTransport } from '../../src/platform/mail/mail-transport.js';
import { RecordingTransport } from '../support/recording-transport.js';
import { renewSession } from '../support/fixtures.js';
import {
  createTestApp,
  eventually,
  queueBackends,
  resetState,
  runDueJobs,
  type TestApp,
  waitForQueuesToDrain,
} from '../support/test-app.js';
import { aftercareWorld, type AftercareWorld } from './aftercare-world.js';

const FRAME = { knowing: 'Weet wat er verwacht wordt', able: 'Kan het tempo aan', doing: 'Komt op tijd', belonging: 'Hoort erbij' };

describe.each(queueBackends())('aftercare check-ins (queue on %s)', (backend) => {
  let testApp: TestApp;
  let transport: RecordingTransport;
  let world: AftercareWorld;

  beforeAll(async () => {
    transport = new RecordingTransport();
    testApp = await createTestApp({
      queue: backend,
      env: { QUEUE_BACKOFF_MS: '50' },
      customize: (builder) => builder.overrideProvider(MailTransport).useValue(transport),
    });
  });
  beforeEach(async () => {
    await resetState(testApp);
    transport.sent.length = 0;
    testApp.clock.set('2026-03-10T12:00:00Z');
    world = await aftercareWorld(testApp);
    await testApp.dataSource.query(
      "UPDATE placement SET status = 'aftercare', monitoring_frequency = 'monthly', aftercare_end_on = '2026-07-31' WHERE id = $1",
      [world.placementId],
    );
    const service = testApp.app.get(CheckinsService);
    await service.generate(world.placementId);
    await service.reconcilePlacement(world.placementId);
  });
  afterAll(() => testApp.close());

  const planned = async () =>
    (await testApp.dataSource.query(
      "SELECT id, due_on::text AS due, status FROM checkin WHERE placement_id = $1 AND status <> 'cancelled' ORDER BY due_on",
      [world.placementId],
    )) as Array<{
      id: string;
      due: string;
      status: string;
    }>;
  const mails = async (template: string) =>
    (await testApp.dataSource.query('SELECT recipient, message_id FROM mail_message WHERE template = $1 ORDER BY created_at', [
      template,
    ])) as Array<{ recipient: string; message_id: string }>;
  const at = async (instant: string) => {
    testApp.clock.set(instant);
    for (const user of [world.coach, world.lead, world.participant]) await renewSession(testApp, user);
    await runDueJobs(testApp);
    await waitForQueuesToDrain(testApp);
  };

  it('lets the coach agree a time and place, which the participant sees; only for a planned check-in and only staff', async () => {
    const [first] = await planned();
    const body = { startsAt: '2026-04-10T10:00:00+02:00', place: 'Op het werk, Oudegracht 12' };
    const agreed = await request(testApp.http).put(`/v1/checkins/${first.id}/appointment`).set(world.coach.auth).send(body);
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ appointmentAt: '2026-04-10T08:00:00.000Z', appointmentPlace: 'Op het werk, Oudegracht 12' });
    const seen = await request(testApp.http).get(`/v1/placements/${world.placementId}/checkins`).set(world.participant.auth);
    expect(seen.body.find((checkin: { id: string }) => checkin.id === first.id)).toMatchObject({
      appointmentPlace: 'Op het werk, Oudegracht 12',
    });
    expect((await request(testApp.http).put(`/v1/checkins/${first.id}/appointment`).set(world.participant.auth).send(body)).status).toBe(
      403,
    );
    const bad = await request(testApp.http)
      .put(`/v1/checkins/${first.id}/appointment`)
      .set(world.coach.auth)
      .send({ startsAt: 'morgen', place: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual(['place', 'startsAt']);
    await request(testApp.http).post(`/v1/checkins/${first.id}/missed`).set(world.coach.auth).send({ reason: 'Niet bereikbaar.' });
    expect((await request(testApp.http).put(`/v1/checkins/${first.id}/appointment`).set(world.coach.auth).send(body)).status).toBe(422);
  });

  it('plans monthly check-ins up to the aftercare end', async () => {
    expect((await planned()).map((row) => row.due)).toEqual(['2026-04-10', '2026-05-10', '2026-06-10', '2026-07-10']);
  });

  it('reminds two days before, alerts when overdue, escalates to the team lead, each exactly once', async () => {
    await at('2026-04-07T12:00:00Z');
    expect(await mails('checkin-reminder')).toEqual([]);
    await at('2026-04-08T08:00:00Z');
    expect((await mails('checkin-reminder')).map((mail) => mail.recipient)).toEqual([world.coach.email]);
    await at('2026-04-12T08:00:00Z');
    expect((await mails('checkin-overdue')).map((mail) => mail.recipient)).toEqual([world.coach.email]);
    expect(await mails('checkin-escalation')).toEqual([]);
    await at('2026-04-17T08:00:00Z');
    expect((await mails('checkin-escalation')).map((mail) => mail.recipient)).toEqual([world.lead.email]);
    await at('2026-04-20T08:00:00Z');
    expect(await mails('checkin-reminder')).toHaveLength(1);
    expect(await mails('checkin-overdue')).toHaveLength(1);
    expect(await mails('checkin-escalation')).toHaveLength(1);
  });

  it('plans one sweep per kind and moment, shared by every check-in due then, and mails each coach about their own', async () => {
    const notices = async () =>
      (await Promise.all(testApp.queues.allQueues().map((queue) => queue.getJobs(['delayed']))))
        .flat()
        .filter((job) => job.name === 'checkin.notices');
    expect(await notices()).toHaveLength(12);
    const other = await aftercareWorld(testApp);
    await testApp.dataSource.query(
      "UPDATE placement SET status = 'aftercare', monitoring_frequency = 'monthly', aftercare_end_on = '2026-07-31' WHERE id = $1",
      [other.placementId],
    );
    const service = testApp.app.get(CheckinsService);
    await service.generate(other.placementId);
    await testApp.dataSource.query(
      'UPDATE participant SET first_name = $2 WHERE id = (SELECT participant_id FROM placement WHERE id = $1)',
      [other.placementId, 'Noor'],
    );
    await service.reconcilePlacement(other.placementId);
    await service.reconcilePlacement(world.placementId);
    expect(await notices()).toHaveLength(12);

    await at('2026-04-08T08:00:00Z');
    const sent = transport.sent.filter((message) => String(message.subject).startsWith('Check-in gepland'));
    expect(sent.map((message) => message.to).sort()).toEqual([world.coach.email, other.coach.email].sort());
    const toOther = sent.find((message) => message.to === other.coach.email)!;
    const toWorld = sent.find((message) => message.to === world.coach.email)!;
    expect(String(toOther.text)).toContain('Noor');
    expect(String(toWorld.text)).not.toContain('Noor');
  });

  it('prepares the reminders just before their moment, releases them at it, and withdraws one whose check-in was recorded meanwhile', async () => {
    const [first] = await planned();
    await at('2026-04-08T06:59:30Z');
    const reminder = () =>
      testApp.dataSource.query(
        "SELECT status, send_after, convert_from(raw_message, 'UTF8') AS raw FROM mail_message WHERE dedupe_key = 'checkin.' || $1 || '.reminder'",
        [first.id],
      );
    const [prepared] = await reminder();
    expect(prepared).toMatchObject({ status: 'queued', send_after: new Date('2026-04-08T07:00:00Z') });
    // Built ahead, dated at its moment.
    expect(prepared.raw).toContain(`To: ${world.coach.email}`);
    expect(prepared.raw).toContain('Date: Wed, 08 Apr 2026 07:00:00 +0000');
    expect(transport.sent).toEqual([]);

    await at('2026-04-08T07:00:05Z');
    expect(transport.sent.map((message) => message.to)).toEqual([world.coach.email]);
    expect(String(transport.sent[0].raw)).toBe(prepared.raw);
    expect(await reminder()).toEqual([expect.objectContaining({ status: 'sent', raw: null })]);

    // The next one: prepared, then the coach records the check-in before 07:00.
    const second = (await planned())[1];
    await at('2026-05-08T06:59:30Z');
    expect(await mails('checkin-reminder')).toHaveLength(2);
    const recorded = await request(testApp.http)
      .post(`/v1/checkins/${second.id}/record`)
      .set(world.coach.auth)
      .send({ heldOn: '2026-05-08', channel: 'phone', withWhom: 'participant', frame: FRAME, workMatchesDescription: true, signals: [] });
    expect(recorded.status).toBe(201);
    await at('2026-05-08T07:00:05Z');
    expect(await mails('checkin-reminder')).toHaveLength(1);
    expect(transport.sent.filter((message) => String(message.subject).startsWith('Check-in gepland'))).toHaveLength(1);
  });

  it('takes today as the Dutch calendar day: just after midnight in Amsterdam, that day may be recorded', async () => {
    const [first] = await planned();
    // 23:30 UTC on 10 April is 01:30 on 11 April in Amsterdam (summer time).
    await at('2026-04-10T23:30:00Z');
    const recorded = await request(testApp.http)
      .post(`/v1/checkins/${first.id}/record`)
      .set(world.coach.auth)
      .send({ heldOn: '2026-04-11', channel: 'phone', withWhom: 'participant', frame: FRAME, workMatchesDescription: true, signals: [] });
    expect(recorded.status).toBe(201);
  });

  it('sends no overdue alert for a check-in recorded in time', async () => {
    const [first] = await planned();
    await at('2026-04-10T10:00:00Z');
    const recorded = await request(testApp.http)
      .post(`/v1/checkins/${first.id}/record`)
      .set(world.coach.auth)
      .send({ heldOn: '2026-04-10', channel: 'visit', withWhom: 'both', frame: FRAME, workMatchesDescription: true, signals: [] });
    expect(recorded.status).toBe(201);
    await at('2026-04-20T08:00:00Z');
    expect(await mails('checkin-overdue')).toEqual([]);
  });

  it('rebuilds emptied queues from the database, and never sends a second notification', async () => {
    for (const queue of testApp.queues.allQueues()) await queue.obliterate({ force: true });
    await at('2026-04-08T08:00:00Z');
    expect(await mails('checkin-reminder')).toEqual([]);
    await testApp.app.get(CheckinsService).reconcile();
    await runDueJobs(testApp);
    await waitForQueuesToDrain(testApp);
    expect(await mails('checkin-reminder')).toHaveLength(1);
    await testApp.app.get(CheckinsService).reconcile();
    await testApp.app.get(CheckinsService).reconcile();
    await runDueJobs(testApp);
    await waitForQueuesToDrain(testApp);
    expect(await mails('checkin-reminder')).toHaveLength(1);
    expect(transport.sent.filter((message) => String(message.subject).startsWith('Check-in gepland'))).toHaveLength(1);
  });

  it('resends the same Message-ID when the worker dies between the mail server accepting and the acknowledgement', async () => {
    transport.script(async (message) => {
      transport.sent.push(message);
      throw new Error('connection reset after the server accepted the message');
    });
    await at('2026-04-08T08:00:00Z');
    const reminders = await eventually(async () => {
      const sent = transport.sent.filter((message) => String(message.subject).startsWith('Check-in gepland'));
      return sent.length === 2 && sent;
    });
    expect(reminders[0].messageId).toBe(reminders[1].messageId);
    const [stored] = await mails('checkin-reminder');
    expect(stored.message_id).toBe(reminders[0].messageId);
  });

  it('re-plans on a rhythm change without duplicates and without losing check-ins already done', async () => {
    const [first] = await planned();
    await at('2026-04-10T10:00:00Z');
    await request(testApp.http)
      .post(`/v1/checkins/${first.id}/record`)
      .set(world.coach.auth)
      .send({
        heldOn: '2026-04-10',
        channel: 'phone',
        withWhom: 'participant',
        frame: FRAME,
        workMatchesDescription: false,
        signals: ['work_too_heavy'],
      });
    const changed = await request(testApp.http)
      .post(`/v1/placements/${world.placementId}/rhythm-changes`)
      .set(world.coach.auth)
      .send({ frequency: 'biweekly', requestedBy: 'participant', reason: 'Wil vaker even bellen' });
    expect(changed.status).toBe(201);
    const rows = await planned();
    expect(rows.map((row) => [row.due, row.status])).toEqual([
      ['2026-04-10', 'done'],
      ['2026-04-24', 'planned'],
      ['2026-05-08', 'planned'],
      ['2026-05-22', 'planned'],
      ['2026-06-05', 'planned'],
      ['2026-06-19', 'planned'],
      ['2026-07-03', 'planned'],
      ['2026-07-17', 'planned'],
      ['2026-07-31', 'planned'],
    ]);
    // The old monthly check-in of 10 May never fires its reminder; the new ones of 24 April and 8 May do.
    await at('2026-05-08T08:00:00Z');
    const reminded = await testApp.dataSource.query(
      `SELECT c.due_on::text AS due, c.status FROM mail_message m JOIN checkin c ON m.dedupe_key = 'checkin.' || c.id || '.reminder'
        WHERE m.template = 'checkin-reminder' ORDER BY c.due_on`,
    );
    expect(reminded).toEqual([
      { due: '2026-04-10', status: 'done' },
      { due: '2026-04-24', status: 'planned' },
      { due: '2026-05-08', status: 'planned' },
    ]);
    const [event] = await testApp.dataSource.query("SELECT requested_by, reason FROM placement_event WHERE kind = 'rhythm_changed'");
    expect(event).toEqual({ requested_by: 'participant', reason: 'Wil vaker even bellen' });
  });

  it('raises a risk flag on a severe or repeated signal, and logs a missed check-in without a label', async () => {
    const [first, second] = await planned();
    await at('2026-04-10T10:00:00Z');
    await request(testApp.http)
      .post(`/v1/checkins/${first.id}/record`)
      .set(world.coach.auth)
      .send({
        heldOn: '2026-04-10',
        channel: 'visit',
        withWhom: 'both',
        frame: FRAME,
        workMatchesDescription: true,
        signals: ['lateness'],
      });
    expect(
      (await request(testApp.http).get(`/v1/placements/${world.placementId}/aftercare`).set(world.coach.auth)).body.riskFlagReasons,
    ).toEqual([]);
    await at('2026-05-10T10:00:00Z');
    await request(testApp.http)
      .post(`/v1/checkins/${second.id}/record`)
      .set(world.coach.auth)
      .send({ heldOn: '2026-05-10', channel: 'phone', withWhom: 'participant', frame: FRAME, signals: ['lateness', 'relapse'] });
    const status = await request(testApp.http).get(`/v1/placements/${world.placementId}/aftercare`).set(world.coach.auth);
    expect(status.body.riskFlagReasons.sort()).toEqual(['lateness: repeated', 'relapse: severe']);
    const [, , third] = await planned();
    const missed = await request(testApp.http)
      .post(`/v1/checkins/${third.id}/missed`)
      .set(world.coach.auth)
      .send({ reason: 'Niet bereikbaar; nieuwe afspraak gemaakt' });
    expect(missed.body).toMatchObject({ status: 'missed', missedReason: 'Niet bereikbaar; nieuwe afspraak gemaakt' });
  });

  it('lets the participant prepare, with at most three domains each way', async () => {
    const [first] = await planned();
    const prepared = await request(testApp.http)
      .put(`/v1/checkins/${first.id}/preparation`)
      .set(world.participant.auth)
      .send({
        howAreThings: 4,
        trend: 'better',
        hinderingDomains: ['income_and_money'],
        helpingDomains: ['family_and_friends', 'work_and_education'],
        firstStep: 'Rooster eerder vragen',
      });
    expect(prepared.status).toBe(200);
    expect(prepared.body.prepared).toBe(true);
    const tooMany = await request(testApp.http)
      .put(`/v1/checkins/${first.id}/preparation`)
      .set(world.participant.auth)
      .send({ hinderingDomains: ['income_and_money', 'family_and_friends', 'work_and_education', 'personal_and_health'] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.invalidParams[0].name).toBe('hinderingDomains');
    const seen = await request(testApp.http).get(`/v1/checkins/${first.id}/preparation`).set(world.coach.auth);
    expect(seen.body).toMatchObject({ howAreThings: 4, firstStep: 'Rooster eerder vragen' });
  });

  it('reassigns the coach with a reason, shown to the employer, and moves the planned check-ins', async () => {
    const reassigned = await request(testApp.http)
      .post(`/v1/placements/${world.placementId}/coach-reassignments`)
      .set(world.lead.auth)
      .send({ coachMembershipId: world.otherCoach.membershipId, reason: 'Coach met verlof tot 1 juni' });
    expect(reassigned.status).toBe(201);
    const coaches = await testApp.dataSource.query(
      "SELECT DISTINCT coach_membership_id FROM checkin WHERE placement_id = $1 AND status = 'planned'",
      [world.placementId],
    );
    expect(coaches).toEqual([{ coach_membership_id: world.otherCoach.membershipId }]);
    const view = await request(testApp.http).get(`/v1/employers/${world.employerId}/placements`).set(world.employerUser.auth);
    expect(view.body[0].contactPerson.email).toBe(world.otherCoach.email);
    const audit = await testApp.dataSource.query("SELECT fields FROM audit_event WHERE resource_type = 'placement' AND action = 'update'");
    expect(audit).toEqual([{ fields: ['coachMembershipId'] }]);
  });

  it('closes on a drop-out with a reason code, cancels planned check-ins and asks for a re-intake', async () => {
    const noCode = await request(testApp.http)
      .post(`/v1/placements/${world.placementId}/closure`)
      .set(world.coach.auth)
      .send({ kind: 'dropped_out', closedOn: '2026-03-10', reason: 'Ziek uitgevallen' });
    expect(noCode.status).toBe(422);
    const closed = await request(testApp.http)
      .post(`/v1/placements/${world.placementId}/closure`)
      .set(world.coach.auth)
      .send({ kind: 'dropped_out', closedOn: '2026-03-10', reason: 'Ziek uitgevallen', reasonCode: 'health' });
    expect(closed.body.status).toBe('dropped_out');
    expect(await planned()).toEqual([]);
    const tasks = await testApp.dataSource.query("SELECT kind FROM coach_task WHERE placement_id = $1 AND kind = 're_intake'", [
      world.placementId,
    ]);
    expect(tasks).toHaveLength(1);
    await at('2026-04-12T08:00:00Z');
    expect(await mails('checkin-overdue')).toEqual([]);
  });
});
