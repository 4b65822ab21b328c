import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { createPrivacyWorld, PRIVACY_MODULES, type PrivacyWorld } from './privacy-world.js';

/** Every table the participants, consents and profiles capabilities own. */
const OWNED_TABLES = [
  'participant',
  'caseload_share',
  'consent',
  'participant_profile',
  'participant_capacity',
  'participant_barrier',
  'trajectory_goal',
  'goal_progress',
  'work_behaviour_observation',
];

describe('erasure of the participant record and the trajectory plan', () => {
  let testApp: TestApp;
  let world: PrivacyWorld;
  // Lower case: excluded tasks are stored lower-cased.
  const marker = `mk${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: PRIVACY_MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-01-05T09:00:00Z');
    world = await createPrivacyWorld(testApp);
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  const base = () => `/v1/participants/${world.participantId}`;

  /** Rows of the owned tables whose text holds the marker. */
  async function markedRows(): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const table of OWNED_TABLES) {
      const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1`, [`%${marker}%`]);
      if (n > 0) found[table] = n;
    }
    return found;
  }

  it('leaves the marker in no free-text or JSON field of the owned tables, and keeps the coded rows for the counts', async () => {
    const coach = world.coach.auth;
    await http().patch(base()).set(coach).send({ privateNotes: marker }).expect(200);
    await http()
      .put(`${base()}/profile`)
      .set(coach)
      .send({
        hoursMin: 12,
        hoursMax: 24,
        skills: [marker],
        certificates: [marker],
        workHistory: [{ employer: marker, role: marker }],
        excludedSectors: [marker],
        excludedTasks: [marker],
        strengths: [marker],
        benefitType: marker,
        privateNotes: marker,
        postcode: '3511 AB',
        targetGroupRegisterStatus: 'registered',
        targetGroupRegisterDate: '2025-06-01',
      })
      .expect(200);
    await http()
      .post(`${base()}/capacity-assessments`)
      .set(coach)
      .send({ assessedOn: '2026-01-02', hoursPerDay: 4, hoursPerWeek: 16, breaks: marker, physicalLimits: [marker] })
      .expect(201);
    await http()
      .post(`${base()}/barriers`)
      .set(coach)
      .send({ code: 'A4_occupational_disability', source: 'self_reported', notedOn: '2026-01-02' })
      .expect(201);
    await http()
      .post(`${base()}/work-behaviour-observations`)
      .set(coach)
      .send({ observedOn: '2026-01-02', scores: { punctuality: 4 } })
      .expect(201);
    const goal = await http().post(`${base()}/goals`).set(coach).send({ code: 'orientation' }).expect(201);
    await http()
      .post(`${base()}/goals/${goal.body.id}/progress`)
      .set(coach)
      .send({ recordedOn: '2026-01-03', progress: 40, note: marker })
      .expect(201);
    await http()
      .post(`${base()}/caseload-shares`)
      .set(world.admin.auth)
      .send({ coachMembershipId: world.otherCoach.membershipId, reason: marker })
      .expect(201);
    const before = await markedRows();
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['participant_profile', 'participant_capacity', 'goal_progress', 'caseload_share']),
    );

    const erased = await http()
      .post(`${base()}/erasure`)
      .set(world.admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);

    expect(await markedRows()).toEqual({});
    const [counts] = await testApp.dataSource.query(
      `SELECT (SELECT count(*)::int FROM participant_profile WHERE participant_id = $1 AND target_group_register_status = 'registered') AS profiles,
              (SELECT count(*)::int FROM participant_capacity WHERE participant_id = $1) AS capacities,
              (SELECT count(*)::int FROM trajectory_goal WHERE participant_id = $1) AS goals,
              (SELECT count(*)::int FROM participant_barrier WHERE participant_id = $1) AS barriers,
              (SELECT count(*)::int FROM caseload_share WHERE participant_id = $1) AS shares,
              (SELECT count(*)::int FROM participant_profile WHERE participant_id = $1 AND (postcode IS NOT NULL OR latitude IS NOT NULL OR private_notes IS NOT NULL)) AS located`,
      [world.participantId],
    );
    expect(counts).toEqual({ profiles: 1, capacities: 1, goals: 1, barriers: 0, shares: 0, located: 0 });
  });
});
