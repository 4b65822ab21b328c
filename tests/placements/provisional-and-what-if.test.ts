import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { CoachPagesModule } from '../../src/portal/coach/coach-pages.module.js';
import { EmployerPagesModule } from '../../src/portal/employer/employer-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { SubsidyService } from '../../src/placements/subsidy.service.js';
import { TasksService } from '../../src/tasks/tasks.service.js';

/**
 * Issue 13 through the API, with the clock in December 2026: the minimum wage of 1 July 2026 is not in
 * the shipped data, so this month's subsidy is provisional (never a 422), admins are asked to add the value,
 * and a stored statement is corrected by a new one when it arrives. The what-if endpoints give the same
 * answers as the placement-based ones.
 */
describe('provisional values, parameter governance and what-if calculations', () => {
  let testApp: TestApp;
  let organisationId: string;
  let coach: TestUser;
  let admin: TestUser;
  let employerId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [EmployerPagesModule, CoachPagesModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-12-07T09:00:00Z');
    const organisation = await createOrganisation(testApp.dataSource);
    organisationId = organisation.id;
    const team = await createTeam(testApp.dataSource, organisationId);
    coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    admin = await createUser(testApp, organisationId, 'admin');
    employerId = await createEmployer(testApp.dataSource, organisationId);
  });
  afterAll(() => testApp.close());

  const post = (path: string, body: object, user = coach) => request(testApp.http).post(path).set(user.auth).send(body);
  const get = (path: string, user = coach) => request(testApp.http).get(path).set(user.auth);

  interface Job {
    contractStart: string;
    hoursPerWeek: number;
    grossHourlyWage: number;
    wageValuePercent: number;
  }

  async function placedJob(job: Job, register: { status: string; date: string } | null = null): Promise<string> {
    const participantId = await createParticipant(testApp.dataSource, organisationId, coach.membershipId);
    if (register) {
      await testApp.dataSource.query(
        'INSERT INTO participant_profile (participant_id, organisation_id, target_group_register_status, target_group_register_date) VALUES ($1, $2, $3, $4)',
        [participantId, organisationId, register.status, register.date],
      );
    }
    const created = await post('/v1/placements', { participantId, employerId, type: 'paid_job', employerContactName: 'Karin' });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const contract = await request(testApp.http).put(`/v1/placements/${id}/contract`).set(coach.auth).send({
      contractStart: job.contractStart,
      contractType: 'permanent',
      hoursPerWeek: job.hoursPerWeek,
      grossHourlyWage: job.grossHourlyWage,
    });
    expect(contract.status).toBe(200);
    const assessed = await post(`/v1/placements/${id}/wage-value-assessments`, {
      assessorName: 'J. de Boer',
      assessedOn: job.contractStart,
      percentage: job.wageValuePercent,
      referenceJob: 'Productiemedewerker',
      method: 'Dariuz',
    });
    expect(assessed.status).toBe(201);
    return id;
  }

  const standard: Job = { contractStart: '2026-02-01', hoursPerWeek: 36, grossHourlyWage: 14.71, wageValuePercent: 50 };

  it('answers this month with a provisional figure, asks the admins for the value, and says so on the employer page', async () => {
    const id = await placedJob(standard);
    const response = await get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-12`);
    expect(response.status).toBe(200);
    // 36 x 52 / 12 = 156 h; 14.71 x 156 x 1.08 = 2,478.3408; half is the wage value; 1,239.1704 x 1.235 = 1,530.38
    expect(response.body).toMatchObject({ month: '2026-12', amountCents: 153038, provisional: true, reported: false });
    expect(response.body.explanation[0].nl).toMatch(/^Voorlopig: het minimumloon per 1 juli 2026 is nog niet bekend in Werkbrug\./);
    expect(response.body.parametersUsed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'minimumWagePerHour',
          value: 14.71,
          origin: 'provisional',
          provisional: { periodStart: '2026-07-01', lastKnownFrom: '2026-01-01' },
        }),
      ]),
    );
    const tasks = await testApp.dataSource.query(
      "SELECT title, assignee_membership_id FROM coach_task WHERE dedupe_key LIKE 'rule_parameter_missing.%'",
    );
    expect(tasks).toEqual([{ title: 'Voeg het minimumloon per 1 juli 2026 toe onder regels en bedragen', assignee_membership_id: null }]);
    await expect(testApp.app.get(TasksService).missingRuleValues(organisationId)).resolves.toEqual([
      expect.objectContaining({ title: 'Voeg het minimumloon per 1 juli 2026 toe onder regels en bedragen', dueOn: '2026-07-01' }),
    ]);

    // The employer sees the placement once the participant allows disclosing the support organisation.
    await testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) SELECT organisation_id, participant_id, 'disclose_support_organisation', $2, now(), $3 FROM placement WHERE id = $1",
      [id, employerId, coach.userId],
    );
    const employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId });
    const page = await request(testApp.http).get('/portal/placements').set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Voorlopig: het minimumloon per 1 juli 2026 is nog niet bekend in Werkbrug.');
    expect(page.text).toContain('14,71');
    expect(page.text).toContain('1 januari 2026');
  });

  it('corrects a provisional statement with a new one as soon as the value arrives; the stored one never changes', async () => {
    const id = await placedJob(standard);
    const first = await post(`/v1/placements/${id}/subsidy-statements`, { month: '2026-12' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amountCents: 153038, provisional: true, reported: true, corrections: [] });
    expect((await post(`/v1/placements/${id}/subsidy-statements`, { month: '2026-12' })).status).toBe(409);

    const added = await post(
      '/v1/rule-parameters',
      { key: 'minimumWagePerHour', valueNumber: 15, validFrom: '2026-07-01', validTo: '2026-12-31', source: 'Staatscourant (test)' },
      admin,
    );
    expect(added.status).toBe(201);
    // The admins' task to add the value is done, so it leaves their to-do list.
    const [task] = await testApp.dataSource.query("SELECT done_at FROM coach_task WHERE dedupe_key LIKE 'rule_parameter_missing.%'");
    expect(task.done_at).not.toBeNull();
    await expect(testApp.app.get(TasksService).missingRuleValues(organisationId)).resolves.toEqual([]);
    // Nobody reports the month again: the value's arrival queues the correction.
    await waitForQueuesToDrain(testApp);
    const corrected = await get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-12`);
    expect(corrected.status).toBe(200);
    // WML 15 x 156 x 1.08 = 2,527.20 minus the wage value 1,239.1704 = 1,288.0296; x 1.235 = 1,590.72; +60.34
    expect(corrected.body).toMatchObject({ amountCents: 159072, provisional: false, reported: true });
    expect(corrected.body.corrections).toEqual([
      expect.objectContaining({ month: '2026-12', previousAmountCents: 153038, amountCents: 159072, differenceCents: 6034 }),
    ]);
    expect((await post(`/v1/placements/${id}/subsidy-statements`, { month: '2026-12' })).status).toBe(409);
    const stored = await testApp.dataSource.query(
      'SELECT amount_cents, provisional, difference_cents, corrects_statement_id IS NOT NULL AS correction FROM subsidy_statement WHERE placement_id = $1 ORDER BY created_at',
      [id],
    );
    expect(stored).toEqual([
      { amount_cents: 153038, provisional: true, difference_cents: null, correction: false },
      { amount_cents: 159072, provisional: false, difference_cents: 6034, correction: true },
    ]);
  });

  it('corrects months reported provisionally when a release brings the value (the hourly reconcile job)', async () => {
    const id = await placedJob(standard);
    expect((await post(`/v1/placements/${id}/subsidy-statements`, { month: '2026-12' })).body).toMatchObject({ provisional: true });
    const subsidy = testApp.app.get(SubsidyService);
    // Still unknown: nothing to correct, nothing written.
    await expect(subsidy.correctProvisional()).resolves.toBe(0);
    // A later release ships the value; the organisation's own value stands in for it here (same lookup, same job).
    await testApp.dataSource.query(
      "INSERT INTO organisation_rule_parameter (organisation_id, key, value_number, valid_from, valid_to, source) VALUES ($1, 'minimumWagePerHour', 15, '2026-07-01', '2026-12-31', 'release')",
      [organisationId],
    );
    await expect(subsidy.correctProvisional()).resolves.toBe(1);
    await expect(subsidy.correctProvisional()).resolves.toBe(0);
    const stored = await testApp.dataSource.query(
      'SELECT amount_cents, provisional, difference_cents, reported_by_user_id FROM subsidy_statement WHERE placement_id = $1 ORDER BY created_at',
      [id],
    );
    expect(stored).toEqual([
      { amount_cents: 153038, provisional: true, difference_cents: null, reported_by_user_id: coach.userId },
      { amount_cents: 159072, provisional: false, difference_cents: 6034, reported_by_user_id: null },
    ]);
  });

  it('never lets an organisation value override national data; end-dating and withdrawing work', async () => {
    const id = await placedJob(standard);
    const early = await post(
      '/v1/rule-parameters',
      { key: 'minimumWagePerHour', valueNumber: 5, validFrom: '2016-12-31', source: 'test' },
      admin,
    );
    expect(early.status).toBe(201);
    // it stops by itself on 2016-12-31, before the first national value: 2026-03 stays EUR 1,530.38
    expect((await get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-03`)).body).toMatchObject({
      amountCents: 153038,
      provisional: false,
    });
    const covered = await post(
      '/v1/rule-parameters',
      { key: 'minimumWagePerHour', valueNumber: 5, validFrom: '2026-03-01', source: 'test' },
      admin,
    );
    expect(covered.status).toBe(422);
    expect(covered.headers['content-type']).toContain('application/problem+json');
    const quota = await post(
      '/v1/rule-parameters',
      { key: 'quotaPercentage', scope: 'public', valueNumber: 0.5, validFrom: '2024-01-01', validTo: '2024-12-31', source: 'test' },
      admin,
    );
    expect(quota.status).toBe(422);

    const open = await post(
      '/v1/rule-parameters',
      { key: 'minimumWagePerHour', valueNumber: 15, validFrom: '2026-07-01', source: 'test' },
      admin,
    );
    expect(open.status).toBe(201);
    expect((await get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-12`)).body).toMatchObject({ provisional: false });
    const ended = await post(`/v1/rule-parameters/${open.body.id}/end`, { validTo: '2026-09-30' }, admin);
    expect(ended.status).toBe(201);
    expect(ended.body).toMatchObject({ validTo: '2026-09-30' });
    expect((await get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-12`)).body).toMatchObject({ provisional: true });
    const withdrawn = await request(testApp.http).delete(`/v1/rule-parameters/${open.body.id}`).set(admin.auth);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    const listed = (await get('/v1/rule-parameters', admin)).body.find((row: { id: string | null }) => row.id === open.body.id);
    expect(listed).toMatchObject({ origin: 'organisation', recordedBy: expect.any(String), withdrawnAt: expect.any(String) });
    expect((await get(`/v1/placements/${id}/wage-cost-subsidy?month=2026-09`)).body).toMatchObject({ provisional: true });
  });

  it('shows a coach the what-if figures in plain Dutch on the calculations page', async () => {
    const page = (query: string) =>
      request(testApp.http).get(`/portal/calculations${query}`).set('Cookie', `${SESSION_COOKIE}=${coach.token}`);
    const empty = await page('');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Rekenen met de werkgever');
    const subsidy = await page(
      '?kind=wage-cost-subsidy&month=2026-12&hoursPerWeek=36&hourlyWage=14%2C71&wageValuePercent=50&employmentStart=2026-01-15',
    );
    expect(subsidy.status).toBe(200);
    expect(subsidy.text).toContain('Loonkostensubsidie voor december 2026: € 1.530,38');
    expect(subsidy.text).toContain('Voorlopig: het minimumloon per 1 juli 2026 is nog niet bekend in Werkbrug.');
    expect(subsidy.text).toContain('14,71');
    // A figure shown with a value Werkbrug does not have yet puts adding it on the admins' list.
    await expect(testApp.app.get(TasksService).missingRuleValues(organisationId)).resolves.toEqual([
      expect.objectContaining({ title: 'Voeg het minimumloon per 1 juli 2026 toe onder regels en bedragen' }),
    ]);
    const lkv = await page('?kind=loonkostenvoordeel&contractStart=2026-01-15&hoursPerWeek=20&inTargetGroupRegister=true');
    expect(lkv.text).toContain('15 januari 2026');
    expect(lkv.text).toContain('zolang het dienstverband duurt');
    const quota = await page('?kind=quota&year=2024&sector=public&totalPaidHours=30000&employeeCount=30&targetGroupHours=0');
    expect(quota.text).toContain('De quotumregeling geldt niet voor deze werkgever.');
    const bad = await page(
      '?kind=wage-cost-subsidy&month=2026-13&hoursPerWeek=36&hourlyWage=14&wageValuePercent=50&employmentStart=2026-01-15',
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('error-summary');
  });

  it('refuses bad what-if input with problem+json', async () => {
    const bad = await post('/v1/calculations/wage-cost-subsidy', {
      month: '2026-13',
      hoursPerWeek: -1,
      hourlyWage: 'x',
      wageValuePercent: 120,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual(
      expect.arrayContaining(['employmentStart', 'hourlyWage', 'hoursPerWeek', 'month', 'wageValuePercent']),
    );
    const quota = await post('/v1/calculations/quota', {
      year: 2026,
      sector: 'both',
      totalPaidHours: 10,
      employeeCount: 1.5,
      targetGroupHours: 0,
    });
    expect(quota.status).toBe(400);
    expect(quota.body.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual(['employeeCount', 'sector']);
    const lkv = await post('/v1/calculations/loonkostenvoordeel', {
      contractStart: '2026-02-30',
      hoursPerWeek: 20,
      inTargetGroupRegister: true,
    });
    expect(lkv.status).toBe(400);
    const participant = await createUser(testApp, organisationId, 'participant', {
      participantId: await createParticipant(testApp.dataSource, organisationId, coach.membershipId),
    });
    expect(
      (
        await post(
          '/v1/calculations/quota',
          { year: 2024, sector: 'public', totalPaidHours: 1, employeeCount: 1, targetGroupHours: 0 },
          participant,
        )
      ).status,
    ).toBe(403);
  });

  it('what-if answers agree with the placement-based calculations on the same inputs (property)', async () => {
    const day = (from: string, days: number) =>
      fc.integer({ min: 0, max: days }).map((n) => new Date(Date.parse(from) + n * 86_400_000).toISOString().slice(0, 10));
    const jobs = fc.record({
      contractStart: day('2024-06-01', 900),
      hoursPerWeek: fc.integer({ min: 8, max: 40 }),
      grossHourlyWage: fc.integer({ min: 1400, max: 2600 }).map((cents) => cents / 100),
      wageValuePercent: fc.integer({ min: 20, max: 100 }),
      monthOffset: fc.integer({ min: 0, max: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(jobs, async ({ monthOffset, ...job }) => {
        const id = await placedJob(job, { status: 'registered', date: '2024-01-01' });
        const start = new Date(`${job.contractStart}T00:00:00Z`);
        start.setUTCMonth(start.getUTCMonth() + monthOffset, 1);
        const month = start.toISOString().slice(0, 7);

        const placed = await get(`/v1/placements/${id}/wage-cost-subsidy?month=${month}`);
        const whatIf = await post('/v1/calculations/wage-cost-subsidy', {
          month,
          hoursPerWeek: job.hoursPerWeek,
          hourlyWage: job.grossHourlyWage,
          wageValuePercent: job.wageValuePercent,
          employmentStart: job.contractStart,
        });
        expect(placed.status).toBe(200);
        expect(whatIf.status).toBe(200);
        for (const field of ['amountCents', 'provisional', 'segments', 'parametersUsed', 'explanation'] as const) {
          expect(whatIf.body[field]).toEqual(placed.body[field]);
        }

        const placedLkv = await get(`/v1/placements/${id}/loonkostenvoordeel`);
        const whatIfLkv = await post('/v1/calculations/loonkostenvoordeel', {
          contractStart: job.contractStart,
          hoursPerWeek: job.hoursPerWeek,
          inTargetGroupRegister: true,
        });
        expect(placedLkv.status).toBe(200);
        expect(whatIfLkv.status).toBe(200);
        for (const field of [
          'eligible',
          'wholeEmployment',
          'eligibleUntil',
          'perYear',
          'totalCents',
          'parametersUsed',
          'explanation',
        ] as const) {
          expect(whatIfLkv.body[field]).toEqual(placedLkv.body[field]);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('what-if quota agrees with the employer-based quota on the same figures (property)', async () => {
    await testApp.dataSource.query("UPDATE employer SET payroll_tax_number = '123456789L01', sector_type = 'private' WHERE id = $1", [
      employerId,
    ]);
    // No national percentage for the private sector in 2025: the organisation may fill that gap.
    expect(
      (
        await post(
          '/v1/rule-parameters',
          { key: 'quotaPercentage', scope: 'private', valueNumber: 0.05, validFrom: '2025-01-01', validTo: '2025-12-31', source: 'test' },
          admin,
        )
      ).status,
    ).toBe(201);
    const figures = fc.record({
      employeeCount: fc.integer({ min: 1, max: 200 }),
      paidHours: fc.integer({ min: 1_000, max: 120_000 }),
      targetGroupHours: fc.integer({ min: 0, max: 8_000 }),
    });
    await fc.assert(
      fc.asyncProperty(figures, async ({ employeeCount, paidHours, targetGroupHours }) => {
        await testApp.dataSource.query('UPDATE employer SET employee_count = $2, paid_hours_per_year = $3 WHERE id = $1', [
          employerId,
          employeeCount,
          paidHours,
        ]);
        await testApp.dataSource.query('DELETE FROM quota_reported_hours WHERE employer_id = $1', [employerId]);
        if (targetGroupHours > 0) {
          const reported = await post(`/v1/employers/${employerId}/quota-reported-hours`, {
            year: 2025,
            hours: targetGroupHours,
            countsAt: 'hiring',
            description: 'Doelgroepmedewerkers',
          });
          expect(reported.status).toBe(201);
        }
        const placed = await get(`/v1/employers/${employerId}/quota?year=2025`);
        const whatIf = await post('/v1/calculations/quota', {
          year: 2025,
          sector: 'private',
          totalPaidHours: paidHours,
          employeeCount,
          targetGroupHours,
        });
        expect(placed.status).toBe(200);
        expect(whatIf.status).toBe(200);
        for (const field of [
          'quotaApplies',
          'levyImposed',
          'thresholdHours',
          'jobsCounted',
          'requirement',
          'estimatedLevyCents',
          'closingTheGap',
        ] as const) {
          expect(whatIf.body[field]).toEqual(placed.body[field]);
        }
      }),
      { numRuns: 8 },
    );
  });
});
