import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigType } from '@nestjs/config';
import request from 'supertest';
import { appConfig } from '../../src/platform/config/app.config.js';
import { HelpRequestsModule } from '../../src/help-requests/help-requests.module.js';
import { JobName } from '../../src/platform/queue/queue.constants.js';
import { type Locale, MailTemplateService } from '../../src/platform/mail/mail-template.service.js';
import { fullChecklist, aftercareWorld } from '../aftercare/aftercare-world.js';
import { createUser, renewSession, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const TEMPLATES = join(process.cwd(), 'templates', 'mail');
const TEMPLATE_NAMES = readdirSync(TEMPLATES).filter((name) => statSync(join(TEMPLATES, name)).isDirectory());

/** Templates whose sources use `{{link}}`: each must be driven through the app, so its link is the real one. */
function usesLink(template: string): boolean {
  return readdirSync(join(TEMPLATES, template)).some((file) => readFileSync(join(TEMPLATES, template, file), 'utf8').includes('{{link}}'));
}

interface RecordedMail {
  template: string;
  locale: string;
  recipient: string;
  context: Record<string, unknown>;
  subject: string | null;
  html: string | null;
  text: string | null;
}

const LINK = /https?:\/\/[^\s"'<>)]+/g;

/** An href as the mail client follows it: Handlebars escapes `=` and `&` in the HTML part. */
function unescapeHtml(link: string): string {
  return link
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCharCode(Number(decimal)))
    .replace(/&amp;/g, '&');
}

/**
 * Every mail template, rendered with what the app really records for it, and
 * every link in it requested as the mail's recipient would: each answers 200
 * (after the sign-in page, for pages that need a session), none 404.
 */
describe('links in mails', () => {
  let testApp: TestApp;
  let publicUrl: string;
  /** Who each mail went to, to sign in as them; undefined for addresses without an account (a token link is enough). */
  const recipients = new Map<string, TestUser>();

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' }, imports: [HelpRequestsModule] });
    await resetState(testApp);
    publicUrl = testApp.app.get<ConfigType<typeof appConfig>>(appConfig.KEY).publicUrl;
    await drive();
    // It drives every mail the app sends (twenty-odd use cases, each through the queue): far more than one hook's default.
  }, 240_000);
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);

  /** The app's own roads to every mail that carries a link. */
  async function drive(): Promise<void> {
    testApp.clock.set('2026-03-02T09:00:00Z');
    const world = await aftercareWorld(testApp);
    for (const user of [world.coach, world.lead, world.participant, world.employerUser, world.otherCoach]) recipients.set(user.email, user);
    const admin = await createUser(testApp, world.organisationId, 'admin');
    recipients.set(admin.email, admin);

    // Help requests: new (to the coach), reply (to the participant, and back to the coach), escalated (to the team lead).
    const asked = await http()
      .post('/v1/help-requests')
      .set(world.participant.auth)
      .send({ category: 'work', urgency: 'normal', body: 'Ik wil graag praten over mijn rooster.' });
    expect(asked.status).toBe(201);
    await http().post(`/v1/help-requests/${asked.body.id}/messages`).set(world.coach.auth).send({ body: 'Ik bel je morgen.' }).expect(201);
    await http().post(`/v1/help-requests/${asked.body.id}/messages`).set(world.participant.auth).send({ body: 'Dank je.' }).expect(201);
    // Left unanswered: escalated to the team lead.
    await http()
      .post('/v1/help-requests')
      .set(world.participant.auth)
      .send({ category: 'home', urgency: 'high', body: 'Graag snel contact.' })
      .expect(201);
    // From an employer user: routed to the team lead, whose answer links to the employer user's own page.
    const fromEmployer = await http()
      .post('/v1/help-requests')
      .set(world.employerUser.auth)
      .send({ category: 'conflict_at_work', urgency: 'normal', body: 'Graag iemand langs.' });
    expect(fromEmployer.status).toBe(201);
    await http()
      .post(`/v1/help-requests/${fromEmployer.body.id}/messages`)
      .set(world.lead.auth)
      .send({ body: 'Ik kom dinsdag.' })
      .expect(201);

    // A candidate introduced to the employer: its users hear of it (the consent to share comes first).
    const vacancy = await http().post('/v1/vacancies').set(world.coach.auth).send({
      employerId: world.employerId,
      title: 'Medewerker inpak',
      iscoCode: '9321',
      hoursMin: 20,
      hoursMax: 24,
      postcode: '3511 AB',
      status: 'open',
    });
    expect(vacancy.status).toBe(201);
    const proposed = await http()
      .post('/v1/matches')
      .set(world.coach.auth)
      .send({ vacancyId: vacancy.body.id, participantId: world.participantId });
    expect(proposed.status).toBe(201);
    await testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, profile_parts, given_at, given_by_user_id) VALUES ($1, $2, 'share_profile_with_employer', $3, '{name}', now(), $4)",
      [world.organisationId, world.participantId, world.employerId, world.participant.userId],
    );
    await http().post(`/v1/matches/${proposed.body.id}/transitions`).set(world.coach.auth).send({ status: 'introduced' }).expect(201);

    // A consent the coach records on the participant's behalf: the participant is told, with a link to withdraw it.
    await http()
      .post(`/v1/participants/${world.participantId}/consents`)
      .set(world.coach.auth)
      .send({ purpose: 'disclose_target_group', employerId: world.employerId, confirmedVia: 'phone' })
      .expect(201);

    // Handover: invitations to all three, a reminder, and after the meeting the confirmation link to the employer contact.
    const meeting = await http()
      .post(`/v1/placements/${world.placementId}/handover`)
      .set(world.coach.auth)
      .send({ startsAt: '2026-03-10T10:00:00+01:00', location: 'Bakkerij De Korenschoof, Oudegracht 12', durationMinutes: 60 });
    expect(meeting.status).toBe(201);
    await http().put(`/v1/handovers/${meeting.body.id}/checklist`).set(world.coach.auth).send(fullChecklist()).expect(200);

    // Later: escalation and the reminder are due, the meeting is held and confirmed.
    testApp.clock.set('2026-03-10T11:00:00Z');
    for (const user of recipients.values()) await renewSession(testApp, user);
    await runDueJobs(testApp);
    await http()
      .put(`/v1/handovers/${meeting.body.id}/attendance`)
      .set(world.coach.auth)
      .send({ participant: true, coach: true, employerContact: false })
      .expect(200);
    await http().post(`/v1/handovers/${meeting.body.id}/confirmations`).set(world.participant.auth);

    // Identity: an invitation, a sign-in link and a password reset.
    const invited = `nieuw-${Date.now()}@werkbrug.test`;
    await http()
      .post('/v1/invitations')
      .set(admin.auth)
      .send({ email: invited, displayName: 'Nieuwe Coach', role: 'jobcoach', locale: 'nl' })
      .expect(201);
    await http().post('/v1/auth/magic-links').send({ email: world.participant.email });
    await http().post('/v1/auth/password-resets').send({ email: world.coach.email });
    await http().post('/v1/mail/test-messages').set(admin.auth).send({ recipient: admin.email }).expect(202);
    await waitForQueuesToDrain(testApp);

    // Satisfaction surveys: three months into the placement (contract from 2 February) the scheduled job mails the
    // participant and the employer contact. The clock goes back afterwards, so the links above are still open.
    const before = testApp.clock.now();
    testApp.clock.set('2026-05-04T09:00:00Z');
    await testApp.queues.enqueue(JobName.SurveysSendDue, {});
    await waitForQueuesToDrain(testApp);
    testApp.clock.set(before);
  }

  async function recorded(template: string): Promise<RecordedMail[]> {
    return testApp.dataSource.query(
      'SELECT template, locale, recipient, context, subject, html, text FROM mail_message WHERE template = $1 ORDER BY created_at',
      [template],
    );
  }

  /** The mail as it went (or goes) out: composed already, or composed now from its recorded context. */
  function rendered(mail: RecordedMail): string {
    if (mail.html !== null && mail.text !== null) return `${mail.html}\n${mail.text}`;
    const composed = testApp.app.get(MailTemplateService).compose(mail.template, mail.locale as Locale, mail.context);
    return `${composed.html}\n${composed.text}`;
  }

  function links(body: string): string[] {
    return [...new Set((body.match(LINK) ?? []).map(unescapeHtml))];
  }

  /** As the recipient: without a session a page either shows (token links) or sends to sign-in; with theirs it shows. */
  async function follow(link: string, recipient: TestUser | undefined): Promise<void> {
    const path = link.slice(publicUrl.length);
    const anonymous = await http().get(path);
    expect([200, 303]).toContain(anonymous.status);
    if (anonymous.status === 303) {
      expect(anonymous.headers.location).toBe(`/portal/sign-in?next=${encodeURIComponent(path)}`);
      expect((await http().get(anonymous.headers.location)).status).toBe(200);
      expect(recipient).toBeDefined();
    }
    if (!recipient) return;
    const signedIn = await http().get(path).set('Cookie', `wb_session=${recipient.token}`);
    expect({ link, as: recipient.role, status: signedIn.status }).toEqual({ link, as: recipient.role, status: 200 });
  }

  it('finds the templates', () => {
    expect(TEMPLATE_NAMES.length).toBeGreaterThan(10);
  });

  /** For a template the drive above does not reach: its own placeholders, filled in (it then must hold no link of ours). */
  function shapeOf(template: string): RecordedMail {
    const sources = readdirSync(join(TEMPLATES, template)).map((file) => readFileSync(join(TEMPLATES, template, file), 'utf8'));
    const context: Record<string, unknown> = {};
    for (const [, helper, name] of sources.join('\n').matchAll(/{{\s*(#if\s+|#unless\s+)?([A-Za-z]+)\s*}}/g)) {
      if (name !== 'else') context[name] = helper ? true : `${name}-waarde`;
    }
    return { template, locale: 'nl', recipient: '', context, subject: null, html: null, text: null };
  }

  it.each(TEMPLATE_NAMES)('%s: every link answers 200 for its recipient', async (template) => {
    const driven = await recorded(template);
    if (usesLink(template)) expect(driven.length).toBeGreaterThan(0);
    const mails = driven.length ? driven : [shapeOf(template)];
    for (const mail of mails) {
      const body = rendered(mail);
      for (const link of links(body)) {
        // Addresses a coach typed (a video call) are theirs; every link of ours is under PUBLIC_URL.
        if (Object.values(mail.context).includes(link) && !link.startsWith(publicUrl)) continue;
        expect(link.startsWith(`${publicUrl}/`)).toBe(true);
        await follow(link, recipients.get(mail.recipient));
      }
      if (usesLink(template)) expect(links(body).length).toBeGreaterThan(0);
    }
  });

  it.each(['survey-participant', 'survey-employer'])('%s: the link in the mail answers the survey, once', async (template) => {
    const [mail] = await recorded(template);
    const [link] = links(rendered(mail)).filter((found) => found.startsWith(`${publicUrl}/portal/survey?`));
    const path = link.slice(publicUrl.length);
    const token = new URL(link).searchParams.get('token')!;
    expect((await http().get(path)).text).toContain('Hoe tevreden bent u?');
    const answered = await http().post('/portal/survey').type('form').send({ token, score: '8', wentWell: 'Goed bereikbaar.' });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Dank u wel! Wij hebben uw antwoord ontvangen.');
    expect((await http().get(path)).text).toContain('U heeft deze vragen al beantwoord.');
  });
});
