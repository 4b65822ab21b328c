import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEmployer, createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { createCandidate, createVacancy, giveConsent, MODULES, staffAndEmployer } from './world.js';

describe("the employer's answer to an introduced candidate", () => {
  let testApp: TestApp;
  let coach: TestUser;
  let employerUser: TestUser;
  let otherEmployerUser: TestUser;
  let employerId: string;
  let matchId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: MODULES });
    await resetState(testApp);
    testApp.clock.set('2026-06-15T09:00:00Z');
    const organisation = await createOrganisation(testApp.dataSource);
    ({ coach, employerId, employerUser } = await staffAndEmployer(testApp, organisation.id));
    const otherEmployer = await createEmployer(testApp.dataSource, organisation.id, 'Ander Bedrijf');
    otherEmployerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId: otherEmployer });
    const vacancyId = await createVacancy(testApp, coach, employerId);
    const participantId = await createCandidate(testApp, coach);
    const proposed = await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId });
    matchId = proposed.body.id;
    await giveConsent(testApp, coach, participantId, 'share_profile_with_employer', employerId, ['name']);
  });
  afterAll(() => testApp.close());

  const answer = (user: TestUser, body: Record<string, unknown>) =>
    request(testApp.http).post(`/v1/matches/${matchId}/employer-answer`).set(user.auth).send(body);

  it('cannot be given before the introduction, nor by another employer', async () => {
    expect((await answer(employerUser, { answer: 'interested' })).status).toBe(404);
    await request(testApp.http).post(`/v1/matches/${matchId}/transitions`).set(coach.auth).send({ status: 'introduced' }).expect(201);
    expect((await answer(otherEmployerUser, { answer: 'interested' })).status).toBe(404);
  });

  it("mails the employer's users when the candidate is introduced, without the candidate's details", async () => {
    await waitForQueuesToDrain(testApp);
    const mails = await testApp.dataSource.query(
      "SELECT recipient, text, context FROM mail_message WHERE template = 'candidate-introduced'",
    );
    expect(mails.map((mail: { recipient: string }) => mail.recipient)).toEqual([employerUser.email]);
    expect(JSON.stringify(mails[0])).not.toContain('Fatima');
    expect(JSON.stringify(mails[0])).toContain('Medewerker inpak');
  });

  it('needs a reason for "not now", naming the field, and records the answer for the coach', async () => {
    const noReason = await answer(employerUser, { answer: 'not_now' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.invalidParams[0].name).toBe('reason');
    const unknown = await answer(employerUser, { answer: 'maybe' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalidParams[0].name).toBe('answer');

    expect((await answer(employerUser, { answer: 'not_now', reason: 'Wij zoeken iemand die ook op zaterdag kan.' })).status).toBe(204);
    const candidates = await request(testApp.http).get(`/v1/employers/${employerId}/candidates`).set(employerUser.auth);
    expect(candidates.body[0]).toMatchObject({
      employerAnswer: 'not_now',
      employerAnswerReason: 'Wij zoeken iemand die ook op zaterdag kan.',
      employerAnsweredAt: '2026-06-15T09:00:00.000Z',
    });
    // The status stays the coach's to change.
    expect((await request(testApp.http).get(`/v1/matches/${matchId}`).set(coach.auth)).body.status).toBe('introduced');
  });
});
