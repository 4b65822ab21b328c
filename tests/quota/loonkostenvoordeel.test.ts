import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { QuotaModule } from '../../src/quota/quota.module.js';
import { createEmployer, createOrganisation, createParticipant, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

describe('loonkostenvoordeel banenafspraak (LKV) per placement', () => {
  let testApp: TestApp;
  let orgId: string;
  let coach: TestUser;
  let employerId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [QuotaModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-03-02T09:00:00Z');
    orgId = (await createOrganisation(testApp.dataSource)).id;
    coach = await createUser(testApp, orgId, 'jobcoach');
    employerId = await createEmployer(testApp.dataSource, orgId);
  });
  afterAll(() => testApp.close());

  async function placementFor(
    status: 'registered' | 'applied',
    registeredOn: string | null,
    contract: { start: string; hours: number; type?: string },
    organisationId = orgId,
    coachMembershipId: string | null = coach.membershipId,
  ): Promise<string> {
    const participantId = await createParticipant(testApp.dataSource, organisationId, coachMembershipId);
    await testApp.dataSource.query(
      'INSERT INTO participant_profile (participant_id, organisation_id, target_group_register_status, target_group_register_date) VALUES ($1, $2, $3, $4)',
      [participantId, organisationId, status, registeredOn],
    );
    const employer = organisationId === orgId ? employerId : await createEmployer(testApp.dataSource, organisationId);
    const [row] = await testApp.dataSource.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'contract', $5, 'permanent', $6) RETURNING id`,
      [organisationId, participantId, employer, contract.type ?? 'paid_job', contract.start, contract.hours],
    );
    return row.id;
  }

  const lkv = (placementId: string, user: TestUser = coach) =>
    request(testApp.http).get(`/v1/placements/${placementId}/loonkostenvoordeel`).set(user.auth);

  it('gives EUR 1.01 per estimated paid hour for the whole employment of a contract from 2026, pro rata in the first year', async () => {
    const id = await placementFor('registered', '2025-11-03', { start: '2026-07-01', hours: 20 });
    const response = await lkv(id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      placementId: id,
      eligible: true,
      reason: null,
      contractStart: '2026-07-01',
      hoursPerWeek: 20,
      eligibleUntil: null,
      wholeEmployment: true,
    });
    // Since 2026 the LKV runs for the whole employment: no end; the first three calendar years are shown.
    // 2026: 20 x 52 x 184/365 days = 524.27 hours x EUR 1.01 = EUR 529.51
    // 2027 and 2028: 1,040 hours x EUR 1.01 = EUR 1,050.40
    expect(
      response.body.perYear.map((year: { year: number; paidHours: number; amountCents: number }) => [
        year.year,
        year.paidHours,
        year.amountCents,
      ]),
    ).toEqual([
      [2026, 524.27, 52951],
      [2027, 1040, 105040],
      [2028, 1040, 105040],
    ]);
    expect(response.body.perYear[2]).toMatchObject({ eligibleFrom: '2028-01-01', eligibleTo: '2028-12-31' });
    expect(response.body.totalCents).toBe(52951 + 105040 + 105040);
    expect(response.body.hoursEstimate.en).toContain('hours per week × 52');
    expect(response.body.explanation[0]).toEqual(response.body.hoursEstimate);
    expect(response.body.parametersUsed.map((p: { key: string }) => p.key)).toEqual(
      expect.arrayContaining(['loonkostenvoordeelWholeEmployment', 'loonkostenvoordeelPerHour', 'loonkostenvoordeelMaxPerYear']),
    );
  });

  it('caps each year at EUR 2,000', async () => {
    const id = await placementFor('registered', '2026-01-01', { start: '2026-01-01', hours: 40 });
    const response = await lkv(id);
    // 40 x 52 = 2,080 hours x EUR 1.01 = EUR 2,100.80, capped at EUR 2,000 in 2026, 2027 and 2028.
    expect(
      response.body.perYear.map((year: { year: number; capped: boolean; amountCents: number }) => [
        year.year,
        year.capped,
        year.amountCents,
      ]),
    ).toEqual([
      [2026, true, 200000],
      [2027, true, 200000],
      [2028, true, 200000],
    ]);
    expect(response.body.totalCents).toBe(600000);
  });

  it('answers not eligible with the reason, as a 200', async () => {
    const late = await placementFor('registered', '2026-08-01', { start: '2026-07-01', hours: 20 });
    const notRegistered = await placementFor('applied', null, { start: '2026-07-01', hours: 20 });
    const unpaid = await placementFor('registered', '2025-01-01', { start: '2026-07-01', hours: 20, type: 'work_experience' });
    for (const [id, code] of [
      [late, 'registered_after_contract_start'],
      [notRegistered, 'not_in_target_group_register'],
      [unpaid, 'not_paid_job'],
    ] as const) {
      const response = await lkv(id);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ eligible: false, reason: { code }, perYear: [], totalCents: 0, eligibleUntil: null });
    }
    expect((await lkv(late)).body.reason.en).toContain('after the contract started on 1 July 2026');
  });

  it('is 404 for another organisation and closed to employer users', async () => {
    const otherOrg = (await createOrganisation(testApp.dataSource, 'Ander')).id;
    const foreign = await placementFor('registered', '2025-01-01', { start: '2026-07-01', hours: 20 }, otherOrg, null);
    expect((await lkv(foreign)).status).toBe(404);
    const own = await placementFor('registered', '2025-01-01', { start: '2026-07-01', hours: 20 });
    const employerUser = await createUser(testApp, orgId, 'employer_user', { employerId });
    expect((await lkv(own, employerUser)).status).toBe(403);
  });
});
