import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CheckinsService } from '../../src/aftercare/checkins.service.js';
import { createUser, renewSession } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { aftercareWorld, type AftercareWorld, fullChecklist } from './aftercare-world.js';

const MARKER = 'MARKER-7f3a9c';
const TABLES = ['handover_meeting', 'checkin', 'checkin_preparation', 'contact_log'];

describe("erasure of aftercare's free text", () => {
  let testApp: TestApp;
  let world: AftercareWorld;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-03-02T09:00:00Z');
    world = await aftercareWorld(testApp);
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  const markedRows = async () => {
    const found: string[] = [];
    for (const table of TABLES) {
      const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM ${table} t WHERE row_to_json(t)::text LIKE $1`, [
        `%${MARKER}%`,
      ]);
      if (n > 0) found.push(`${table}: ${n}`);
    }
    return found;
  };

  it('leaves no marker in handovers, check-ins, preparations or contacts', async () => {
    const meeting = (
      await http()
        .post(`/v1/placements/${world.placementId}/handover`)
        .set(world.coach.auth)
        .send({
          startsAt: '2026-03-10T10:00:00+01:00',
          location: `Oudegracht 12 ${MARKER}`,
          videoLink: `https://meet.example.nl/${MARKER}`,
        })
    ).body;
    const checklist = fullChecklist();
    checklist.agreements.hours = { applicable: true, text: `Ma-do ${MARKER}` };
    await http().put(`/v1/handovers/${meeting.id}/checklist`).set(world.coach.auth).send(checklist).expect(200);

    await testApp.dataSource.query(
      "UPDATE placement SET status = 'aftercare', monitoring_frequency = 'monthly', aftercare_end_on = '2026-07-31' WHERE id = $1",
      [world.placementId],
    );
    await testApp.app.get(CheckinsService).generate(world.placementId);
    const checkins: Array<{ id: string }> = await testApp.dataSource.query(
      "SELECT id FROM checkin WHERE placement_id = $1 AND status = 'planned' ORDER BY due_on",
      [world.placementId],
    );
    await http()
      .put(`/v1/checkins/${checkins[1].id}/preparation`)
      .set(world.participant.auth)
      .send({ howAreThings: 3, firstStep: `Eerste stap ${MARKER}`, helpWanted: `Hulp ${MARKER}` })
      .expect(200);
    testApp.clock.set('2026-04-10T12:00:00Z');
    await renewSession(testApp, world.coach);
    const frame = { knowing: MARKER, able: MARKER, doing: MARKER, belonging: MARKER };
    await http()
      .post(`/v1/checkins/${checkins[0].id}/record`)
      .set(world.coach.auth)
      .send({
        heldOn: '2026-04-10',
        channel: 'phone',
        withWhom: 'participant',
        frame,
        workMatchesDescription: true,
        lookBack: MARKER,
        lookAhead: MARKER,
        notes: MARKER,
        actions: [{ owner: 'coach', text: MARKER }],
        agreementEvaluations: [{ item: MARKER, party: 'coach', kept: true }],
      })
      .expect(201);
    await http()
      .post(`/v1/checkins/${checkins[2].id}/missed`)
      .set(world.coach.auth)
      .send({ reason: `Ziek ${MARKER}` });
    await http()
      .post(`/v1/placements/${world.placementId}/contacts`)
      .set(world.coach.auth)
      .send({ at: '2026-04-09T10:00:00Z', channel: 'phone', withParty: 'participant', summary: MARKER })
      .expect(201);
    // Encrypted columns hide the marker from this scan; the plain ones show it was written.
    expect((await markedRows()).length).toBeGreaterThanOrEqual(2);
    const encrypted = await testApp.dataSource.query(
      'SELECT (SELECT count(*)::int FROM checkin WHERE notes IS NOT NULL) AS notes, (SELECT count(*)::int FROM contact_log WHERE summary IS NOT NULL) AS summaries',
    );
    expect(encrypted).toEqual([{ notes: 1, summaries: 1 }]);

    const admin = await createUser(testApp, world.organisationId, 'admin');
    await http()
      .post(`/v1/participants/${world.participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' })
      .expect(200);

    expect(await markedRows()).toEqual([]);
    expect(
      await testApp.dataSource.query(
        'SELECT (SELECT count(*)::int FROM checkin WHERE notes IS NOT NULL) AS notes, (SELECT count(*)::int FROM contact_log WHERE summary IS NOT NULL) AS summaries, (SELECT count(*)::int FROM checkin_preparation) AS preparations',
      ),
    ).toEqual([{ notes: 0, summaries: 0, preparations: 0 }]);
    // The structured rows stay for the statistics.
    const [{ done }] = await testApp.dataSource.query("SELECT count(*)::int AS done FROM checkin WHERE status IN ('done', 'missed')");
    expect(done).toBe(2);
  });
});
