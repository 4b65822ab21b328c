import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEmployer, createOrganisation, createParticipant, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/**
 * The loonheffingennummer road: an employer user who could set its own
 * payroll tax number to another employer's would read that employer's paid
 * hours and quota through its own quota route.
 */
describe("an employer's payroll tax number (loonheffingennummer)", () => {
  let testApp: TestApp;
  let orgId: string;
  let coach: TestUser;
  let own: string;
  let other: string;
  let employerUser: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2027-02-01T09:00:00Z');
    orgId = (await createOrganisation(testApp.dataSource)).id;
    coach = await createUser(testApp, orgId, 'jobcoach');
    await testApp.dataSource.query(
      "INSERT INTO organisation_rule_parameter (organisation_id, key, scope, value_number, valid_from, valid_to, source) VALUES ($1, 'quotaPercentage', 'private', 0.05, '2026-01-01', '2026-12-31', 'test')",
      [orgId],
    );
    own = await createEmployer(testApp.dataSource, orgId, 'Eigen Bedrijf');
    other = await createEmployer(testApp.dataSource, orgId, 'Ander Bedrijf');
    const figures =
      'UPDATE employer SET payroll_tax_number = $2, sector_type = $3, employee_count = $4, paid_hours_per_year = $5 WHERE id = $1';
    await testApp.dataSource.query(figures, [own, '111111111L01', 'private', 30, 50000]);
    await testApp.dataSource.query(figures, [other, '999999999L01', 'private', 100, 200000]);
    // The other employer has a counted job: a registered participant on a contract all of 2026.
    const participant = await createParticipant(testApp.dataSource, orgId, null, ['Fatima', 'El Amrani']);
    await testApp.dataSource.query(
      "INSERT INTO participant_profile (participant_id, organisation_id, target_group_register_status, target_group_register_date) VALUES ($1, $2, 'registered', '2025-06-01')",
      [participant, orgId],
    );
    await testApp.dataSource.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, 'paid_job', 'contract', '2026-01-01', 'permanent', 25.5)`,
      [orgId, participant, other],
    );
    employerUser = await createUser(testApp, orgId, 'employer_user', { employerId: own });
  });
  afterAll(() => testApp.close());

  const quota = (employerId: string, user: TestUser) =>
    request(testApp.http).get(`/v1/employers/${employerId}/quota?year=2026`).set(user.auth);

  it("refuses an employer user's change to another employer's number, naming the field, and shows no other employer's figures", async () => {
    const change = await request(testApp.http)
      .patch(`/v1/employers/${own}`)
      .set(employerUser.auth)
      .send({ payrollTaxNumber: '999999999L01' });
    expect(change.status).toBe(403);
    expect(change.body.invalidParams).toEqual([expect.objectContaining({ name: 'payrollTaxNumber' })]);
    const [stored] = await testApp.dataSource.query('SELECT payroll_tax_number FROM employer WHERE id = $1', [own]);
    expect(stored.payroll_tax_number).toBe('111111111L01');

    const figures = await quota(own, employerUser);
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({ fiscalNumber: '111111111L01', totalPaidHours: 50000, targetGroupHours: 0, jobsCounted: 0 });
    expect((await quota(other, employerUser)).status).toBe(404);
  });

  it("lets an employer user fill in an empty number, but not with another employer's number", async () => {
    await testApp.dataSource.query('UPDATE employer SET payroll_tax_number = NULL WHERE id = $1', [own]);
    const taken = await request(testApp.http)
      .patch(`/v1/employers/${own}`)
      .set(employerUser.auth)
      .send({ payrollTaxNumber: '999999999L01' });
    expect(taken.status).toBe(422);
    expect(taken.body.invalidParams[0].name).toBe('payrollTaxNumber');
    const filled = await request(testApp.http)
      .patch(`/v1/employers/${own}`)
      .set(employerUser.auth)
      .send({ payrollTaxNumber: '222222222L01', employeeCount: 31, paidHoursPerYear: 51000 });
    expect(filled.status).toBe(200);
    expect(filled.body).toMatchObject({ payrollTaxNumber: '222222222L01', employeeCount: 31, paidHoursPerYear: 51000 });
    // Once set, it is the organisation's to change.
    const changed = await request(testApp.http)
      .patch(`/v1/employers/${own}`)
      .set(employerUser.auth)
      .send({ payrollTaxNumber: '333333333L01' });
    expect(changed.status).toBe(403);
  });

  it('refuses any new number from an employer user, also one no other employer has', async () => {
    const change = await request(testApp.http)
      .patch(`/v1/employers/${own}`)
      .set(employerUser.auth)
      .send({ payrollTaxNumber: '222222222L01' });
    expect(change.status).toBe(403);
    expect(change.body.invalidParams[0].name).toBe('payrollTaxNumber');
  });

  it('lets an employer user send its own number back unchanged with other details, and lets staff record the number', async () => {
    const unchanged = await request(testApp.http)
      .patch(`/v1/employers/${own}`)
      .set(employerUser.auth)
      .send({ payrollTaxNumber: '111111111L01', paidHoursPerYear: 51000 });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ payrollTaxNumber: '111111111L01', paidHoursPerYear: 51000 });

    const byStaff = await request(testApp.http).patch(`/v1/employers/${own}`).set(coach.auth).send({ payrollTaxNumber: '333333333L01' });
    expect(byStaff.status).toBe(200);
    expect(byStaff.body.payrollTaxNumber).toBe('333333333L01');
  });
});
