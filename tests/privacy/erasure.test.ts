import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ConsentsService } from '../../src/consents/consents.service.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { auditRows, createPrivacyWorld, PRIVACY_MODULES, PROBLEM, type PrivacyWorld } from './privacy-world.js';

describe('Erasure (GDPR art. 17) and the retention policy', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;
  let participantEmail: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: PRIVACY_MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
    const ds = testApp.dataSource;
    await request(testApp.http)
      .patch(`/v1/participants/${world.participantId}`)
      .set(world.coach.auth)
      .send({ phone: '06 12345678', dateOfBirth: '1994-03-17', privateNotes: 'Gevoelige notitie' })
      .expect(200);
    await request(testApp.http).post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'proposal_to_employers' }).expect(201);
    await request(testApp.http)
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['name'] })
      .expect(201);
    await ds.query(
      "UPDATE user_account SET password_hash = 'hash', totp_secret = 'secret', totp_enabled = true, phone = '0612' WHERE id = $1",
      [world.participant.userId],
    );
    await ds.query(
      "INSERT INTO one_time_token (purpose, token_hash, user_id, expires_at) VALUES ('magic_link', $1, $2, now() + interval '1 hour')",
      [randomBytes(32), world.participant.userId],
    );
    [{ email: participantEmail }] = await ds.query('SELECT email FROM participant WHERE id = $1', [world.participantId]);
    await ds.query(
      `INSERT INTO mail_message (organisation_id, dedupe_key, template, locale, recipient, message_id, subject, html, text, status, sent_at, context)
       VALUES ($1, 'sent', 'invitation', 'nl', $2, '<m1@werkbrug.test>', 'Welkom Fatima', '<p>Hallo Fatima</p>', 'Hallo Fatima', 'sent', now(), '{}'),
              ($1, 'queued', 'test-message', 'nl', $3, '<m2@werkbrug.test>', NULL, NULL, NULL, 'queued', NULL, '{"name": "Fatima"}'),
              ($1, 'neighbour', 'invitation', 'nl', $4, '<m3@werkbrug.test>', 'Welkom Jan', '<p>Hallo Jan</p>', 'Hallo Jan', 'sent', now(), '{}')`,
      [world.organisationId, participantEmail, world.participant.email, world.neighbour.email],
    );
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  const erasure = () => http().post(`/v1/participants/${world.participantId}/erasure`).set(world.admin.auth);
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await testApp.dataSource.query(sql, params))[0].n;

  it('refuses when the typed name does not match, naming confirmName, and changes nothing', async () => {
    const response = await erasure().send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amran' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.invalidParams).toEqual([{ name: 'confirmName', reason: expect.stringContaining('full name') }]);
    const [row] = await testApp.dataSource.query('SELECT first_name, erased_at FROM participant WHERE id = $1', [world.participantId]);
    expect(row).toEqual({ first_name: 'Fatima', erased_at: null });
    expect(await testApp.app.get(ConsentsService).hasConsent(world.participantId, 'proposal_to_employers')).toBe(true);

    const missing = await erasure().send({ confirmName: 'Fatima El Amrani' });
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams.map((param: { name: string }) => param.name)).toContain('reason');
  });

  it('anonymises the participant, their account and mail, withdraws consents, keeps the audit trail and the counts', async () => {
    const ds = testApp.dataSource;
    const participantsBefore = await count('SELECT count(*)::int AS n FROM participant WHERE organisation_id = $1', [world.organisationId]);
    const consentsBefore = await count('SELECT count(*)::int AS n FROM consent WHERE participant_id = $1', [world.participantId]);
    const auditBefore = await auditRows(testApp, world.participantId);
    await http().get('/v1/me').set(world.participant.auth).expect(200);

    testApp.clock.advance(60_000);
    const response = await erasure().send({ reason: 'Verzoek van de deelnemer (AVG art. 17)', confirmName: '  fatima   el amrani ' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      participantId: world.participantId,
      erasedAt: '2026-01-05T09:01:00.000Z',
      consentsWithdrawn: 2,
      userAccountAnonymised: true,
      sessionsRevoked: 1,
      oneTimeTokensDeleted: 1,
      mailMessagesDeleted: 1,
      mailMessagesAnonymised: 1,
    });

    const [participant] = await ds.query('SELECT * FROM participant WHERE id = $1', [world.participantId]);
    expect(participant).toMatchObject({
      first_name: 'Verwijderd',
      last_name: 'Verwijderd',
      email: null,
      phone: null,
      date_of_birth: null,
      private_notes: null,
      organisation_id: world.organisationId,
    });
    expect(participant.erased_at).toEqual(new Date('2026-01-05T09:01:00Z'));
    const records = await ds.query('SELECT reason, erased_by_user_id FROM erasure_record WHERE participant_id = $1', [world.participantId]);
    expect(records).toEqual([{ reason: 'Verzoek van de deelnemer (AVG art. 17)', erased_by_user_id: expect.any(String) }]);

    const consents = await ds.query('SELECT withdrawn_at, withdrawn_by_user_id FROM consent WHERE participant_id = $1', [
      world.participantId,
    ]);
    expect(consents).toHaveLength(consentsBefore);
    for (const consent of consents)
      expect(consent).toEqual({ withdrawn_at: new Date('2026-01-05T09:01:00Z'), withdrawn_by_user_id: world.admin.userId });

    const [membership] = await ds.query('SELECT status FROM membership WHERE id = $1', [world.participant.membershipId]);
    expect(membership.status).toBe('disabled');
    const [account] = await ds.query('SELECT * FROM user_account WHERE id = $1', [world.participant.userId]);
    expect(account).toMatchObject({
      email: `erased-${world.participant.userId}@invalid`,
      display_name: 'Verwijderd',
      phone: null,
      password_hash: null,
      totp_secret: null,
      totp_enabled: false,
    });
    expect(account.disabled_at).toBeInstanceOf(Date);
    expect(
      await count('SELECT count(*)::int AS n FROM session WHERE user_id = $1 AND revoked_at IS NULL', [world.participant.userId]),
    ).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM one_time_token WHERE user_id = $1', [world.participant.userId])).toBe(0);
    await http().get('/v1/me').set(world.participant.auth).expect(401);

    const mail = await ds.query('SELECT dedupe_key, recipient, subject, html, text, status FROM mail_message ORDER BY dedupe_key');
    expect(mail).toEqual([
      {
        dedupe_key: 'neighbour',
        recipient: world.neighbour.email,
        subject: 'Welkom Jan',
        html: '<p>Hallo Jan</p>',
        text: 'Hallo Jan',
        status: 'sent',
      },
      {
        dedupe_key: 'sent',
        recipient: `erased-${world.participant.userId}@invalid`,
        subject: null,
        html: null,
        text: null,
        status: 'sent',
      },
    ]);
    const everything = JSON.stringify(await ds.query('SELECT * FROM mail_message'));
    expect(everything).not.toContain('Fatima');
    expect(everything).not.toContain(participantEmail);

    // Audit rows stay (ids only), with the erasure and the withdrawals added.
    const auditAfter = await auditRows(testApp, world.participantId);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.slice(auditBefore.length).map((row) => row.action)).toEqual(['consent_withdrawn', 'consent_withdrawn', 'erase']);
    expect(auditAfter[auditAfter.length - 1]).toMatchObject({
      actor_user_id: world.admin.userId,
      actor_role: 'admin',
      resource_id: world.participantId,
    });

    // Counts still add up: the row stays, marked erased.
    expect(await count('SELECT count(*)::int AS n FROM participant WHERE organisation_id = $1', [world.organisationId])).toBe(
      participantsBefore,
    );
    expect(
      await count('SELECT count(*)::int AS n FROM participant WHERE organisation_id = $1 AND erased_at IS NOT NULL', [
        world.organisationId,
      ]),
    ).toBe(1);

    // No longer visible anywhere.
    await http().get(`/v1/participants/${world.participantId}`).set(world.admin.auth).expect(404);
    const list = await http().get('/v1/participants').set(world.admin.auth);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(world.participantId);
    await http().get(`/v1/participants/${world.participantId}/consents`).set(world.admin.auth).expect(404);
    await http().get(`/v1/participants/${world.participantId}/data-export`).set(world.admin.auth).expect(404);
  });

  it('answers a second erasure with 404', async () => {
    await erasure().send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' }).expect(200);
    const again = await erasure().send({ reason: 'Verzoek van de deelnemer', confirmName: 'Verwijderd Verwijderd' });
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    const erases = (await auditRows(testApp, world.participantId)).filter((row) => row.action === 'erase');
    expect(erases).toHaveLength(1);
  });

  it('keeps an account the person also uses in another organisation, closing only this membership', async () => {
    await testApp.dataSource.query(
      "INSERT INTO membership (organisation_id, user_id, role, status) VALUES ($1, $2, 'jobcoach', 'active')",
      [world.other.organisationId, world.participant.userId],
    );
    const response = await erasure().send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(response.status).toBe(200);
    expect(response.body.userAccountAnonymised).toBe(false);
    const [account] = await testApp.dataSource.query('SELECT email, disabled_at FROM user_account WHERE id = $1', [
      world.participant.userId,
    ]);
    expect(account).toEqual({ email: world.participant.email, disabled_at: null });
    const [membership] = await testApp.dataSource.query('SELECT status FROM membership WHERE id = $1', [world.participant.membershipId]);
    expect(membership.status).toBe('disabled');
    await http().get('/v1/me').set(world.participant.auth).expect(401);
  });

  it('is for admins only', async () => {
    const response = await http()
      .post(`/v1/participants/${world.participantId}/erasure`)
      .set(world.coach.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(response.status).toBe(403);
    const [row] = await testApp.dataSource.query('SELECT erased_at FROM participant WHERE id = $1', [world.participantId]);
    expect(row.erased_at).toBeNull();
  });

  it('lists what is kept by law, for how long and why, to anyone signed in', async () => {
    for (const user of [world.participant, world.employerUser, world.coach, world.admin]) {
      const response = await http().get('/v1/privacy/retention').set(user.auth);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ category: 'audit_log', retention: 'P5Y', legalBasis: expect.stringContaining('NEN 7513') }),
          expect.objectContaining({ category: 'wage_cost_subsidy', retention: 'P7Y', legalBasis: expect.stringContaining('AWR') }),
          expect.objectContaining({ category: 'trial_placements_and_coach_decisions', retention: 'P7Y' }),
          expect.objectContaining({ category: 'mail_delivery_records', retention: 'P1Y' }),
        ]),
      );
      for (const rule of response.body) expect(rule.explanation).toEqual({ nl: expect.any(String), en: expect.any(String) });
    }
    await http().get('/v1/privacy/retention').expect(401);
  });
});
