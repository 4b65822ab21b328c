import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { EmployerPagesModule } from '../../src/portal/employer/employer-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/** The no-risk line of the employer's placement page, in either language. */
const NO_RISK_SENTENCE = /uitkering voor het loon|benefit for the wage/;

describe("the employer's view of placements: audit and consent where the data leaves", () => {
  let testApp: TestApp;
  let coach: TestUser;
  let employerUser: TestUser;
  let participantId: string;
  let employerId: string;
  let placementId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [EmployerPagesModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-06-15T09:00:00Z');
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    participantId = await createParticipant(ds, organisation.id, coach.membershipId);
    employerId = await createEmployer(ds, organisation.id);
    employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
    // Contract started more than two months ago: only the consent decides whether the no-risk policy shows.
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-01', 'permanent', 24) RETURNING id`,
      [organisation.id, participantId, employerId, coach.membershipId],
    );
    placementId = placement.id;
  });
  afterAll(() => testApp.close());

  const giveDisclosureConsent = () =>
    testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) SELECT organisation_id, id, 'disclose_support_organisation', $2, now(), $3 FROM participant WHERE id = $1",
      [participantId, employerId, coach.userId],
    );

  const employerReads = (): Promise<Array<{ actor_user_id: string; resource_id: string; fields: string[] }>> =>
    testApp.dataSource.query(
      "SELECT actor_user_id, resource_id, fields FROM audit_event WHERE subject_participant_id = $1 AND action = 'read' AND resource_type = 'placement' ORDER BY id",
      [participantId],
    );

  it("records the employer's read of a placement through the API in the participant's access log", async () => {
    await giveDisclosureConsent();
    const response = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(1);
    const reads = await employerReads();
    expect(reads).toEqual([expect.objectContaining({ actor_user_id: employerUser.userId, resource_id: placementId })]);
    // What was read, and no more: without the consent to disclose target-group membership, no no-risk policy.
    expect(reads[0]!.fields).toEqual(expect.arrayContaining(['employeeName', 'hoursPerWeek', 'subsidy']));
    expect(reads[0]!.fields).not.toContain('noRiskPolicyLastDay');
  });

  it("records the employer's read of a placement through the portal page in the participant's access log", async () => {
    await giveDisclosureConsent();
    const page = await request(testApp.http).get('/portal/placements').set(employerUser.auth);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Fatima El Amrani');
    expect(await employerReads()).toEqual([expect.objectContaining({ actor_user_id: employerUser.userId, resource_id: placementId })]);
  });

  it("shows the employer's home page with its contact person, read through the placements service", async () => {
    await testApp.dataSource.query('UPDATE employer SET contact_coach_membership_id = $2 WHERE id = $1', [employerId, coach.membershipId]);
    const page = await request(testApp.http).get('/portal/employer').set(employerUser.auth);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Bakkerij De Korenschoof');
    expect(page.text).toContain(coach.email);
  });

  it('shows the no-risk policy and the subsidy only when the participant agreed to disclose the support', async () => {
    // Staff see the employer's view without the consent: the placement, but no target-group facts.
    const preview = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(coach.auth);
    expect(preview.status).toBe(200);
    expect(preview.body).toHaveLength(1);
    expect(preview.body[0]).toMatchObject({ id: placementId, noRiskPolicyLastDay: null, subsidy: null });
    // The employer sees nothing of the participant without it.
    const hidden = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
    expect(hidden.body).toEqual([]);
    const hiddenPage = await request(testApp.http).get('/portal/placements').set(employerUser.auth);
    expect(hiddenPage.status).toBe(200);
    expect(hiddenPage.text).not.toContain('Fatima');
    expect(hiddenPage.text).not.toMatch(NO_RISK_SENTENCE);

    await giveDisclosureConsent();
    // Knowing a coach is involved is not knowing the employee is in a target group: no no-risk policy yet.
    const supportOnly = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
    expect(supportOnly.body[0]).toMatchObject({ id: placementId, noRiskPolicyLastDay: null });
    expect(supportOnly.body[0].subsidy).toMatchObject({ status: 'none' });
    expect((await request(testApp.http).get('/portal/placements').set(employerUser.auth)).text).not.toMatch(NO_RISK_SENTENCE);
    await testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) SELECT organisation_id, id, 'disclose_target_group', $2, now(), $3 FROM participant WHERE id = $1",
      [participantId, employerId, coach.userId],
    );
    const shown = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(employerUser.auth);
    expect(shown.body[0]).toMatchObject({ id: placementId, noRiskPolicyLastDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(shown.body[0].subsidy).toMatchObject({ status: 'none' });
    const page = await request(testApp.http).get('/portal/placements').set(employerUser.auth);
    expect(page.text).toMatch(NO_RISK_SENTENCE);

    // Withdrawn: the target-group facts stop at once, even for staff looking through the employer's eyes.
    await testApp.dataSource.query(
      "UPDATE consent SET withdrawn_at = now() WHERE participant_id = $1 AND purpose = 'disclose_support_organisation'",
      [participantId],
    );
    const withdrawn = await request(testApp.http).get(`/v1/employers/${employerId}/placements`).set(coach.auth);
    expect(withdrawn.body[0]).toMatchObject({ noRiskPolicyLastDay: null, subsidy: null });
  });
});
