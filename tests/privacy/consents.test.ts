import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ConsentsService } from '../../src/consents/consents.service.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { auditRows, createPrivacyWorld, PRIVACY_MODULES, PROBLEM, type PrivacyWorld } from './privacy-world.js';

describe('Consents: given and withdrawn by the participant and by their coach', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;
  let consents: ConsentsService;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: PRIVACY_MODULES });
    consents = testApp.app.get(ConsentsService);
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);

  it('lets a participant give consent, explained in Dutch and English, recorded with who and when', async () => {
    const response = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'proposal_to_employers' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      purpose: 'proposal_to_employers',
      employerId: null,
      profileParts: [],
      active: true,
      givenAt: '2026-01-05T09:00:00.000Z',
      givenByUserId: world.participant.userId,
      withdrawnAt: null,
    });
    expect(response.body.explanation.nl).toContain('Werkbrug mag u voorstellen aan werkgevers.');
    expect(response.body.explanation.en).toContain('Werkbrug may propose you to employers.');
    expect(await consents.hasConsent(world.participantId, 'proposal_to_employers')).toBe(true);

    const audit = await auditRows(testApp, world.participantId);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'consent_given',
        actor_user_id: world.participant.userId,
        actor_role: 'participant',
        resource_id: response.body.id,
      }),
    );

    const list = await http().get('/v1/me/consents').set(world.participant.auth);
    expect(list.status).toBe(200);
    expect(list.body.map((consent: { id: string }) => consent.id)).toEqual([response.body.id]);
  });

  it('returns the active consent when the same consent is given again', async () => {
    const first = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'email_reminders' });
    const again = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'email_reminders' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM consent WHERE participant_id = $1', [
      world.participantId,
    ]);
    expect(n).toBe(1);
  });

  it('records one consent when the same consent is given several times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'proposal_to_employers' }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM consent WHERE participant_id = $1', [
      world.participantId,
    ]);
    expect(n).toBe(1);
  });

  it('shares named profile parts with one employer and replaces them in one step', async () => {
    const first = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['adaptations', 'name'] });
    expect(first.status).toBe(201);
    expect(first.body.profileParts).toEqual(['name', 'adaptations']);
    expect(first.body.employerName).toBe('Bakkerij De Korenschoof');
    expect(first.body.explanation.nl).toContain('Bakkerij De Korenschoof');
    expect(first.body.explanation.nl).toContain('de aanpassingen die u nodig heeft op het werk');
    expect(await consents.sharedParts(world.participantId, world.employerId)).toEqual(['name', 'adaptations']);

    const same = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['name', 'adaptations'] });
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(first.body.id);

    testApp.clock.advance(60_000);
    const replaced = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['name', 'skills'] });
    expect(replaced.status).toBe(201);
    expect(replaced.body.id).not.toBe(first.body.id);
    expect(await consents.sharedParts(world.participantId, world.employerId)).toEqual(['name', 'skills']);

    const rows = await testApp.dataSource.query(
      'SELECT id, withdrawn_at, withdrawn_by_user_id FROM consent WHERE participant_id = $1 ORDER BY given_at',
      [world.participantId],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: first.body.id, withdrawn_by_user_id: world.participant.userId });
    expect(rows[0].withdrawn_at).toBeInstanceOf(Date);
    expect(rows[1]).toMatchObject({ id: replaced.body.id, withdrawn_at: null });
    const actions = (await auditRows(testApp, world.participantId)).map((row) => row.action);
    expect(actions).toEqual(['consent_given', 'consent_withdrawn', 'consent_given']);
  });

  it('gives no parts for an employer without consent, and none for another employer', async () => {
    expect(await consents.sharedParts(world.participantId, world.employerId)).toEqual([]);
    await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'disclose_support_organisation', employerId: world.employerId })
      .expect(201);
    expect(await consents.hasConsent(world.participantId, 'disclose_support_organisation', world.employerId)).toBe(true);
    expect(await consents.hasConsent(world.participantId, 'disclose_support_organisation')).toBe(false);
    expect(await consents.sharedParts(world.participantId, world.employerId)).toEqual([]);
  });

  it('names the field when the purpose needs an employer, forbids one, or the employer is not of the organisation', async () => {
    const missing = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', profileParts: ['name'] });
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    expect(missing.body.invalidParams).toEqual([{ name: 'employerId', reason: expect.stringContaining('required') }]);

    const noParts = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId });
    expect(noParts.status).toBe(400);
    expect(noParts.body.invalidParams[0].name).toBe('profileParts');

    const extra = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'proposal_to_employers', employerId: world.employerId });
    expect(extra.status).toBe(400);
    expect(extra.body.invalidParams[0].name).toBe('employerId');

    const foreign = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'disclose_support_organisation', employerId: world.other.employerId });
    expect(foreign.status).toBe(422);
    expect(foreign.body.invalidParams).toEqual([{ name: 'employerId', reason: 'must be an employer of your organisation' }]);

    const unknown = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'sell_my_data' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalidParams[0].name).toBe('purpose');

    const badPart = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['diagnosis'] });
    expect(badPart.status).toBe(400);
    expect(badPart.body.invalidParams[0].name).toBe('profileParts');
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM consent');
    expect(n).toBe(0);
  });

  it('lets the participant withdraw; the withdrawal counts from the very next request', async () => {
    const given = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'proposal_to_employers' });
    expect(await consents.hasConsent(world.participantId, 'proposal_to_employers')).toBe(true);

    testApp.clock.advance(1_000);
    const withdrawn = await http().post(`/v1/me/consents/${given.body.id}/withdrawal`).set(world.participant.auth);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      id: given.body.id,
      active: false,
      withdrawnAt: '2026-01-05T09:00:01.000Z',
      withdrawnByUserId: world.participant.userId,
    });

    expect(await consents.hasConsent(world.participantId, 'proposal_to_employers')).toBe(false);
    expect(await consents.activeConsent(world.participantId, 'proposal_to_employers')).toBeNull();
    const list = await http().get('/v1/me/consents').set(world.participant.auth);
    expect(list.body).toEqual([expect.objectContaining({ id: given.body.id, active: false })]);

    // Withdrawing again changes nothing and writes no second entry.
    const again = await http().post(`/v1/me/consents/${given.body.id}/withdrawal`).set(world.participant.auth);
    expect(again.status).toBe(200);
    expect(again.body.withdrawnAt).toBe('2026-01-05T09:00:01.000Z');
    const withdrawals = (await auditRows(testApp, world.participantId)).filter((row) => row.action === 'consent_withdrawn');
    expect(withdrawals).toHaveLength(1);
    // Rows are never deleted.
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM consent WHERE participant_id = $1', [
      world.participantId,
    ]);
    expect(n).toBe(1);
  });

  it('lets the coach record consent given in a meeting, and its withdrawal; the participant sees both', async () => {
    const base = `/v1/participants/${world.participantId}/consents`;
    const given = await http().post(base).set(world.coach.auth).send({ purpose: 'proposal_to_employers' });
    expect(given.status).toBe(201);
    expect(given.body.givenByUserId).toBe(world.coach.userId);
    expect(await consents.hasConsent(world.participantId, 'proposal_to_employers')).toBe(true);

    const mine = await http().get('/v1/me/consents').set(world.participant.auth);
    expect(mine.body).toEqual([expect.objectContaining({ id: given.body.id, givenByUserId: world.coach.userId, active: true })]);

    const staffList = await http().get(base).set(world.coach.auth);
    expect(staffList.status).toBe(200);
    expect(staffList.body).toHaveLength(1);

    const withdrawn = await http().post(`${base}/${given.body.id}/withdrawal`).set(world.coach.auth);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ active: false, withdrawnByUserId: world.coach.userId });
    expect(await consents.hasConsent(world.participantId, 'proposal_to_employers')).toBe(false);

    const audit = await auditRows(testApp, world.participantId);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'consent_given', actor_user_id: world.coach.userId, actor_role: 'jobcoach' }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ action: 'consent_withdrawn', actor_user_id: world.coach.userId }));
  });

  it('records how the participant confirmed a consent the coach recorded, and tells the participant by mail', async () => {
    const base = `/v1/participants/${world.participantId}/consents`;
    const given = await http()
      .post(base)
      .set(world.coach.auth)
      .send({ purpose: 'share_profile_with_employer', employerId: world.employerId, profileParts: ['name'], confirmedVia: 'phone' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ confirmedVia: 'phone', givenByUserId: world.coach.userId });
    const [mail] = await testApp.dataSource.query(
      'SELECT template, recipient, about_participant_id FROM mail_message WHERE dedupe_key = $1',
      [`consent-recorded.${given.body.id}`],
    );
    expect(mail).toEqual({ template: 'consent-recorded', recipient: world.participant.email, about_participant_id: world.participantId });
    const audit = await auditRows(testApp, world.participantId);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'consent_given', resource_id: given.body.id }));

    // Given by the participant themself: no confirmation channel, and no mail about it.
    const own = await http()
      .post('/v1/me/consents')
      .set(world.participant.auth)
      .send({ purpose: 'email_reminders', confirmedVia: 'phone' });
    expect(own.status).toBe(400);
    expect(own.body.invalidParams).toEqual([expect.objectContaining({ name: 'confirmedVia' })]);
    const plain = await http().post('/v1/me/consents').set(world.participant.auth).send({ purpose: 'email_reminders' });
    expect(plain.body.confirmedVia).toBeNull();
    const [{ n }] = await testApp.dataSource.query("SELECT count(*)::int AS n FROM mail_message WHERE template = 'consent-recorded'");
    expect(n).toBe(1);
  });

  it("answers 404 for another participant's consent, through either route", async () => {
    const neighbours = await http().post('/v1/me/consents').set(world.neighbour.auth).send({ purpose: 'proposal_to_employers' });
    const viaMe = await http().post(`/v1/me/consents/${neighbours.body.id}/withdrawal`).set(world.participant.auth);
    expect(viaMe.status).toBe(404);
    expect(viaMe.headers['content-type']).toMatch(PROBLEM);
    const viaStaff = await http()
      .post(`/v1/participants/${world.participantId}/consents/${neighbours.body.id}/withdrawal`)
      .set(world.coach.auth);
    expect(viaStaff.status).toBe(404);
    expect(await consents.hasConsent(world.neighbourId, 'proposal_to_employers')).toBe(true);

    const malformed = await http().post('/v1/me/consents/not-a-uuid/withdrawal').set(world.participant.auth);
    expect(malformed.status).toBe(400);
    expect(malformed.body.invalidParams).toEqual([{ name: 'consentId', reason: 'must be a UUID' }]);
  });
});
