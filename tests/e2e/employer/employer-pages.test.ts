import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EmployerPagesModule } from '../../../src/portal/employer/employer-pages.module.js';
import { ParticipantPagesModule } from '../../../src/portal/participant/participant-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword } from '../browser-support.js';

describe('employer pages in a browser', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let coach: TestUser;
  let employerUser: TestUser;
  let organisationId: string;
  let employerId: string;
  let participantId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ParticipantPagesModule, EmployerPagesModule] });
    await testApp.app.listen(0, '127.0.0.1');
    const address = testApp.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    testApp.clock.set('2026-06-15T09:00:00Z');
    const ds = testApp.dataSource;
    organisationId = (await createOrganisation(ds)).id;
    const team = await createTeam(ds, organisationId);
    coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries', phone = '06 12345678' WHERE id = $1", [coach.userId]);
    employerId = await createEmployer(ds, organisationId);
    await ds.query(
      "UPDATE employer SET contact_coach_membership_id = $2, payroll_tax_number = '123456789L01', sector_type = 'private', employee_count = 40, paid_hours_per_year = 64000 WHERE id = $1",
      [employerId, coach.membershipId],
    );
    await ds.query(
      "INSERT INTO organisation_rule_parameter (organisation_id, key, scope, value_number, valid_from, valid_to, source) VALUES ($1, 'quotaPercentage', 'private', 0.05, '2026-01-01', '2026-12-31', 'test')",
      [organisationId],
    );
    employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId });
    participantId = await createParticipant(ds, organisationId, coach.membershipId, ['Fatima', 'El Amrani']);
    await ds.query(
      "INSERT INTO participant_profile (participant_id, organisation_id, target_group_register_status, target_group_register_date, benefit_type, private_notes) VALUES ($1, $2, 'registered', '2025-06-01', 'wajong', 'diagnose: geheim')",
      [participantId, organisationId],
    );
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-01', 'permanent', 25.5) RETURNING id`,
      [organisationId, participantId, employerId, coach.membershipId],
    );
    await ds.query(
      "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, $3, '2026-07-01', 'planned')",
      [organisationId, placement.id, coach.membershipId],
    );
    await ds.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) VALUES ($1, $2, 'disclose_support_organisation', $3, now(), $4)",
      [organisationId, participantId, employerId, coach.userId],
    );
    await ds.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, profile_parts, given_at, given_by_user_id) VALUES ($1, $2, 'share_profile_with_employer', $3, '{name,adaptations}', now(), $4)",
      [organisationId, participantId, employerId, coach.userId],
    );
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await signInWithPassword(context, baseUrl, employerUser.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await testApp?.close();
  });

  it('starts at home with my contact person', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/employer');
    const text = await page.textContent('main');
    expect(text).toContain('Sanne de Vries');
    expect(text).toContain('06 12345678');
    await checkPage(page, 'employer-home');
  });

  it('registers a vacancy through the page, after fixing errors', async () => {
    await page.goto(`${baseUrl}/portal/vacancies`);
    await checkPage(page, 'employer-vacancies-empty');
    await page.goto(`${baseUrl}/portal/vacancies/new`);
    await checkPage(page, 'employer-vacancy-new');
    await page.fill('#field-title', 'Medewerker inpak');
    await page.fill('#field-iscoCode', '12');
    await page.fill('#field-hoursMin', '30');
    await page.fill('#field-hoursMax', '20');
    await page.check('input[name=days][value=mon]');
    await page.click('form[action="/portal/vacancies"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expect(page.inputValue('#field-title')).resolves.toBe('Medewerker inpak');
    await expect(page.inputValue('#field-iscoCode')).resolves.toBe('12');
    await expect(page.isChecked('input[name=days][value=mon]')).resolves.toBe(true);
    await checkPage(page, 'employer-vacancy-errors');
    await expectErrorFor(page, 'iscoCode');
    await expectErrorFor(page, 'postcode');

    await page.fill('#field-iscoCode', '9321');
    await page.fill('#field-postcode', '3511 AB');
    await page.click('form[action="/portal/vacancies"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    // The service's own rule: the maximum must be at least the minimum.
    await expectErrorFor(page, 'hoursMax');
    await page.fill('#field-hoursMin', '20');
    await page.fill('#field-hoursMax', '24');
    // A well-formed postcode whose area is unknown (1000 is a postbus range) is named at the field when entered.
    await page.fill('#field-postcode', '1000 AA');
    await page.click('form[action="/portal/vacancies"] button[type=submit]');
    await page.waitForSelector('text=het postcodegebied 1000 kennen wij niet');
    await expectErrorFor(page, 'postcode');
    await page.fill('#field-postcode', '3511 AB');
    await Promise.all([page.waitForURL(/saved=created/), page.click('form[action="/portal/vacancies"] button[type=submit]')]);
    await expect(page.textContent('main')).resolves.toContain('Medewerker inpak');
    await checkPage(page, 'employer-vacancies');
    const rows = await testApp.dataSource.query(
      "SELECT isco_code AS iso FROM vacancy WHERE employer_id = $1 AND title LIKE 'Medewerker inpak%'",
      [employerId],
    );
    expect(rows).toEqual([{ iso: '9321' }]);
  });

  it('edits and closes a vacancy', async () => {
    await page.click('a:has-text("Wijzigen")');
    await page.waitForURL(/edit/);
    await checkPage(page, 'employer-vacancy-edit');
    await page.fill('#field-title', '');
    await page.click('form.portal-form button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expectErrorFor(page, 'title');
    await page.fill('#field-title', 'Medewerker inpak en expeditie');
    await Promise.all([page.waitForURL(/saved=updated/), page.click('form.portal-form button[type=submit]')]);
    await expect(page.textContent('main')).resolves.toContain('Medewerker inpak en expeditie');
    await Promise.all([page.waitForURL(/saved=closed/), page.click('form[action$="/close"] button')]);
    await expect(page.locator('td .status').textContent()).resolves.toBe('Gesloten');
  });

  it('shows introduced candidates with only the consented parts', async () => {
    const [vacancy] = await testApp.dataSource.query('SELECT id FROM vacancy LIMIT 1');
    await testApp.dataSource.query(
      "INSERT INTO match (organisation_id, vacancy_id, participant_id, employer_id, status, created_by_user_id) VALUES ($1, $2, $3, $4, 'introduced', $5)",
      [organisationId, vacancy.id, participantId, employerId, coach.userId],
    );
    await page.goto(`${baseUrl}/portal/candidates`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Fatima El Amrani');
    expect(text).not.toContain('wajong');
    expect(text).not.toContain('geheim');
    await checkPage(page, 'employer-candidates');
  });

  it('shows my placements with subsidy status and next check-in', async () => {
    await page.goto(`${baseUrl}/portal/placements`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Fatima El Amrani');
    expect(text).toContain('1 juli 2026');
    expect(text).toContain('Loonkostensubsidie is geld van de gemeente');
    expect(text).toContain('Niet aangevraagd');
    await checkPage(page, 'employer-placements');
  });

  it('shows the quota as an SVG chart with a table', async () => {
    await page.goto(`${baseUrl}/portal/quota`);
    await expect(page.locator('svg.chart[role=img]').count()).resolves.toBe(1);
    await expect(page.locator('svg.chart rect.chart__bar').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('table caption').textContent()).resolves.toContain('2026');
    await expect(page.textContent('main')).resolves.toContain('De banenafspraak is een afspraak');
    await checkPage(page, 'employer-quota');
  });

  it('asks for help with the same form', async () => {
    await page.goto(`${baseUrl}/portal/help`);
    await page.click('form[action="/portal/help"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await checkPage(page, 'employer-help-errors');
    await expectErrorFor(page, 'body');
    await page.check('input[name=category][value=other]');
    await page.check('input[name=urgency][value=low]');
    await page.fill('#field-body', 'Hoe vraag ik de loonkostensubsidie aan?');
    await Promise.all([page.waitForURL(/sent=1/), page.click('form[action="/portal/help"] button[type=submit]')]);
    await expect(page.textContent('main')).resolves.toContain('Sanne de Vries');
    await checkPage(page, 'employer-help-request');
  });
});
