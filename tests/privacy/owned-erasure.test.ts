import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { HelpRequestsModule } from '../../src/help-requests/help-requests.module.js';
import { ImportsModule } from '../../src/imports/imports.module.js';
import { MailService } from '../../src/platform/mail/mail.service.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { createPrivacyWorld, PRIVACY_MODULES, type PrivacyWorld } from './privacy-world.js';

const MARKER = 'ERASEMARKER-c41d';

/**
 * Erasure of what help requests, imports and mail keep about a participant:
 * no marker written into their free text, files, mails or attachments is
 * left, whoever a mail went to.
 */
describe('erasure of help requests, import files and mail about the participant', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [...PRIVACY_MODULES, HelpRequestsModule, ImportsModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  const ds = () => testApp.dataSource;

  it('leaves no marker in help requests, their messages, import files or mails to anyone about the participant', async () => {
    const asked = await http()
      .post('/v1/help-requests')
      .set(world.participant.auth)
      .send({ category: 'health', urgency: 'normal', preferredTime: `ochtend ${MARKER}`, body: `Het gaat niet goed ${MARKER}` });
    expect(asked.status).toBe(201);
    await http()
      .post(`/v1/help-requests/${asked.body.id}/messages`)
      .set(world.participant.auth)
      .send({ body: `Nog iets ${MARKER}` })
      .expect(201);

    // A file still waiting to be imported that holds the participant's row (and an unrelated one).
    const [participant] = await ds().query('SELECT email FROM participant WHERE id = $1', [world.participantId]);
    await ds().query(
      `INSERT INTO import_run (organisation_id, kind, status, content, total_rows, created_by_user_id, created_by_membership_id, created_by_role)
       VALUES ($1, 'participants', 'queued', $2, 1, $3, $4, 'admin')`,
      [
        world.organisationId,
        `externalReference,firstName,lastName,email\nX-1,${MARKER},El Amrani,${participant.email}\n`,
        world.admin.userId,
        world.admin.membershipId,
      ],
    );

    // Mail about the participant to the employer contact, with an invitation attached: one sent, one not yet.
    const mail = testApp.app.get(MailService);
    const invite = {
      filename: 'invite.ics',
      contentType: 'text/calendar',
      content: Buffer.from(`ATTENDEE:${MARKER}`).toString('base64'),
      method: 'REQUEST' as const,
    };
    const sentId = await mail.record({
      organisationId: world.organisationId,
      template: 'test-message',
      locale: 'nl',
      to: 'karin@korenschoof.test',
      context: { requestedBy: MARKER },
      dedupeKey: 'about.sent',
      attachments: [invite],
      aboutParticipantId: world.participantId,
    });
    await ds().query(
      "UPDATE mail_message SET status = 'sent', sent_at = now(), subject = $2, html = $2, text = $2, raw_message = $3 WHERE id = $1",
      [sentId, `Over ${MARKER}`, Buffer.from(MARKER)],
    );
    await mail.record({
      organisationId: world.organisationId,
      template: 'test-message',
      locale: 'nl',
      to: 'karin@korenschoof.test',
      context: { requestedBy: MARKER },
      dedupeKey: 'about.queued',
      attachments: [invite],
      aboutParticipantId: world.participantId,
    });
    // Mail to the same contact about someone else stays as it is.
    await mail.record({
      organisationId: world.organisationId,
      template: 'test-message',
      locale: 'nl',
      to: 'karin@korenschoof.test',
      context: { requestedBy: 'Jan' },
      dedupeKey: 'about.neighbour',
      aboutParticipantId: world.neighbourId,
    });

    const erased = await http()
      .post(`/v1/participants/${world.participantId}/erasure`)
      .set(world.admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);

    const everything = JSON.stringify([
      await ds().query('SELECT * FROM help_request'),
      await ds().query('SELECT * FROM help_request_message'),
      await ds().query('SELECT * FROM import_run'),
      await ds().query("SELECT *, encode(raw_message, 'escape') AS raw FROM mail_message"),
    ]);
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toContain(Buffer.from(`ATTENDEE:${MARKER}`).toString('base64'));

    const [request_] = await ds().query('SELECT body, preferred_time, category FROM help_request WHERE id = $1', [asked.body.id]);
    expect(request_).toMatchObject({ preferred_time: null, category: 'health' });
    expect(await ds().query('SELECT id FROM help_request_message')).toEqual([]);
    const [run] = await ds().query('SELECT content FROM import_run');
    expect(run.content).toBe('');

    const mails = await ds().query(
      "SELECT dedupe_key, recipient, subject, html, text, context, attachments FROM mail_message WHERE dedupe_key LIKE 'about.%' ORDER BY dedupe_key",
    );
    expect(mails).toEqual([
      expect.objectContaining({ dedupe_key: 'about.neighbour', recipient: 'karin@korenschoof.test', context: { requestedBy: 'Jan' } }),
      { dedupe_key: 'about.sent', recipient: 'anonymised@invalid', subject: null, html: null, text: null, context: {}, attachments: [] },
    ]);
  });
});
