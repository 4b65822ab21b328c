import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEmployer, createOrganisation, createParticipant, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

const MARKER = 'MARKER-7f3a-plaatsing';

describe('erasure of placements, their events, wage value assessments and jobcoach funding', () => {
  let testApp: TestApp;
  let admin: TestUser;
  let participantId: string;
  let neighbourId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-06-15T09:00:00Z');
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    admin = await createUser(testApp, organisation.id, 'admin');
    const coach = await createUser(testApp, organisation.id, 'jobcoach');
    const employerId = await createEmployer(ds, organisation.id);
    participantId = await createParticipant(ds, organisation.id, coach.membershipId);
    neighbourId = await createParticipant(ds, organisation.id, coach.membershipId, ['Jan', 'de Boer']);
    for (const id of [participantId, neighbourId]) await placementFullOfText(organisation.id, id, employerId, coach);
  });
  afterAll(() => testApp.close());

  /** A placement with the marker in every free-text and JSON column of the tables placements and jobcoach funding own. */
  async function placementFullOfText(organisationId: string, participantId: string, employerId: string, coach: TestUser): Promise<void> {
    const ds = testApp.dataSource;
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, employer_contact_name,
         employer_contact_email, employer_contact_phone, trial_start, trial_planned_end, trial_extension_reason, trial_outcome, trial_evaluation,
         contract_start, contract_type, hours_per_week, wage_scale, closure_reason)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', $5, $6, $5, '2026-01-05', '2026-05-04', $5, 'match', $5, '2026-05-05', 'permanent', 24, $5, $5)
       RETURNING id`,
      [organisationId, participantId, employerId, coach.membershipId, MARKER, `${MARKER.toLowerCase()}@example.test`],
    );
    await ds.query(
      `INSERT INTO placement_event (organisation_id, placement_id, kind, at, requested_by, reason, details)
       VALUES ($1, $2, 'risk_flag_raised', now(), 'coach', $3, jsonb_build_object('note', $3::text))`,
      [organisationId, placement.id, MARKER],
    );
    await ds.query(
      `INSERT INTO wage_value_assessment (organisation_id, placement_id, assessor_name, assessed_on, percentage, reference_job, method, report_document, next_reassessment_on)
       VALUES ($1, $2, $3, '2026-05-01', 60, $3, $3, $3, '2027-05-01')`,
      [organisationId, placement.id, MARKER],
    );
    const [grant] = await ds.query(
      `INSERT INTO jobcoach_grant (organisation_id, placement_id, status, requested_on, decided_on, reason, period_start, period_end, hours_granted, warnings)
       VALUES ($1, $2, 'granted', '2026-05-01', '2026-05-10', $3, '2026-05-05', '2026-11-04', 40, jsonb_build_array(jsonb_build_object('code', 'x', 'nl', $3::text, 'en', $3::text)))
       RETURNING id`,
      [organisationId, placement.id, MARKER],
    );
    await ds.query(
      "INSERT INTO jobcoach_hours (organisation_id, grant_id, worked_on, hours, justification) VALUES ($1, $2, '2026-05-12', 2.5, $3)",
      [organisationId, grant.id, `${MARKER} op de werkvloer`],
    );
  }

  /** Every row of the owned tables about one participant, as text. */
  async function rowsOf(participantId: string): Promise<Record<string, string[]>> {
    const ds = testApp.dataSource;
    const text = async (sql: string) => (await ds.query(sql, [participantId])).map((row: { t: string }) => row.t);
    return {
      placement: await text('SELECT row_to_json(pl)::text AS t FROM placement pl WHERE pl.participant_id = $1'),
      placement_event: await text(
        'SELECT row_to_json(e)::text AS t FROM placement_event e JOIN placement pl ON pl.id = e.placement_id WHERE pl.participant_id = $1',
      ),
      wage_value_assessment: await text(
        'SELECT row_to_json(w)::text AS t FROM wage_value_assessment w JOIN placement pl ON pl.id = w.placement_id WHERE pl.participant_id = $1',
      ),
      jobcoach_grant: await text(
        'SELECT row_to_json(g)::text AS t FROM jobcoach_grant g JOIN placement pl ON pl.id = g.placement_id WHERE pl.participant_id = $1',
      ),
      jobcoach_hours: await text(
        `SELECT row_to_json(h)::text AS t FROM jobcoach_hours h JOIN jobcoach_grant g ON g.id = h.grant_id
           JOIN placement pl ON pl.id = g.placement_id WHERE pl.participant_id = $1`,
      ),
    };
  }

  it('leaves no free text about the participant and keeps the rows the accounts need; other participants keep theirs', async () => {
    const response = await request(testApp.http)
      .post(`/v1/participants/${participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(response.status).toBe(200);

    const erased = await rowsOf(participantId);
    for (const [table, rows] of Object.entries(erased)) {
      expect({ table, rows: rows.length }).toEqual({ table, rows: 1 });
      expect({ table, text: rows[0] }).toEqual({ table, text: expect.not.stringContaining(MARKER) });
      expect(rows[0]).not.toContain(MARKER.toLowerCase());
    }
    const [placement] = await testApp.dataSource.query(
      'SELECT hours_per_week, contract_start::text AS contract_start FROM placement WHERE participant_id = $1',
      [participantId],
    );
    expect(placement).toEqual({ hours_per_week: '24.00', contract_start: '2026-05-05' });
    const [hours] = await testApp.dataSource.query(
      'SELECT h.hours FROM jobcoach_hours h JOIN jobcoach_grant g ON g.id = h.grant_id JOIN placement pl ON pl.id = g.placement_id WHERE pl.participant_id = $1',
      [participantId],
    );
    expect(hours).toEqual({ hours: '2.50' });

    for (const [table, rows] of Object.entries(await rowsOf(neighbourId))) {
      expect({ table, text: rows[0] }).toEqual({ table, text: expect.stringContaining(MARKER) });
    }
  });
});
