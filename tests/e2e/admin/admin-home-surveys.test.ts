import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RuleParametersService } from '../../../src/rule-parameters/rule-parameters.service.js';
import { SurveysService } from '../../../src/surveys/surveys.service.js';
import { aftercareWorld, type AftercareWorld } from '../../aftercare/aftercare-world.js';
import { createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, type TestApp, waitForQueuesToDrain } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

/** The table cells (th, td) of the main content that lie (partly) outside the window: none may, also on a phone. */
async function cellsBeyondTheWindow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`Array.from(document.querySelectorAll('main table th, main table td'))
    .filter((cell) => { const box = cell.getBoundingClientRect(); return box.width > 1 && (box.left < -1 || box.right > window.innerWidth + 1); })
    .map((cell) => cell.textContent.trim())`);
}

/**
 * The admin's home says what needs attention the way the other pages do (the rules without a value today, the
 * employers without a payroll tax number, with the page to fix each: that employer's own details), explains the quota's jobs, lists every
 * section the menu has; the survey settings always say what is set; the survey results fit a phone.
 */
describe.each(VIEWPORTS)('admin home and satisfaction pages ($name)', ({ name: device, width, height }) => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let world: AftercareWorld;
  let admin: TestUser;
  const shot = (name: string) => `admin-home-surveys-${device}-${name}`;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' } });
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    testApp.clock.set('2026-03-02T09:00:00Z');
    world = await aftercareWorld(testApp);
    admin = await createUser(testApp, world.organisationId, 'admin');
    const ds = testApp.dataSource;
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries' WHERE id = $1", [world.coach.userId]);
    // Three months into the placement the surveys go out; both are answered.
    testApp.clock.set('2026-05-04T09:00:00Z');
    await testApp.app.get(SurveysService).sendDue();
    await ds.query("UPDATE survey_invitation SET answered_at = '2026-05-05T10:00:00Z', score = 8 WHERE placement_id = $1", [
      world.placementId,
    ]);
    // The day of the user trial.
    testApp.clock.set('2026-12-07T09:00:00Z');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await testApp?.close();
  });

  it('shows the admin home, the survey settings and the survey results, each complete and readable', async () => {
    const page = await signInWithPassword(context, baseUrl, admin.email);
    expect(new URL(page.url()).pathname).toBe('/portal/two-factor');
    const secret = ((await page.textContent('#totp-secret')) ?? '').replace(/\s/g, '');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    await page.fill('#field-code', totp.generate({ timestamp: testApp.clock.now().getTime() }));
    await submit(page, 'form[action="/portal/two-factor/confirmation"] button');

    // A calculation had to guess the minimum wage from 1 July 2026 (as one does when that value is not published yet).
    const parameters = testApp.app.get(RuleParametersService);
    const [latestWage] = (await parameters.list(world.organisationId))
      .filter((row) => row.key === 'minimumWagePerHour')
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom));
    await parameters.noteProvisionalValues(world.organisationId, [
      {
        key: 'minimumWagePerHour',
        scope: latestWage!.scope ?? undefined,
        value: Number(latestWage!.value),
        validFrom: '2026-07-01',
        validTo: null,
        source: latestWage!.source,
        origin: 'provisional',
        provisional: { periodStart: '2026-07-01', lastKnownFrom: latestWage!.validFrom },
      },
    ]);

    // The rules page marks the rules without a value today; the home counts the same ones and links there.
    await page.goto(`${baseUrl}/portal/admin/rule-parameters`);
    // The quota percentage is asked per sector: a sector no source has confirmed is listed without a value, not left
    // out, and its value can be added by choosing the sector by name.
    const market = page.locator('details.rule', { hasText: 'Quotumpercentage (bedrijfsleven)' });
    expect(await market.locator('.rule__value').textContent()).toContain('geen waarde voor vandaag');
    const scopes = await page
      .locator('#field-scope option')
      .evaluateAll((options) => options.map((option) => [option.getAttribute('value'), option.textContent]));
    expect(scopes).toContainEqual(['private', 'Bedrijfsleven']);
    expect(scopes[0]).toEqual(['', 'Voor iedereen']);
    const withoutValue = await page.locator('.rule__value', { hasText: 'geen waarde voor vandaag' }).count();
    expect(withoutValue).toBeGreaterThan(0);
    // "Nog toe te voegen" names every rule marked so (it once named only a value a calculation had guessed).
    const marked = await page
      .locator('details.rule', { has: page.locator('.rule__value', { hasText: 'geen waarde voor vandaag' }) })
      .locator('.rule__name')
      .allTextContents();
    const toAdd = await page.locator('#missing-values-title + ul li strong').allTextContents();
    expect(marked).toHaveLength(withoutValue);
    // The guessed one is named once, by the line that says from when; it is not also listed as "geen waarde".
    const wage = marked.find((name) => name.includes('minimumloon'));
    expect(wage).toBeDefined();
    expect(toAdd.filter((item) => item.includes('minimumloon'))).toEqual([
      'Voeg het minimumloon per 1 juli 2026 toe onder regels en bedragen',
    ]);
    for (const name of marked.filter((name) => name !== wage)) expect(toAdd).toContain(name.trim());
    await page.goto(`${baseUrl}/portal/admin`);
    const rulesItem = page.locator('#attention-title + ul li', { hasText: 'zonder waarde voor vandaag' });
    const rulesText = (await rulesItem.textContent()) ?? '';
    expect(rulesText).toContain(withoutValue === 1 ? 'Er is 1 regel zonder waarde' : `Er zijn ${withoutValue} regels zonder waarde`);
    await expect(rulesItem.locator('a[href="/portal/admin/rule-parameters"]').count()).resolves.toBe(1);

    // The employer with none of the quota's figures: everything missing is named at once (not one field per
    // visit), and the item links to where an admin enters it.
    const quotaRow = page.locator('table.quota-overview tbody tr', { hasText: 'Bakkerij De Korenschoof' });
    expect(await quotaRow.textContent()).toContain(
      'Dit ontbreekt: loonheffingennummer, sector (overheid of bedrijfsleven), betaalde uren per jaar, aantal werknemers.',
    );
    const fix = quotaRow.locator(`a[href="/portal/employers/${world.employerId}/edit"]`);
    expect(await fix.textContent()).toContain('Vul dit in bij de gegevens van Bakkerij De Korenschoof');

    // "Banen" explained, with the hours of one job as the rule parameters have them (not typed into the text).
    const source = await testApp.app.get(RuleParametersService).sourceFor(world.organisationId);
    const perWeek = source.valueOn('quotaJobHoursPerWeek', '2026-12-07').value;
    const explained = (await page.textContent('#quota-jobs-explained')) ?? '';
    expect(explained).toContain('doelgroepregister');
    expect(explained).toContain(`Eén baan telt als ${perWeek.toLocaleString('nl-NL')} uur per week`);

    // Every section of the menu is in "Alle onderdelen" too, Tevredenheid included; the menu has Financiers.
    const menu = await page.locator('nav.site-nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    const sections = await page.locator('.admin-sections a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(menu).toContain('/portal/admin/funders');
    expect(sections).toContain('/portal/admin/surveys');
    expect(menu.filter((href) => href !== '/portal' && !sections.includes(href))).toEqual([]);
    await checkPage(page, shot('home'));

    // The link opens that one employer's details, where the payroll tax number is filled in.
    await fix.click();
    await page.waitForURL((url) => url.pathname === `/portal/employers/${world.employerId}/edit`);
    expect(await page.inputValue('#field-name')).toBe('Bakkerij De Korenschoof');
    await expect(page.locator('#field-payrollTaxNumber').count()).resolves.toBe(1);

    // Survey settings: what is set, in a sentence, before and after saving; a keyboard with a comma.
    await page.goto(`${baseUrl}/portal/admin/surveys`);
    expect(await page.textContent('#survey-settings-summary')).toContain('na 3 en 12 maanden werken. Daarna elke 12 maanden.');
    expect(await page.textContent('#survey-settings-summary')).toContain('standaard van Werkbrug');
    expect(await page.getAttribute('#field-momentMonths', 'inputmode')).toBe('text');
    await checkPage(page, shot('surveys'));
    await page.fill('#field-momentMonths', '3, zes');
    await submit(page, 'form[action="/portal/admin/surveys"] button[type=submit]');
    await expectErrorFor(page, 'momentMonths');
    expect(await page.textContent('#error-momentMonths')).toContain('met een komma, spatie of puntkomma ertussen');
    expect(await page.textContent('#survey-settings-summary')).toContain('na 3 en 12 maanden werken');
    await checkPage(page, shot('surveys-error'));
    await page.fill('#field-momentMonths', '3; 6 12');
    await page.fill('#field-repeatEveryMonths', '0');
    await submit(page, 'form[action="/portal/admin/surveys"] button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('Opgeslagen.');
    const summary = (await page.textContent('#survey-settings-summary')) ?? '';
    expect(summary).toContain('na 3, 6 en 12 maanden werken. Daarna niet meer.');
    expect(summary).not.toContain('standaard van Werkbrug');
    expect(summary).toContain('pas 2 maanden na de vorige keer');
    await checkPage(page, shot('surveys-saved'));
    await waitForQueuesToDrain(testApp);

    // Survey results: every column in view on a phone, and Tevredenheid is the current menu item.
    await page.goto(`${baseUrl}/portal/survey-results?year=2026`);
    await expect(page.locator('nav.site-nav a[aria-current="page"]').getAttribute('href')).resolves.toBe('/portal/admin/surveys');
    expect(await page.textContent('main table')).toContain('Sanne de Vries');
    expect(await cellsBeyondTheWindow(page)).toEqual([]);
    if (width < 768) {
      const label = await page.evaluate<string>(
        `getComputedStyle(document.querySelector('main table tbody td:nth-of-type(4)'), '::before').content`,
      );
      expect(label).toBe('"Cijfer werkgevers: "');
    }
    await checkPage(page, shot('survey-results'));
    await page.close();
  }, 120_000);
});
