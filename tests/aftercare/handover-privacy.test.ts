import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { createUser, renewSession, tokenFromMail } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { aftercareWorld, type AftercareWorld, fullChecklist } from './aftercare-world.js';

const EMPLOYER_CONTACT = 'karin@korenschoof.test';

function attendees(base64: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(base64, 'base64').toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return event.getAllProperties('attendee').map((property) => String(property.getFirstValue()).replace(/^mailto:/i, ''));
}

describe('handover: consent where data leaves, and every read audited', () => {
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

  const http = () => request(testApp.http);

  async function schedule(startsAt = '2026-03-10T10:00:00+01:00') {
    const response = await http()
      .post(`/v1/placements/${world.placementId}/handover`)
      .set(world.coach.auth)
      .send({ startsAt, location: 'Bakkerij De Korenschoof, Oudegracht 12', durationMinutes: 60 });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  const mailsTo = async (recipient: string, template = 'handover-invitation') =>
    (await testApp.dataSource.query(
      'SELECT attachments, about_participant_id FROM mail_message WHERE template = $1 AND recipient = $2 ORDER BY created_at',
      [template, recipient],
    )) as Array<{ attachments: Array<{ content: string }>; about_participant_id: string | null }>;

  const auditEntries = async (resourceType: string, action = 'read') =>
    (await testApp.dataSource.query(
      'SELECT fields, actor_role AS role FROM audit_event WHERE subject_participant_id = $1 AND resource_type = $2 AND action = $3 ORDER BY at',
      [world.participantId, resourceType, action],
    )) as Array<{ fields: string[]; role: string | null }>;

  async function withdrawDisclosure(): Promise<void> {
    const [consent] = await testApp.dataSource.query(
      "SELECT id FROM consent WHERE participant_id = $1 AND purpose = 'disclose_support_organisation' AND withdrawn_at IS NULL",
      [world.participantId],
    );
    const response = await http().post(`/v1/me/consents/${consent.id}/withdrawal`).set(world.participant.auth);
    expect(response.status).toBe(200);
  }

  /** Held, checklist complete, participant confirmed: the employer's contact person gets the confirmation link. */
  async function confirmationLink(): Promise<{ meetingId: string; token: string }> {
    const meeting = await schedule();
    testApp.clock.set('2026-03-10T11:00:00Z');
    for (const user of [world.coach, world.participant, world.employerUser]) await renewSession(testApp, user);
    await http()
      .put(`/v1/handovers/${meeting.id}/attendance`)
      .set(world.coach.auth)
      .send({ participant: true, coach: true, employerContact: false })
      .expect(200);
    await http().put(`/v1/handovers/${meeting.id}/checklist`).set(world.coach.auth).send(fullChecklist()).expect(200);
    await http().post(`/v1/handovers/${meeting.id}/confirmations`).set(world.participant.auth).expect(200);
    await waitForQueuesToDrain(testApp);
    const [mail] = await testApp.dataSource.query(
      "SELECT context, text, about_participant_id FROM mail_message WHERE template = 'handover-confirmation'",
    );
    expect(mail.about_participant_id).toBe(world.participantId);
    return { meetingId: meeting.id, token: tokenFromMail(mail) };
  }

  it("leaves the participant's e-mail out of the employer's .ics unless they agreed to share contact details", async () => {
    await schedule();
    const [employerInvite] = await mailsTo(EMPLOYER_CONTACT);
    const employerAttendees = attendees(employerInvite.attachments[0].content);
    expect(employerAttendees).toContain(EMPLOYER_CONTACT);
    expect(employerAttendees).not.toContain(world.participant.email);
    // The participant's and the coach's own invitations still list everyone they meet.
    const [ownInvite] = await mailsTo(world.participant.email);
    expect(attendees(ownInvite.attachments[0].content)).toContain(world.participant.email);

    await testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, profile_parts, given_at, given_by_user_id) VALUES ($1, $2, 'share_profile_with_employer', $3, '{contact}', now(), $4)",
      [world.organisationId, world.participantId, world.employerId, world.participant.userId],
    );
    const [meeting] = await testApp.dataSource.query('SELECT id FROM handover_meeting WHERE placement_id = $1', [world.placementId]);
    await http()
      .patch(`/v1/handovers/${meeting.id}`)
      .set(world.coach.auth)
      .send({ startsAt: '2026-03-12T14:00:00+01:00', location: 'Online', videoLink: 'https://meet.example.nl/overdracht' })
      .expect(200);
    const updated = (await mailsTo(EMPLOYER_CONTACT)).at(-1)!;
    expect(attendees(updated.attachments[0].content)).toContain(world.participant.email);
    for (const recipient of [EMPLOYER_CONTACT, world.participant.email, world.coach.email]) {
      for (const mail of await mailsTo(recipient)) expect(mail.about_participant_id).toBe(world.participantId);
    }
  });

  it('mails the employer nothing more once the disclose consent is withdrawn', async () => {
    const meeting = await schedule();
    expect(await mailsTo(EMPLOYER_CONTACT)).toHaveLength(1);
    await withdrawDisclosure();

    const moved = await http()
      .patch(`/v1/handovers/${meeting.id}`)
      .set(world.coach.auth)
      .send({ startsAt: '2026-03-12T14:00:00+01:00', location: 'Online', videoLink: 'https://meet.example.nl/overdracht' });
    expect(moved.status).toBe(200);
    expect(moved.body.employerContacted).toBe(false);
    await http().post(`/v1/handovers/${meeting.id}/cancellation`).set(world.coach.auth).expect(200);
    expect(await mailsTo(EMPLOYER_CONTACT)).toHaveLength(1);
    // The participant and the coach are still told.
    expect(await mailsTo(world.participant.email)).toHaveLength(3);
  });

  it('audits each view of the confirmation page, and answers 410 once the disclose consent is withdrawn', async () => {
    const { token } = await confirmationLink();
    const page = await http().get(`/portal/handover-confirmation?token=${token}`);
    expect(page.status).toBe(200);
    const views = await auditEntries('handover_meeting');
    expect(views).toHaveLength(1);

    await withdrawDisclosure();
    const gone = await http().get(`/portal/handover-confirmation?token=${token}`);
    expect(gone.status).toBe(410);
    expect(gone.text).not.toContain('Voor 8:00 bellen met Karin');
    expect((await http().post('/v1/handover-confirmations').send({ token })).status).toBe(410);
    const [revoked] = await testApp.dataSource.query(
      "SELECT used_at FROM one_time_token WHERE purpose = 'handover_confirmation' AND subject_id IS NOT NULL",
    );
    expect(revoked.used_at).not.toBeNull();
    expect(await auditEntries('handover_meeting')).toHaveLength(1);
  });

  it('revokes the confirmation link in the database as soon as the disclose consent is withdrawn, before anyone opens it', async () => {
    const { meetingId, token } = await confirmationLink();
    const outstanding = () =>
      testApp.dataSource.query(
        "SELECT id FROM one_time_token WHERE purpose = 'handover_confirmation' AND subject_id = $1 AND used_at IS NULL",
        [meetingId],
      );
    expect(await outstanding()).toHaveLength(1);

    await withdrawDisclosure();
    expect(await outstanding()).toHaveLength(0);
    const [revoked] = await testApp.dataSource.query(
      "SELECT used_at FROM one_time_token WHERE purpose = 'handover_confirmation' AND subject_id = $1",
      [meetingId],
    );
    expect(revoked.used_at).not.toBeNull();

    expect((await http().get(`/portal/handover-confirmation?token=${token}`)).status).toBe(410);
    expect((await http().post('/v1/handover-confirmations').send({ token })).status).toBe(410);
    expect(await auditEntries('handover_meeting')).toHaveLength(0);
  });

  it('answers 410 on the confirmation link after erasure, and the link is gone', async () => {
    const { token } = await confirmationLink();
    const admin = await createUser(testApp, world.organisationId, 'admin');
    const erased = await http()
      .post(`/v1/participants/${world.participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);
    expect((await http().get(`/portal/handover-confirmation?token=${token}`)).status).toBe(410);
    expect((await http().post('/v1/handover-confirmations').send({ token })).status).toBe(410);
    const tokens = await testApp.dataSource.query("SELECT id FROM one_time_token WHERE purpose = 'handover_confirmation'");
    expect(tokens).toHaveLength(0);
    const [meeting] = await testApp.dataSource.query(
      'SELECT checklist, attendance, location FROM handover_meeting WHERE placement_id = $1',
      [world.placementId],
    );
    expect(meeting).toEqual({ checklist: {}, attendance: {}, location: 'Verwijderd' });
  });

  it("records every read of the employer's folder (JSON, HTML, PDF) in the participant's access log", async () => {
    const meeting = await schedule();
    for (const format of ['json', 'html', 'pdf']) {
      const response = await http().get(`/v1/handovers/${meeting.id}/folder?format=${format}`).set(world.employerUser.auth).buffer(true);
      expect(response.status).toBe(200);
    }
    const reads = await auditEntries('handover_folder');
    expect(reads.map((entry) => entry.fields)).toEqual([['json'], ['html'], ['pdf']]);
    expect(reads.every((entry) => entry.role === 'employer_user')).toBe(true);

    await withdrawDisclosure();
    expect((await http().get(`/v1/handovers/${meeting.id}/folder`).set(world.employerUser.auth)).status).toBe(404);
    expect(await auditEntries('handover_folder')).toHaveLength(3);
  });

  it("records the coach's participant page reads of placements, check-ins and contacts", async () => {
    await http()
      .post(`/v1/placements/${world.placementId}/contacts`)
      .set(world.coach.auth)
      .send({ at: '2026-03-01T10:00:00Z', channel: 'phone', withParty: 'participant' });
    const page = await http().get(`/portal/caseload/${world.participantId}`).set('Cookie', `${SESSION_COOKIE}=${world.coach.token}`);
    expect(page.status).toBe(200);
    for (const resourceType of ['placement', 'checkin', 'contact_log']) {
      expect(await auditEntries(resourceType, 'list')).toHaveLength(1);
    }
  });
});
