import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { aftercareWorld } from './aftercare-world.js';

describe('contact report', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it("names each coach by their account's display name, by month and then name", async () => {
    await resetState(testApp);
    testApp.clock.set('2026-05-01T12:00:00Z');
    const world = await aftercareWorld(testApp);
    await testApp.dataSource.query('UPDATE user_account SET display_name = $2 WHERE id = $1', [world.coach.userId, 'Bram Bakker']);
    await testApp.dataSource.query('UPDATE user_account SET display_name = $2 WHERE id = $1', [world.otherCoach.userId, 'Anna de Vries']);
    const contact = (coach: string, at: string, channel: string) =>
      testApp.dataSource.query(
        `INSERT INTO contact_log (organisation_id, placement_id, participant_id, coach_membership_id, at, channel, with_party)
         VALUES ($1, $2, $3, $4, $5, $6, 'participant')`,
        [world.organisationId, world.placementId, world.participantId, coach, at, channel],
      );
    await contact(world.coach.membershipId, '2026-03-03T10:00:00Z', 'phone');
    await contact(world.otherCoach.membershipId, '2026-03-04T10:00:00Z', 'visit');
    await contact(world.coach.membershipId, '2026-04-02T10:00:00Z', 'phone');
    await contact(world.coach.membershipId, '2026-04-03T10:00:00Z', 'video');
    await contact(world.coach.membershipId, '2026-04-04T10:00:00Z', 'video');

    const response = await request(testApp.http).get('/v1/reports/contacts?from=2026-03-01&to=2026-04-30').set(world.lead.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        coachMembershipId: world.otherCoach.membershipId,
        coachName: 'Anna de Vries',
        month: '2026-03',
        contacts: 1,
        byChannel: { visit: 1 },
      },
      { coachMembershipId: world.coach.membershipId, coachName: 'Bram Bakker', month: '2026-03', contacts: 1, byChannel: { phone: 1 } },
      {
        coachMembershipId: world.coach.membershipId,
        coachName: 'Bram Bakker',
        month: '2026-04',
        contacts: 3,
        byChannel: { phone: 1, video: 2 },
      },
    ]);
  });
});
