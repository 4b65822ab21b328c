import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { QuotaModule } from '../../src/quota/quota.module.js';
import { createEmployer, createOrganisation, createParticipant, createUser, renewSession, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

interface EmployerFigures {
  tax?: string | null;
  sector?: 'public' | 'private' | null;
  employees?: number | null;
  hours?: number | null;
}

describe('banenafspraak quota per payroll tax number', () => {
  let testApp: TestApp;
  let orgId: string;
  let otherOrgId: string;
  let coach: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [QuotaModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    // 2026 is a past year here: full-year figures.
    testApp.clock.set('2027-02-01T09:00:00Z');
    orgId = (await createOrganisation(testApp.dataSource)).id;
    otherOrgId = (await createOrganisation(testApp.dataSource, 'Andere Re-integratie')).id;
    coach = await createUser(testApp, orgId, 'jobcoach');
    // A quota percentage for the private sector in 2026 (none is shipped): 5% keeps the hand calculations simple.
    for (const organisation of [orgId, otherOrgId]) {
      await testApp.dataSource.query(
        "INSERT INTO organisation_rule_parameter (organisation_id, key, scope, value_number, valid_from, valid_to, source) VALUES ($1, 'quotaPercentage', 'private', 0.05, '2026-01-01', '2026-12-31', 'test')",
        [organisation],
      );
    }
  });
  afterAll(() => testApp.close());

  async function employer(organisationId: string, name: string, figures: EmployerFigures): Promise<string> {
    const id = await createEmployer(testApp.dataSource, organisationId, name);
    await testApp.dataSource.query(
      'UPDATE employer SET payroll_tax_number = $2, sector_type = $3, employee_count = $4, paid_hours_per_year = $5 WHERE id = $1',
      [id, figures.tax ?? null, figures.sector ?? null, figures.employees ?? null, figures.hours ?? null],
    );
    return id;
  }

  /** A participant with a profile; `registered` gives the doelgroepregister status. */
  async function participant(
    organisationId: string,
    name: [string, string],
    status: 'registered' | 'applied',
    registeredOn = '2025-06-01',
  ): Promise<string> {
    const id = await createParticipant(testApp.dataSource, organisationId, null, name);
    await testApp.dataSource.query(
      "INSERT INTO participant_profile (participant_id, organisation_id, target_group_register_status, target_group_register_date, benefit_type, private_notes) VALUES ($1, $2, $3, $4, 'wajong', 'diagnose: geheim')",
      [id, organisationId, status, status === 'registered' ? registeredOn : null],
    );
    await testApp.dataSource.query("UPDATE participant SET private_notes = 'enc1.x.y.z.geheim' WHERE id = $1", [id]);
    return id;
  }

  async function placement(
    organisationId: string,
    participantId: string,
    employerId: string,
    contract: { start: string; end?: string; hours: number; type?: string },
  ): Promise<string> {
    const [row] = await testApp.dataSource.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, type, status, contract_start, contract_end, contract_type, hours_per_week)
       VALUES ($1, $2, $3, 'paid_job', 'contract', $4, $5, $6, $7) RETURNING id`,
      [
        organisationId,
        participantId,
        employerId,
        contract.start,
        contract.end ?? null,
        contract.type ?? (contract.end ? 'fixed_term' : 'permanent'),
        contract.hours,
      ],
    );
    return row.id;
  }

  const quota = (employerId: string, user: TestUser = coach, year = 2026) =>
    request(testApp.http).get(`/v1/employers/${employerId}/quota?year=${year}`).set(user.auth);

  /** Two employers on one payroll tax number (19,965 paid hours each), and placements that must and must not count. */
  async function fiscalUnit() {
    const a = await employer(orgId, 'Bakkerij De Korenschoof', { tax: '123456789L01', sector: 'private', employees: 12, hours: 19965 });
    const b = await employer(orgId, 'Korenschoof Winkels', { tax: '123456789L01', sector: 'private', employees: 12, hours: 19965 });
    const c = await employer(orgId, 'Drukkerij Elders', { tax: '987654321L01', sector: 'private', employees: 100, hours: 50000 });
    const elsewhere = await employer(otherOrgId, 'Korenschoof (andere organisatie)', {
      tax: '123456789L01',
      sector: 'private',
      employees: 10,
      hours: 1000,
    });
    // Counts: in the register, full year 2026 at 25.5 hours a week at the sister employer = 1,331 hours.
    await placement(orgId, await participant(orgId, ['Fatima', 'El Amrani'], 'registered'), b, { start: '2026-01-01', hours: 25.5 });
    // Do not count: not (yet) in the register; another fiscal number; another organisation; a contract that ended in 2025.
    await placement(orgId, await participant(orgId, ['Joost', 'Verhoeven'], 'applied'), a, { start: '2026-01-01', hours: 20 });
    await placement(orgId, await participant(orgId, ['Ilse', 'Bakker'], 'registered'), c, { start: '2026-01-01', hours: 25.5 });
    await placement(otherOrgId, await participant(otherOrgId, ['Ravi', 'Sitaram'], 'registered'), elsewhere, {
      start: '2026-01-01',
      hours: 25.5,
    });
    await placement(orgId, await participant(orgId, ['Sanne', 'de Wit'], 'registered'), a, {
      start: '2025-01-01',
      end: '2025-12-31',
      hours: 30,
    });
    return { a, b, c, elsewhere };
  }

  it('adds up the employers of one payroll tax number; just under the hours threshold the quota does not apply, at 40,575 paid hours it does', async () => {
    const { a, b } = await fiscalUnit();
    const under = await quota(a);
    expect(under.status).toBe(200);
    // 2 x 19,965 = 39,930 paid hours (< 40,575) and 12 + 12 = 24 employees (< 25): the quota does not apply.
    // Required: 5% x 39,930 = 1,996.5 hours = 1.5 jobs of 1,331; counted 1,331 hours = 1 job; but as the quota does not
    // apply there are no missing jobs, no levy (none is imposed for the private sector either) and no gap advice.
    expect(under.body).toMatchObject({
      fiscalNumber: '123456789L01',
      year: 2026,
      sector: 'private',
      regime: 'levy',
      monthsBasis: 12,
      totalPaidHours: 39930,
      targetGroupHours: 1331,
      lentOutHours: 0,
      jobsCounted: 1,
      quotaApplies: false,
      thresholdEmployees: 25,
      thresholdHours: 40575,
      requirement: {
        quotaPercentage: 0.05,
        requiredHours: 1996.5,
        jobsRequired: 1.5,
        missingJobs: 0,
        surplusJobs: 0,
        missingHours: 0,
      },
      levyImposed: false,
      estimatedLevyCents: null,
      closingTheGap: [],
      bonusCents: null,
      sources: { employers: 2, placementsCounted: 1, placementsLentOut: 0, reportedHiringHours: 0, reportedLendingHours: 0 },
    });
    expect(under.body.months).toHaveLength(12);
    expect(under.body.months[0]).toMatchObject({ month: '2026-01' });
    expect(under.body.months[0].hours).toBeCloseTo(1331 / 12, 6);
    expect(under.body.months[11]).toMatchObject({ month: '2026-12', cumulativeHours: 1331, cumulativeJobs: 1 });
    expect(under.body.parametersUsed).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'quotaPercentage', scope: 'private', value: 0.05 })]),
    );
    expect(under.body.explanation.map((line: { en: string }) => line.en).join(' ')).toContain('does not apply');

    // Headcount alone does not decide: 25 employees with the same hours still do not reach the threshold.
    await testApp.dataSource.query('UPDATE employer SET employee_count = 13 WHERE id = $1', [b]);
    expect((await quota(a)).body).toMatchObject({ quotaApplies: false, requirement: { missingJobs: 0 }, closingTheGap: [] });
    // 19,965 + 20,610 = 40,575 paid hours = 25 x 1,623: the quota applies. Required 5% x 40,575 = 2,028.75 hours;
    // missing 697.75 hours = 0.5242 jobs. No levy is imposed (levyImposed false), so none is estimated.
    await testApp.dataSource.query('UPDATE employer SET paid_hours_per_year = 20610 WHERE id = $1', [b]);
    const over = await quota(a);
    expect(over.body).toMatchObject({
      quotaApplies: true,
      levyImposed: false,
      estimatedLevyCents: null,
      requirement: { missingHours: 697.75 },
    });
    // 697.75 missing hours: at 12 h/week one person adds 12 x 1,331 / 25.5 = 626.35 hours, so 2 people; at 16, 20 or 25.5 one.
    expect(
      over.body.closingTheGap.map((option: { hoursPerWeek: number; additionalPeople: number }) => [
        option.hoursPerWeek,
        option.additionalPeople,
      ]),
    ).toEqual([
      [12, 2],
      [16, 1],
      [20, 1],
      [25.5, 1],
    ]);
    // The sister employer gives the same answer: the quota is per fiscal number.
    expect((await quota(b)).body).toMatchObject({ totalPaidHours: 40575, targetGroupHours: 1331, quotaApplies: true });
  });

  it("shows the organisation's admin each payroll tax number's share of target-group hours beside the quota, on the admin home", async () => {
    // December 2026: the running year with all its months, so the figures equal the full year's.
    testApp.clock.set('2026-12-15T09:00:00Z');
    const { a, c } = await fiscalUnit();
    await employer(orgId, 'Hotel Zonder Gegevens', {});
    const admin = await renewSession(testApp, await createUser(testApp, orgId, 'admin'));
    await renewSession(testApp, coach);
    const sisters = (await quota(a)).body;
    const printer = (await quota(c)).body;
    expect(printer).toMatchObject({ quotaApplies: true, targetGroupHours: 1331, totalPaidHours: 50000 });

    const page = await request(testApp.http).get('/portal/admin').set('Cookie', `wb_session=${admin.token}`);
    expect(page.status).toBe(200);
    const text = page.text
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' ');
    expect(text).toContain('Banenafspraak: hoe staan de werkgevers ervoor in 2026?');
    const n = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
    // One row per payroll tax number: 1,331 of 39,930 paid hours is 3.3%; the quota asks 5%, but does not apply.
    expect(sisters).toMatchObject({ targetGroupHours: 1331, totalPaidHours: 39930, quotaApplies: false });
    expect(text).toContain(
      `Bakkerij De Korenschoof, Korenschoof Winkels 3,3% 5% 1 van ${n.format(sisters.requirement.jobsRequired)} Het quotum geldt niet: te weinig betaalde uren`,
    );
    // 1,331 of 50,000 paid hours is 2.7%; the quota applies and jobs are missing.
    expect(printer.requirement.missingJobs).toBeGreaterThan(0);
    expect(text).toContain(
      `Drukkerij Elders 2,7% 5% 1 van ${n.format(printer.requirement.jobsRequired)} ${n.format(printer.requirement.missingJobs)} banen te weinig`,
    );
    expect(text).toContain(
      'Hotel Zonder Gegevens Nog niet te berekenen. Dit ontbreekt: loonheffingennummer, sector (overheid of bedrijfsleven), betaalde uren per jaar, aantal werknemers.',
    );
    // Another organisation's employer on the same payroll tax number is neither shown nor counted.
    expect(text).not.toContain('andere organisatie');
  });

  it('in the running year extrapolates the months so far to the whole year', async () => {
    const { a } = await fiscalUnit();
    // Starts in April: no hours yet in January to March.
    await placement(orgId, await participant(orgId, ['Noor', 'Jansen'], 'registered'), a, { start: '2026-04-01', hours: 20 });
    testApp.clock.set('2026-03-15T09:00:00Z');
    await renewSession(testApp, coach);
    const response = await quota(a);
    expect(response.status).toBe(200);
    // January to March: 3 x 1,331 / 12 = 332.75 hours, x 12/3 = 1,331; paid hours 39,930 x 3/12, extrapolated back to 39,930.
    expect(response.body).toMatchObject({ monthsBasis: 3, totalPaidHours: 39930, targetGroupHours: 1331, jobsCounted: 1 });
    expect(response.body.months[2].cumulativeHours).toBeCloseTo(332.75, 9);
    expect(response.body.explanation.map((line: { en: string }) => line.en).join(' ')).toContain('extrapolated');
  });

  it('counts a seconded worker at the hiring employer through reported hours, not at the employer of record', async () => {
    const lender = await employer(orgId, 'Uitzendbureau Flex', { tax: '111111111L01', sector: 'private', employees: 30, hours: 48690 });
    const hirer = await employer(orgId, 'Distributiecentrum Oost', { tax: '222222222L01', sector: 'private', employees: 40, hours: 64920 });
    await placement(orgId, await participant(orgId, ['Mo', 'Haddou'], 'registered'), lender, {
      start: '2026-01-01',
      hours: 25.5,
      type: 'secondment',
    });
    const hirerUser = await createUser(testApp, orgId, 'employer_user', { employerId: hirer });

    const atLender = await quota(lender);
    expect(atLender.body).toMatchObject({
      targetGroupHours: 0,
      lentOutHours: 1331,
      jobsCounted: 0,
      sources: { placementsCounted: 0, placementsLentOut: 1 },
    });

    const invalid = await request(testApp.http)
      .post(`/v1/employers/${hirer}/quota-reported-hours`)
      .set(hirerUser.auth)
      .send({ year: 2026, hours: -5, countsAt: 'elsewhere' });
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.invalidParams.map((param: { name: string }) => param.name))].sort()).toEqual([
      'countsAt',
      'description',
      'hours',
    ]);
    const future = await request(testApp.http)
      .post(`/v1/employers/${hirer}/quota-reported-hours`)
      .set(hirerUser.auth)
      .send({ year: 2030, hours: 10, countsAt: 'hiring', description: 'Nog niet gewerkt' });
    expect(future.status).toBe(422);
    expect(future.body.invalidParams[0].name).toBe('year');

    const reported = await request(testApp.http)
      .post(`/v1/employers/${hirer}/quota-reported-hours`)
      .set(hirerUser.auth)
      .send({ year: 2026, hours: 1331, countsAt: 'hiring', description: 'Gedetacheerde medewerker via Uitzendbureau Flex' });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ employerId: hirer, year: 2026, hours: 1331, countsAt: 'hiring' });
    const list = await request(testApp.http).get(`/v1/employers/${hirer}/quota-reported-hours?year=2026`).set(coach.auth);
    expect(list.body).toEqual([reported.body]);

    const atHirer = await quota(hirer, hirerUser);
    expect(atHirer.status).toBe(200);
    // Required 5% x 64,920 = 3,246 hours; counted 1,331; missing 1,915 hours = 1.4388 jobs. No levy is imposed, so none is estimated.
    expect(atHirer.body).toMatchObject({
      totalPaidHours: 64920,
      targetGroupHours: 1331,
      jobsCounted: 1,
      quotaApplies: true,
      requirement: { requiredHours: 3246, missingHours: 1915 },
      estimatedLevyCents: null,
      sources: { placementsCounted: 0, reportedHiringHours: 1331 },
    });
    // The lender's figures do not change.
    expect((await quota(lender)).body).toMatchObject({ targetGroupHours: 0, lentOutHours: 1331 });
  });

  it('shows an employer user numbers only, and only for their own employer in their own organisation', async () => {
    const { a, c, elsewhere } = await fiscalUnit();
    const employerUser = await createUser(testApp, orgId, 'employer_user', { employerId: a });
    const own = await quota(a, employerUser);
    expect(own.status).toBe(200);
    expect(own.body.jobsCounted).toBe(1);
    const text = JSON.stringify(own.body);
    const placementIds: Array<{ id: string }> = await testApp.dataSource.query('SELECT id FROM placement');
    const participantIds: Array<{ id: string }> = await testApp.dataSource.query('SELECT id FROM participant');
    for (const forbidden of [
      'Fatima',
      'El Amrani',
      'Joost',
      'geheim',
      'wajong',
      'benefit',
      'privateNotes',
      'participant',
      'Korenschoof Winkels',
    ]) {
      expect(text).not.toContain(forbidden);
    }
    for (const { id } of [...placementIds, ...participantIds]) expect(text).not.toContain(id);

    expect((await quota(c, employerUser)).status).toBe(404);
    expect((await quota(elsewhere, employerUser)).status).toBe(404);
    expect((await quota(elsewhere, coach)).status).toBe(404);
    expect((await request(testApp.http).get(`/v1/employers/${elsewhere}/quota-reported-hours`).set(coach.auth)).status).toBe(404);
    expect((await request(testApp.http).get(`/v1/employers/${a}/quota`).set(coach.auth)).status).toBe(400);
  });

  it('names the missing employer field with a 422', async () => {
    const noTax = await employer(orgId, 'Zonder nummer', { sector: 'private', employees: 30, hours: 50000 });
    const noHours = await employer(orgId, 'Zonder uren', { tax: '333333333L01', sector: 'private', employees: 30 });
    const complete = await employer(orgId, 'Compleet', { tax: '444444444L01', sector: 'private', employees: 30, hours: 50000 });
    await employer(orgId, 'Zuster zonder werknemers', { tax: '444444444L01', sector: 'private', hours: 1000 });
    for (const [id, field] of [
      [noTax, 'payrollTaxNumber'],
      [noHours, 'paidHoursPerYear'],
      [complete, 'employeeCount'],
    ] as const) {
      const response = await quota(id);
      expect(response.status).toBe(422);
      expect(response.body.invalidParams[0].name).toBe(field);
    }
    expect((await quota(complete)).body.invalidParams[0].reason).toContain('1 of the 2 employers');
  });

  it('names every missing employer field at once, so the form asks for them in one go', async () => {
    const bare = await employer(orgId, 'Nog leeg', {});
    const response = await quota(bare);
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.invalidParams.map((param: { name: string }) => param.name)).toEqual([
      'payrollTaxNumber',
      'sectorType',
      'paidHoursPerYear',
      'employeeCount',
    ]);
    const withTaxAndSector = await employer(orgId, 'Half gevuld', { tax: '555555555L01', sector: 'public' });
    const half = await quota(withTaxAndSector);
    expect(half.body.invalidParams.map((param: { name: string }) => param.name)).toEqual(['paidHoursPerYear', 'employeeCount']);
  });
});
