import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { createCandidate, createVacancy, giveConsent, MODULES, staffAndEmployer } from './world.js';

const SKIP_MARKER = 'MARKER-trial-skipped-7c1e';
const REJECT_MARKER = 'MARKER-rejected-4b9d';

describe('matches in the data export and the erasure', () => {
  let testApp: TestApp;
  let coach: TestUser;
  let admin: TestUser;
  let employerId: string;
  let participantId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api', imports: MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    const organisation = await createOrganisation(testApp.dataSource);
    ({ coach, admin, employerId } = await staffAndEmployer(testApp, organisation.id));
    participantId = await createCandidate(testApp, coach);
    await giveConsent(testApp, coach, participantId, 'share_profile_with_employer', employerId, ['name']);
    const move = (matchId: string, body: Record<string, unknown>) =>
      request(testApp.http).post(`/v1/matches/${matchId}/transitions`).set(coach.auth).send(body).expect(201);
    for (const [title, steps] of [
      ['Medewerker inpak', [{ status: 'introduced' }, { status: 'contract_agreed', reason: SKIP_MARKER }]],
      ['Magazijnmedewerker', [{ status: 'rejected', reason: REJECT_MARKER }]],
    ] as const) {
      const vacancyId = await createVacancy(testApp, coach, employerId, { title });
      const match = await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId }).expect(201);
      for (const step of steps) await move(match.body.id, step);
    }
  });
  afterAll(() => testApp.close());

  it('exports the participant’s matches with every step and its reason', async () => {
    const response = await request(testApp.http).get(`/v1/participants/${participantId}/data-export`).set(coach.auth);
    expect(response.status).toBe(200);
    const sections = Object.keys(response.body.sections);
    expect(sections.indexOf('matches')).toBe(sections.indexOf('profile') + 1);
    const matches = response.body.sections.matches;
    expect(matches).toEqual([
      expect.objectContaining({ vacancy: 'Medewerker inpak', status: 'contract_agreed', trial_skipped_reason: SKIP_MARKER }),
      expect.objectContaining({ vacancy: 'Magazijnmedewerker', status: 'rejected', trial_skipped_reason: null }),
    ]);
    expect(matches[0].events.map((event: { to_status: string }) => event.to_status)).toEqual(['proposed', 'introduced', 'contract_agreed']);
    expect(matches[1].events[1]).toMatchObject({ from_status: 'proposed', to_status: 'rejected', reason: REJECT_MARKER });
    expect(matches[0]).not.toHaveProperty('id');
  });

  it('empties every reason on erasure and keeps the matches and their steps for the counts', async () => {
    const erased = await request(testApp.http)
      .post(`/v1/participants/${participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);
    const [counts] = await testApp.dataSource.query(
      `SELECT (SELECT count(*)::int FROM match WHERE participant_id = $1) AS matches,
              (SELECT count(*)::int FROM match_event e JOIN match m ON m.id = e.match_id WHERE m.participant_id = $1) AS events`,
      [participantId],
    );
    expect(counts).toEqual({ matches: 2, events: 5 });
    const [{ found }] = await testApp.dataSource.query(
      `SELECT count(*)::int AS found FROM (
         SELECT trial_skipped_reason AS text FROM match UNION ALL SELECT reason FROM match_event
       ) t WHERE text LIKE '%MARKER-%'`,
    );
    expect(found).toBe(0);
  });
});
