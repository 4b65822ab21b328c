import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProfilesRepository } from '../../src/profiles/profiles.repository.js';
import { createOrganisation } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/**
 * match_candidate_key (migration MatchCandidateKeys) is what the fast path finds
 * candidates by: it must follow participant_profile on every write, in the same
 * transaction, or the fast path would miss or keep people the exact query does not.
 */
describe('match_candidate_key follows participant_profile', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
    await resetState(testApp);
  });
  afterAll(() => testApp.close());

  const keysOf = async (participantId: string) =>
    testApp.dataSource.query(
      `SELECT k.occupation_key, k.traits, k.area IS NOT DISTINCT FROM match_participant_area(pp.latitude, pp.longitude, pp.max_travel_km, pp.transport_modes) AS same_area,
              k.area IS NULL AS no_area, k.skill_keys = match_skill_keys(pp.skills) AS same_skills, cardinality(k.skill_keys) AS skills,
              ARRAY[k.copes_stimulus, k.copes_pressure, k.copes_pace] AS copes, k.own_keys
         FROM match_candidate_key k JOIN participant_profile pp USING (participant_id)
        WHERE k.participant_id = $1 ORDER BY k.occupation_key`,
      [participantId],
    );

  it('on insert, on a change of what the keys are made of, not on other changes, on erasure and on delete', async () => {
    const db = testApp.dataSource;
    const { id: organisationId } = await createOrganisation(db, 'Sleuteltest');
    const [{ id: participantId }] = await db.query(
      "INSERT INTO participant (organisation_id, first_name, last_name) VALUES ($1, 'Sam', 'Sleutel') RETURNING id",
      [organisationId],
    );
    await db.query(
      `INSERT INTO participant_profile (participant_id, organisation_id, occupation_wishes, occupation_minor_groups, occupation_sub_major_groups,
         skills, latitude, longitude, max_travel_km, transport_modes, needs_supervision, wants_growth, hours_min, hours_max, copes_stimulus, copes_pace)
       VALUES ($1, $2, ARRAY['9321', '5223', '0110'], ARRAY['932'], ARRAY['93'], ARRAY['inpakken', 'kassa', 'kassa'], 52.1, 5.1, 20, ARRAY['bike'],
         true, false, 12, 24, 2, 4)`,
      [participantId, organisationId],
    );
    // Each row also holds all the participant's keys (the fast path asks whether anyone has a key without the narrower ones).
    const row = (key: number, traits: number, skills: number, ownKeys: number[], copes = [2, null, 4]) => ({
      occupation_key: key,
      traits,
      same_area: true,
      no_area: false,
      same_skills: true,
      skills,
      copes,
      own_keys: ownKeys,
    });
    // Unit groups 10000 + code (a leading zero kept apart from the minor groups), minor 1000 + code, sub-major 100 + code.
    const keys = [193, 1932, 10110, 15223, 19321];
    expect(await keysOf(participantId)).toEqual(keys.map((key) => row(key, 1, 2, keys)));

    await db.query(
      "UPDATE participant_profile SET occupation_wishes = ARRAY['8189'], occupation_minor_groups = '{}', occupation_sub_major_groups = '{}', skills = ARRAY['heftruck'], latitude = 51.9, wants_growth = true WHERE participant_id = $1",
      [participantId],
    );
    expect(await keysOf(participantId)).toEqual([row(18189, 3, 1, [18189])]);
    // What the participant copes with at work is part of the key (the fast path bounds a row's score with it).
    await db.query('UPDATE participant_profile SET copes_pressure = 3, copes_pace = NULL WHERE participant_id = $1', [participantId]);
    expect(await keysOf(participantId)).toEqual([row(18189, 3, 1, [18189], [2, 3, null])]);

    const [before] = await db.query('SELECT xmin::text FROM match_candidate_key WHERE participant_id = $1', [participantId]);
    await db.query('UPDATE participant_profile SET hours_max = 30, private_notes = $2 WHERE participant_id = $1', [participantId, 'x']);
    const [after] = await db.query('SELECT xmin::text FROM match_candidate_key WHERE participant_id = $1', [participantId]);
    expect(after.xmin).toBe(before.xmin);

    // Erasure anonymises the profile: location and skills go from the keys too; the occupation code stays, as on the profile.
    await testApp.app.get(ProfilesRepository).anonymiseProfile(participantId);
    expect(await keysOf(participantId)).toEqual([
      {
        occupation_key: 18189,
        traits: 3,
        same_area: true,
        no_area: true,
        same_skills: true,
        skills: 0,
        copes: [2, 3, null],
        own_keys: [18189],
      },
    ]);

    await db.query('DELETE FROM participant_profile WHERE participant_id = $1', [participantId]);
    expect(await db.query('SELECT 1 FROM match_candidate_key WHERE participant_id = $1', [participantId])).toEqual([]);
  });
});
