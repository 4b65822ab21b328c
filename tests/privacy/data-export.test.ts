import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import request from 'supertest';
import { ParticipantsModule } from '../../src/participants/participants.module.js';
import { ParticipantsService } from '../../src/participants/participants.service.js';
import { type DataExportContributor, ExportsPersonalData } from '../../src/privacy/data-export-contributor.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { auditRows, createPrivacyWorld, PRIVACY_MODULES, PROBLEM, type PrivacyWorld } from './privacy-world.js';

/** A later feature adding its own section, the way placements or check-ins will. */
@Injectable()
@ExportsPersonalData({ titleNl: 'Proefplaatsingen' })
class PlacementsExportFixture implements DataExportContributor {
  readonly section = 'testPlacements';

  constructor(private readonly participants: ParticipantsService) {}

  async collect(participantId: string, organisationId: string): Promise<unknown> {
    const participant = await this.participants.findForExport(participantId, organisationId);
    return [{ employer: 'Bakkerij <De Korenschoof>', firstNameSeen: participant.firstName }];
  }
}

@Module({ imports: [ParticipantsModule], providers: [PlacementsExportFixture] })
class PlacementsFixtureModule {}

const SECRET_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0$SECRETHASHVALUE';
const SECRET_TOTP = 'enc1.k1.SECRETTOTP.SECRETTAG.SECRETBODY';

describe('Data export (GDPR art. 15)', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [...PRIVACY_MODULES, PlacementsFixtureModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
    const ds = testApp.dataSource;
    await ds.query('UPDATE user_account SET password_hash = $2, totp_secret = $3, totp_enabled = true WHERE id = $1', [
      world.participant.userId,
      SECRET_HASH,
      SECRET_TOTP,
    ]);
    await request(testApp.http)
      .patch(`/v1/participants/${world.participantId}`)
      .set(world.coach.auth)
      .send({ privateNotes: 'Werkt graag in de ochtend', dateOfBirth: '1994-03-17' })
      .expect(200);
    const [{ email }] = await ds.query('SELECT email FROM participant WHERE id = $1', [world.participantId]);
    await ds.query(
      `INSERT INTO mail_message (organisation_id, dedupe_key, template, locale, recipient, message_id, subject, html, text, status, sent_at)
       VALUES ($1, 'k1', 'invitation', 'nl', $2, '<m1@werkbrug.test>', 'Welkom bij Werkbrug', '<p>GEHEIME-INHOUD</p>', 'GEHEIME-INHOUD', 'sent', now()),
              ($1, 'k2', 'invitation', 'nl', $3, '<m2@werkbrug.test>', 'Voor iemand anders', '<p>x</p>', 'x', 'sent', now())`,
      [world.organisationId, email, world.neighbour.email],
    );
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);

  it('gives the participant every section as JSON, coach notes included, and no secrets', async () => {
    await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'proposal_to_employers' }).expect(201);
    const given = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'email_reminders' });
    await http().post(`/v1/me/consents/${given.body.id}/withdrawal`).set(world.participant.auth).expect(200);

    const response = await http().get('/v1/me/data-export').set(world.participant.auth);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    const { sections } = response.body;
    expect(Object.keys(sections)).toEqual([
      'participant',
      'userAccount',
      'memberships',
      'linkedSignIns',
      'consents',
      'auditEvents',
      'mailMessages',
      'profile',
      'matches',
      'placements',
      'placementRisks',
      'helpRequests',
      'surveys',
      'testPlacements',
      'jobcoachFunding',
    ]);
    expect(response.body).toMatchObject({
      participantId: world.participantId,
      organisationId: world.organisationId,
      about: { nl: expect.any(String) },
    });
    expect(sections.participant).toMatchObject({
      id: world.participantId,
      firstName: 'Fatima',
      lastName: 'El Amrani',
      dateOfBirth: '1994-03-17',
      privateNotes: 'Werkt graag in de ochtend',
      coachName: expect.stringMatching(/^Coach /),
      coachChanges: [],
    });
    expect(sections.userAccount).toEqual({
      email: world.participant.email,
      displayName: expect.any(String),
      locale: 'nl',
      phone: null,
      createdAt: expect.any(String),
      disabledAt: null,
    });
    expect(sections.memberships).toEqual([expect.objectContaining({ role: 'participant', status: 'active' })]);
    expect(sections.consents).toHaveLength(2);
    expect(sections.consents).toContainEqual(expect.objectContaining({ purpose: 'email_reminders', active: false }));
    expect(sections.auditEvents.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining(['update', 'consent_given', 'consent_withdrawn']),
    );
    expect(sections.mailMessages).toEqual([
      { subject: 'Welkom bij Werkbrug', kind: 'invitation', status: 'sent', sentAt: expect.any(String), createdAt: expect.any(String) },
    ]);
    expect(sections.testPlacements).toEqual([{ employer: 'Bakkerij <De Korenschoof>', firstNameSeen: 'Fatima' }]);

    const text = JSON.stringify(response.body);
    for (const secret of [
      'SECRETHASHVALUE',
      'SECRETTOTP',
      'passwordHash',
      'password_hash',
      'totpSecret',
      'GEHEIME-INHOUD',
      'Voor iemand anders',
      'enc1.',
    ]) {
      expect(text).not.toContain(secret);
    }
    // Nothing from the other organisation.
    expect(text).not.toContain(world.other.participantId);

    const audit = await auditRows(testApp, world.participantId);
    expect(audit[audit.length - 1]).toMatchObject({
      action: 'export',
      actor_user_id: world.participant.userId,
      resource_type: 'participant',
      resource_id: world.participantId,
      fields: Object.keys(sections),
    });
  });

  it('gives staff the same export for a request made to them', async () => {
    const response = await http().get(`/v1/participants/${world.participantId}/data-export`).set(world.coach.auth);
    expect(response.status).toBe(200);
    expect(response.body.sections.participant.privateNotes).toBe('Werkt graag in de ochtend');
    expect(JSON.stringify(response.body)).not.toContain('SECRETHASHVALUE');
    const audit = await auditRows(testApp, world.participantId);
    expect(audit[audit.length - 1]).toMatchObject({ action: 'export', actor_user_id: world.coach.userId, actor_role: 'jobcoach' });
  });

  it('renders a readable Dutch summary as HTML with every value escaped', async () => {
    await testApp.dataSource.query(
      "UPDATE participant SET first_name = '<script>alert(1)</script>', last_name = 'O''Brien & Zn' WHERE id = $1",
      [world.participantId],
    );
    await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['name', 'availability'] })
      .expect(201);

    const response = await http().get('/v1/me/data-export?format=html').set(world.participant.auth);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const html = response.text;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="nl">/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('O&#x27;Brien &amp; Zn');
    expect(html).toContain('Uw toestemmingen');
    expect(html).toContain('Werkbrug mag uw naam en wanneer u kunt werken delen met Bakkerij De Korenschoof.');
    expect(html).toContain('Welkom bij Werkbrug');
    expect(html).toContain('Werkt graag in de ochtend');
    // A later feature's section appears too, escaped.
    expect(html).toContain('<h2>Proefplaatsingen</h2>');
    expect(html).toContain('Bakkerij &lt;De Korenschoof&gt;');
    expect(html).not.toContain('SECRETHASHVALUE');
  });

  it('refuses an unknown format, naming the parameter', async () => {
    const response = await http().get('/v1/me/data-export?format=pdf').set(world.participant.auth);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.invalidParams[0].name).toBe('format');
  });
});
