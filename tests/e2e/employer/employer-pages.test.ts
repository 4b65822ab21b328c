import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { EmployerPagesModule } from '../../../src/portal/employer/employer-pages.module.js';
import { ParticipantPagesModule } from '../../../src/portal/participant/participant-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp, waitForQueuesToDrain } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

/**
 * The employer's core tasks, through the pages only, from sign-in to the result, on a phone and
 * a desktop: what needs me now, a vacancy with its occupation chosen by name, answering an
 * introduced candidate, late subsidy payments, the figures for the job agreement, help about an
 * employee.
 */
describe.each(VIEWPORTS)('employer pages in a browser ($name)', (viewport) => {
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
  const shot = (name: string) => `employer-${name}-${viewport.name}`;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ParticipantPagesModule, EmployerPagesModule, CoachPagesModule] });
    await resetState(testApp);
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
    // No loonheffingennummer, employee count or paid hours yet: the employer fills them in.
    await ds.query("UPDATE employer SET contact_coach_membership_id = $2, sector_type = 'private' WHERE id = $1", [
      employerId,
      coach.membershipId,
    ]);
    await ds.query(
      "INSERT INTO organisation_rule_parameter (organisation_id, key, scope, value_number, valid_from, valid_to, source) VALUES ($1, 'quotaPercentage', 'private', 0.05, '2026-01-01', '2026-12-31', 'test')",
      [organisationId],
    );
    employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId });
    participantId = await createParticipant(ds, organisationId, coach.membershipId, ['Fatima', 'El Amrani']);
    await ds.query(
      `INSERT INTO participant_profile (participant_id, organisation_id, target_group_register_status, target_group_register_date, benefit_type, occupation_wishes)
       VALUES ($1, $2, 'registered', '2025-06-01', 'wajong', '{9333,9112}')`,
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
    // The subsidy is granted; April's payment came in, May's is late.
    const [decision] = await ds.query(
      `INSERT INTO subsidy_decision (organisation_id, placement_id, status, applied_on, decided_on, monthly_amount_cents, period_start)
       VALUES ($1, $2, 'granted', '2026-01-15', '2026-02-20', 98765, '2026-02-01') RETURNING id`,
      [organisationId, placement.id],
    );
    await ds.query(
      `INSERT INTO subsidy_payment (organisation_id, placement_id, decision_id, month, due_on, amount_cents, received_on) VALUES
         ($1, $2, $3, '2026-04', '2026-04-30', 98765, '2026-04-28'), ($1, $2, $3, '2026-05', '2026-05-31', 98765, NULL)`,
      [organisationId, placement.id, decision.id],
    );
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    page = await signInWithPassword(context, baseUrl, employerUser.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await testApp?.close();
  });

  it('starts at home with what needs me now: a late subsidy payment and missing figures, with coloured badges', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/employer');
    const now = page.locator('section[aria-labelledby=now-title]');
    const text = (await now.textContent()) ?? '';
    expect(text).toContain('1 betaling van de loonkostensubsidie is te laat (Fatima El Amrani)');
    expect(text).toContain('Voor de banenafspraak missen nog gegevens');
    await expect(now.locator('.status--late').textContent()).resolves.toBe('Te laat');
    await expect((await page.textContent('main')) ?? '').toContain('Sanne de Vries');
    await checkPage(page, shot('home'));
  });

  it('registers a vacancy choosing the occupation by name (search, then choose), after fixing errors', async () => {
    await page.click('a[href="/portal/vacancies/new"]');
    await page.waitForURL(/vacancies\/new/);
    await checkPage(page, shot('vacancy-new'));
    await page.fill('#field-title', 'Medewerker magazijn');
    await page.fill('#field-hoursMin', '20');
    await page.fill('#field-hoursMax', '24');
    await page.check('input[name=days][value=mon]');
    await submit(page, 'form.portal-form button.utrecht-button--primary-action');
    await page.waitForSelector('.error-summary');
    await expectErrorFor(page, 'occupation');
    await expectErrorFor(page, 'postcode');
    await expect(page.inputValue('#field-title')).resolves.toBe('Medewerker magazijn');
    await checkPage(page, shot('vacancy-errors'));

    // Search with the button: the form comes back with the occupations found, nothing saved.
    await page.fill('#field-occupation', 'pakhuis');
    await submit(page, 'button[name=intent][value=search-occupation]');
    const found = page.locator('#occupation-results label');
    await expect(found.first().textContent()).resolves.toContain('pakhuismedewerker');
    await expect(page.inputValue('#field-title')).resolves.toBe('Medewerker magazijn');
    await checkPage(page, shot('vacancy-occupations-found'));
    await page.check('#occupation-results input[value="esco:808becc8-5a4e-4e71-a043-c2ea32b56ae3"]');
    await page.fill('#field-postcode', '3511 AB');
    await Promise.all([page.waitForURL(/saved=created/), page.click('form.portal-form button.utrecht-button--primary-action')]);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Medewerker magazijn');
    expect(main).toContain('pakhuismedewerker');
    expect(main).toContain('20 tot 24 uur');
    await checkPage(page, shot('vacancies'));
    const rows = await testApp.dataSource.query('SELECT isco_code, esco_uri FROM vacancy WHERE employer_id = $1', [employerId]);
    expect(rows).toEqual([{ isco_code: '9333', esco_uri: 'http://data.europa.eu/esco/occupation/808becc8-5a4e-4e71-a043-c2ea32b56ae3' }]);
  });

  it('changes the occupation while typing (with JavaScript), keeping the code underneath', async () => {
    await page.click('a:has-text("Wijzigen")');
    await page.waitForURL(/edit/);
    await expect(page.textContent('.occupation-field__chosen')).resolves.toContain('pakhuismedewerker');
    await page.fill('#field-occupation', 'Laders en lossers');
    const group = page.locator('#occupation-results input[value="isco:9333"]');
    await group.waitFor();
    await checkPage(page, shot('vacancy-edit-typing'));
    await group.check();
    await Promise.all([page.waitForURL(/saved=updated/), page.click('form.portal-form button.utrecht-button--primary-action')]);
    await expect(page.textContent('main')).resolves.toContain('Laders en lossers');
    const [row] = await testApp.dataSource.query('SELECT isco_code, esco_uri FROM vacancy WHERE employer_id = $1', [employerId]);
    expect(row).toEqual({ isco_code: '9333', esco_uri: null });
  });

  it('searches for an occupation without JavaScript too: the button shows the form again with what it found, saving nothing', async () => {
    const plain = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      locale: 'nl-NL',
      javaScriptEnabled: false,
    });
    try {
      const noScript = await signInWithPassword(plain, baseUrl, employerUser.email);
      await noScript.goto(`${baseUrl}/portal/vacancies/new`);
      await noScript.fill('#field-occupation', 'schoonmaker kantoren');
      await submit(noScript, 'button[name=intent][value=search-occupation]');
      await expect(noScript.locator('#occupation-results input[type=radio]').count()).resolves.toBeGreaterThan(0);
      // Axe runs as a script, so it cannot check this page here: the same page is checked with JavaScript above.
      await noScript.screenshot({
        path: `tests/artifacts/screenshots/${shot('vacancy-occupations-no-script')}-${viewport.width}.png`,
        fullPage: true,
      });
      await expect(testApp.dataSource.query('SELECT count(*)::int AS n FROM vacancy')).resolves.toEqual([{ n: 1 }]);
    } finally {
      await plain.close();
    }
  });

  it('hears of an introduced candidate by mail, sees only what is shared, and answers "not now" with a reason', async () => {
    const [vacancy] = await testApp.dataSource.query('SELECT id FROM vacancy WHERE employer_id = $1', [employerId]);
    const http = () => request(testApp.http);
    const proposed = await http().post('/v1/matches').set(coach.auth).send({ vacancyId: vacancy.id, participantId });
    expect(proposed.status).toBe(201);
    await testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, profile_parts, given_at, given_by_user_id) VALUES ($1, $2, 'share_profile_with_employer', $3, '{name,workPreferences}', now(), $4)",
      [organisationId, participantId, employerId, coach.userId],
    );
    await http().post(`/v1/matches/${proposed.body.id}/transitions`).set(coach.auth).send({ status: 'introduced' }).expect(201);
    await waitForQueuesToDrain(testApp);
    const [mail] = await testApp.dataSource.query("SELECT recipient, text FROM mail_message WHERE template = 'candidate-introduced'");
    expect(mail.recipient).toBe(employerUser.email);
    expect(mail.text).toContain('/portal/candidates');
    expect(mail.text).not.toContain('Fatima');

    await page.goto(`${baseUrl}/portal/employer`);
    await expect(page.textContent('section[aria-labelledby=now-title]')).resolves.toContain('1 kandidaat wacht op uw antwoord.');
    await page.click('a[href="/portal/candidates"]:has-text("Naar de kandidaten")');
    await page.waitForURL(/\/portal\/candidates$/);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Fatima El Amrani');
    expect(text).toContain('Wil graag werken als');
    expect(text).toContain('Laders en lossers');
    expect(text).not.toContain('9333');
    expect(text).not.toContain('wajong');
    await checkPage(page, shot('candidates'));

    await page.click('a.utrecht-button-link:has-text("Antwoord geven")');
    await page.waitForURL(/answer$/);
    await checkPage(page, shot('candidate-answer'));
    await page.check('input[name=answer][value=not_now]');
    await submit(page, 'form.portal-form button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expectErrorFor(page, 'reason');
    await checkPage(page, shot('candidate-answer-errors'));
    await page.fill('#field-reason', 'Wij zoeken iemand die ook op zaterdag kan.');
    await Promise.all([page.waitForURL(/answered=1/), page.click('form.portal-form button[type=submit]')]);
    const answered = (await page.textContent('main')) ?? '';
    expect(answered).toContain('Uw antwoord is verstuurd');
    expect(answered).toContain('Nu niet');
    expect(answered).toContain('Wij zoeken iemand die ook op zaterdag kan.');
    await checkPage(page, shot('candidates-answered'));

    // The coach reads the answer on the participant's page.
    const coachPage = await http().get(`/portal/caseload/${participantId}`).set('Cookie', `wb_session=${coach.token}`);
    expect({ status: coachPage.status, body: coachPage.status === 200 ? '' : coachPage.text.slice(0, 3000) }).toEqual({
      status: 200,
      body: '',
    });
    expect(coachPage.text).toContain('Antwoord van de werkgever:');
    expect(coachPage.text).toContain('Laders en lossers');
    expect(coachPage.text).toContain('Wij zoeken iemand die ook op zaterdag kan.');
  });

  it('shows each placement’s subsidy with the late payment flagged, months and hours in Dutch', async () => {
    await page.goto(`${baseUrl}/portal/placements`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Fatima El Amrani');
    expect(text).toContain('25,5 uur per week');
    expect(text).toContain('mei 2026');
    expect(text).toContain('1 betaling is te laat');
    await expect(page.locator('td .status--late').count()).resolves.toBe(1);
    await checkPage(page, shot('placements'));
  });

  it('fills in the loonheffingennummer and the paid hours, and then sees the quota status', async () => {
    await page.goto(`${baseUrl}/portal/quota`);
    await expect(page.textContent('main')).resolves.toContain('Uw loonheffingennummer');
    await checkPage(page, shot('quota-missing'));
    await page.click('a[href="/portal/quota/details"]');
    await page.waitForURL(/quota\/details/);
    await checkPage(page, shot('quota-details'));
    // The sector decides the quota percentage; what is recorded is chosen already.
    await expect(page.isChecked('input[name=sectorType][value=private]')).resolves.toBe(true);
    await page.fill('#field-payrollTaxNumber', '1234');
    await page.fill('#field-employeeCount', '40');
    await submit(page, 'form.portal-form button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expectErrorFor(page, 'payrollTaxNumber');
    await expectErrorFor(page, 'paidHoursPerYear');
    await checkPage(page, shot('quota-details-errors'));
    await page.fill('#field-payrollTaxNumber', '123456789L01');
    await page.fill('#field-paidHoursPerYear', '64.000');
    await Promise.all([page.waitForURL(/quota\?saved=1/), page.click('form.portal-form button[type=submit]')]);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Uw gegevens zijn opgeslagen.');
    expect(text).toContain('64.000');
    await expect(page.locator('svg.chart[role=img]').count()).resolves.toBe(1);
    // Whether the quota applies is said as it is decided: in paid hours, not by headcount.
    expect(text).toMatch(
      /Die geldt vanaf \d+ medewerkers, geteld in betaalde uren: vanaf [\d.]+ uur per jaar\. U heeft 64\.000 betaalde uren\./,
    );
    // The legend names the dashed line only when one is drawn (no line while the year's percentage is not known).
    const caption = (await page.textContent('figure.chart-figure figcaption')) ?? '';
    const targetLines = await page.locator('svg.chart line.chart__target').count();
    expect(caption.includes('streepjeslijn')).toBe(targetLines === 1);
    await checkPage(page, shot('quota'));
    const [stored] = await testApp.dataSource.query(
      'SELECT payroll_tax_number, employee_count, paid_hours_per_year FROM employer WHERE id = $1',
      [employerId],
    );
    expect(stored).toEqual({ payroll_tax_number: '123456789L01', employee_count: 40, paid_hours_per_year: 64000 });
    // Once set, the number is shown, not offered for change.
    await page.goto(`${baseUrl}/portal/quota/details`);
    await expect(page.locator('#field-payrollTaxNumber').count()).resolves.toBe(0);
    await expect(page.textContent('main')).resolves.toContain('Vraag uw contactpersoon het te wijzigen');
  });

  it('asks for help about a named employee with employer topics', async () => {
    await page.goto(`${baseUrl}/portal/help`);
    const topics = (await page.locator('fieldset:has(input[name=category]) label').allTextContents()).join(' | ');
    expect(topics).toContain('Ziekte of verzuim');
    expect(topics).not.toContain('Thuis');
    expect(topics).not.toContain('Reizen naar het werk');
    const employees = await page.locator('#field-aboutPlacementId option').allTextContents();
    expect(employees).toEqual(['Geen bepaalde medewerker', 'Fatima El Amrani']);
    await submit(page, 'form[action="/portal/help"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expectErrorFor(page, 'body');
    await checkPage(page, shot('help-errors'));
    await page.check('input[name=category][value=absence]');
    await page.check('input[name=urgency][value=normal]');
    await page.selectOption('#field-aboutPlacementId', { label: 'Fatima El Amrani' });
    await page.fill('#field-body', 'Fatima heeft zich deze week twee keer ziek gemeld. Hoe gaan we daarmee om?');
    await Promise.all([page.waitForURL(/sent=1/), page.click('form[action="/portal/help"] button[type=submit]')]);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Ziekte of verzuim');
    expect(text).toContain('Over medewerker');
    expect(text).toContain('Fatima El Amrani');
    await checkPage(page, shot('help-request'));

    await page.goto(`${baseUrl}/portal/employer`);
    await expect(page.textContent('section[aria-labelledby=now-title]')).resolves.toContain('U heeft 1 hulpvraag die nog loopt.');
    await checkPage(page, shot('home-later'));
  });
});
