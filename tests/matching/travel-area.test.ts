import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MODE_MAX_KM } from '../../src/matching/criteria.js';
import { REACH_SQL } from '../../src/matching/matching.sql.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The GiST pre-filter (migration SpeedUpMatching) may only narrow: it must never drop a pair the exact filter keeps. */
describe('matching travel-area pre-filter', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
  });
  afterAll(() => testApp.close());

  it('is at least as large as every means of transport reaches', async () => {
    for (const [mode, km] of Object.entries(MODE_MAX_KM)) {
      const [row] = await testApp.dataSource.query(
        `SELECT (match_participant_area(52.0, 5.0, 1000, ARRAY[$1]) && match_point_box(52.0 + degrees($2 / 6371.0088), 5.0)) AS north,
                (match_participant_area(52.0, 5.0, 1000, ARRAY[$1]) && match_point_box(52.0 + degrees($2 * 1.05 / 6371.0088), 5.0)) AS beyond`,
        [mode, km],
      );
      expect([mode, row]).toEqual([mode, { north: true, beyond: false }]);
    }
  });

  it('contains every vacancy the exact distance filter accepts', async () => {
    const [row] = await testApp.dataSource.query(`
      WITH pp AS (
        SELECT 50.5 + random() * 3.5 AS latitude, 3.2 + random() * 4.5 AS longitude, (random() * 80)::numeric(5,1) AS max_travel_km,
               CASE g % 6 WHEN 0 THEN ARRAY['walk'] WHEN 1 THEN ARRAY['bike'] WHEN 2 THEN ARRAY['public_transport'] WHEN 3 THEN ARRAY['car']
                 WHEN 4 THEN ARRAY['bike', 'public_transport'] ELSE '{}'::text[] END AS transport_modes
        FROM generate_series(1, 4000) g
      ), v AS (
        SELECT pp.*, pp.latitude + (random() - 0.5) * 1.4 AS v_latitude, pp.longitude + (random() - 0.5) * 2.2 AS v_longitude, random() < 0.5 AS public_transport_reachable
        FROM pp, generate_series(1, 5)
      )
      SELECT count(*) FILTER (WHERE great_circle_km(latitude, longitude, v_latitude, v_longitude) <= ${REACH_SQL.replace(/pp\./g, '').replace(/v\./g, '')}) AS reachable,
             count(*) FILTER (WHERE great_circle_km(latitude, longitude, v_latitude, v_longitude) <= ${REACH_SQL.replace(/pp\./g, '').replace(/v\./g, '')}
               AND NOT (match_participant_area(latitude, longitude, max_travel_km, transport_modes) && match_point_box(v_latitude, v_longitude))) AS dropped
      FROM v`);
    expect(Number(row.reachable)).toBeGreaterThan(100);
    expect(Number(row.dropped)).toBe(0);
  });
});
