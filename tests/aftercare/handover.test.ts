import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import request from 'supertest';
import { renewSession, tokenFromMail } from '../support/fixtures.js';
import { createTestApp, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { aftercareWorld, type AftercareWorld, fullChecklist } from './aftercare-world.js';

interface ParsedInvite {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: string;
  attendees: string[];
}

function parseInvite(base64: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(base64, 'base64').toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    attendees: event.getAllProperties('attendee').map((property) => String(property.getFirstValue()).replace(/^mailto:/i, '')),
  };
}

describe('the formal handover meeting', () => {
  let testApp: TestApp;
  let world: AftercareWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' } });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-03-02T09:00:00Z');
    world = await aftercareWorld(testApp);
  });
  afterAll(() => testApp.close());

  const invites = async (template = 'handover-invitation') =>
    (await testApp.dataSource.query(
      'SELECT recipient, attachments, subject FROM mail_message WHERE template = $1 ORDER BY created_at, recipient',
      [template],
    )) as Array<{
      recipient: string;
      attachments: Array<{ content: string; method: string }>;
      subject: string | null;
    }>;

  async function schedule(startsAt = '2026-03-10T10:00:00+01:00') {
    const response = await request(testApp.http)
      .post(`/v1/placements/${world.placementId}/handover`)
      .set(world.coach.auth)
      .send({ startsAt, location: 'Bakkerij De Korenschoof, Oudegracht 12', durationMinutes: 60 });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('invites all three parties with a calendar request, updates the same event, and cancels it', async () => {
    const meeting = await schedule();
    const sent = await invites();
    expect(sent.map((mail) => mail.recipient).sort()).toEqual(
      [world.coach.email, world.participant.email, 'karin@korenschoof.test'].sort(),
    );
    const first = parseInvite(sent[0].attachments[0].content);
    expect(first).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED', start: '2026-03-10T09:00:00.000Z' });
    expect(first.attendees.sort()).toEqual([world.coach.email, world.participant.email, 'karin@korenschoof.test'].sort());

    const moved = await request(testApp.http)
      .patch(`/v1/handovers/${meeting.id}`)
      .set(world.coach.auth)
      .send({ startsAt: '2026-03-12T14:00:00+01:00', location: 'Online', videoLink: 'https://meet.example.nl/overdracht' });
    expect(moved.status).toBe(200);
    expect(moved.body.calendarSequence).toBe(1);
    const updates = (await invites()).filter((mail) => parseInvite(mail.attachments[0].content).sequence === 1);
    expect(updates).toHaveLength(3);
    const update = parseInvite(updates[0].attachments[0].content);
    expect(update).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: 1, start: '2026-03-12T13:00:00.000Z' });

    expect((await request(testApp.http).post(`/v1/handovers/${meeting.id}/cancellation`).set(world.coach.auth)).status).toBe(200);
    const cancellations = (await invites()).filter((mail) => parseInvite(mail.attachments[0].content).method === 'CANCEL');
    expect(cancellations).toHaveLength(3);
    expect(parseInvite(cancellations[0].attachments[0].content)).toMatchObject({ uid: first.uid, sequence: 2, status: 'CANCELLED' });
  });

  it('does not contact the employer when the participant has not agreed to disclose the support, and says so', async () => {
    await testApp.dataSource.query(
      "UPDATE consent SET withdrawn_at = now(), withdrawn_by_user_id = given_by_user_id WHERE purpose = 'disclose_support_organisation'",
    );
    const meeting = await schedule();
    expect(meeting.employerContacted).toBe(false);
    expect(meeting.notices[0]).toMatch(/did not contact the employer/);
    expect((await invites()).map((mail) => mail.recipient)).not.toContain('karin@korenschoof.test');
  });

  it('sends one reminder a day before, and none for the old time after a move', async () => {
    const meeting = await schedule('2026-03-10T10:00:00+01:00');
    await request(testApp.http)
      .patch(`/v1/handovers/${meeting.id}`)
      .set(world.coach.auth)
      .send({ startsAt: '2026-03-20T10:00:00+01:00', location: 'Bakkerij' });
    testApp.clock.set('2026-03-09T10:00:00Z');
    await runDueJobs(testApp);
    expect(await invites('handover-reminder')).toHaveLength(0);
    testApp.clock.set('2026-03-19T09:30:00Z');
    await runDueJobs(testApp);
    await waitForQueuesToDrain(testApp);
    expect((await invites('handover-reminder')).map((mail) => mail.recipient).sort()).toEqual(
      [world.coach.email, world.participant.email, 'karin@korenschoof.test'].sort(),
    );
  });

  it('completes only when all three were present and participant and employer confirmed; then aftercare starts', async () => {
    const meeting = await schedule('2026-03-10T10:00:00+01:00');
    const early = await request(testApp.http)
      .put(`/v1/handovers/${meeting.id}/attendance`)
      .set(world.coach.auth)
      .send({ participant: true, coach: true, employerContact: true });
    expect(early.status).toBe(422);

    const partial = await request(testApp.http)
      .put(`/v1/handovers/${meeting.id}/checklist`)
      .set(world.coach.auth)
      .send({ agreements: { hours: { applicable: true, text: '24 uur' } }, expectations: {} });
    expect(partial.status).toBe(200);
    expect(partial.body.missingItems).toContain('agreements.leave');

    testApp.clock.set('2026-03-10T11:00:00Z');
    for (const user of [world.coach, world.participant, world.employerUser]) await renewSession(testApp, user);
    const held = await request(testApp.http)
      .put(`/v1/handovers/${meeting.id}/attendance`)
      .set(world.coach.auth)
      .send({ participant: true, coach: true, employerContact: false });
    expect(held.body.status).toBe('held');
    const incomplete = await request(testApp.http).post(`/v1/handovers/${meeting.id}/confirmations`).set(world.participant.auth);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.invalidParams.map((p: { name: string }) => p.name)).toContain('checklist.agreements.leave');

    const filled = await request(testApp.http)
      .put(`/v1/handovers/${meeting.id}/checklist`)
      .set(world.coach.auth)
      .send(fullChecklist('monthly', '2026-12-31'));
    expect(filled.body.missingItems).toEqual([]);
    expect(
      (await request(testApp.http).post(`/v1/handovers/${meeting.id}/confirmations`).set(world.participant.auth)).body
        .participantConfirmedAt,
    ).not.toBeNull();

    await waitForQueuesToDrain(testApp);
    const [mail] = await testApp.dataSource.query("SELECT context, text FROM mail_message WHERE template = 'handover-confirmation'");
    const page = await request(testApp.http).get(`/portal/handover-confirmation?token=${tokenFromMail(mail)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Voor 8:00 bellen met Karin');
    const byLink = await request(testApp.http)
      .post('/v1/handover-confirmations')
      .send({ token: tokenFromMail(mail) });
    expect(byLink.status).toBe(200);
    expect(byLink.body.status).toBe('held');
    expect(
      (
        await request(testApp.http)
          .post('/v1/handover-confirmations')
          .send({ token: tokenFromMail(mail) })
      ).status,
    ).toBe(410);

    const attended = await request(testApp.http)
      .put(`/v1/handovers/${meeting.id}/attendance`)
      .set(world.coach.auth)
      .send({ participant: true, coach: true, employerContact: true });
    expect(attended.body.status).toBe('completed');
    const [placement] = await testApp.dataSource.query(
      'SELECT status, aftercare_end_on::text, monitoring_frequency FROM placement WHERE id = $1',
      [world.placementId],
    );
    expect(placement).toEqual({ status: 'aftercare', aftercare_end_on: '2026-12-31', monitoring_frequency: 'monthly' });
    const checkins = await testApp.dataSource.query(
      "SELECT due_on::text AS due, first_after_start FROM checkin WHERE placement_id = $1 AND status = 'planned' ORDER BY due_on",
      [world.placementId],
    );
    // Monthly from the completion day (10 March): 10 April ... 10 December, the first one asking whether the work matches.
    expect(checkins.map((row: { due: string }) => row.due)).toEqual([
      '2026-04-10',
      '2026-05-10',
      '2026-06-10',
      '2026-07-10',
      '2026-08-10',
      '2026-09-10',
      '2026-10-10',
      '2026-11-10',
      '2026-12-10',
    ]);
    expect(checkins[0].first_after_start).toBe(true);

    const folder = await request(testApp.http).get(`/v1/handovers/${meeting.id}/folder?format=html`).set(world.employerUser.auth);
    expect(folder.status).toBe(200);
    expect(folder.text).toContain('Voor 8:00 bellen met Karin');
    expect(folder.text).toContain(world.coach.email);
    const pdf = await request(testApp.http).get(`/v1/handovers/${meeting.id}/folder?format=pdf`).set(world.employerUser.auth).buffer(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
