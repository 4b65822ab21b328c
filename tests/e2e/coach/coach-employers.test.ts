import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createEmployer, createOrganisation, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

let testApp: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  testApp = await createTestApp();
  await resetState(testApp);
  await testApp.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launchBrowser();
  testApp.clock.set('2026-12-07T09:00:00Z');
});

afterAll(async () => {
  await browser?.close();
  await testApp?.close();
});

/**
 * A jobcoach registers a new employer in the portal (no API, no import file), is told in Dutch what is wrong with a
 * KvK number without losing what was typed, and later adds the payroll tax number the quota needs.
 */
describe.each(VIEWPORTS)('the jobcoach adds and completes an employer ($name)', (viewport) => {
  const { name: device } = viewport;
  let coach: TestUser;
  let context: BrowserContext;
  let page: Page;
  const shot = (name: string) => `coach-employers-${device}-${name}`;

  beforeAll(async () => {
    const organisation = await createOrganisation(testApp.dataSource);
    const team = await createTeam(testApp.dataSource, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    await createEmployer(testApp.dataSource, organisation.id, 'Garage Smit');
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    page = await signInWithPassword(context, baseUrl, coach.email);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('adds an employer, corrects a bad KvK number, then fills in the payroll tax number', async () => {
    // From the menu to the list: an employer without a payroll tax number says so.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/portal/employers'),
      page.click('nav.site-nav a[href="/portal/employers"]'),
    ]);
    await expect(page.locator('nav.site-nav a[aria-current="page"]').getAttribute('href')).resolves.toBe('/portal/employers');
    const garage = page.locator('table.employer-list tbody tr', { hasText: 'Garage Smit' });
    expect(await garage.locator('.employer-list__payroll').textContent()).toContain('Nog niet ingevuld');
    await checkPage(page, shot('list'));

    await Promise.all([page.waitForURL((url) => url.pathname === '/portal/employers/new'), page.click('a[href="/portal/employers/new"]')]);
    await checkPage(page, shot('new'));
    await page.fill('#field-name', 'Bakkerij De Korenschoof');
    await page.fill('#field-kvkNumber', '1234');
    await page.selectOption('#field-sectorType', 'private');
    await page.fill('#field-employeeCount', '42');
    await page.fill('#field-paidHoursPerYear', '68166');
    await page.check('input[name="targetGroupExperience"][value="some"]');
    await submit(page, 'form[action="/portal/employers"] button[type=submit]');

    // A Dutch message naming the field; everything typed is still there.
    await expectErrorFor(page, 'kvkNumber');
    expect(await page.textContent('#error-kvkNumber')).toContain('KvK-nummer: vul 8 cijfers in.');
    expect(await page.inputValue('#field-name')).toBe('Bakkerij De Korenschoof');
    expect(await page.inputValue('#field-kvkNumber')).toBe('1234');
    expect(await page.inputValue('#field-sectorType')).toBe('private');
    expect(await page.inputValue('#field-employeeCount')).toBe('42');
    expect(await page.inputValue('#field-paidHoursPerYear')).toBe('68166');
    expect(await page.isChecked('input[name="targetGroupExperience"][value="some"]')).toBe(true);
    await checkPage(page, shot('new-error'));

    await page.fill('#field-kvkNumber', '12345678');
    await submit(page, 'form[action="/portal/employers"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/portal/employers');
    expect(await page.textContent('[role=status]')).toContain('De werkgever is toegevoegd.');
    const bakery = page.locator('table.employer-list tbody tr', { hasText: 'Bakkerij De Korenschoof' });
    expect(await bakery.textContent()).toContain('12345678');
    expect(await bakery.locator('.employer-list__payroll').textContent()).toContain('Nog niet ingevuld');

    // Later: the payroll tax number, on the prefilled form.
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/edit')), bakery.locator('a[href$="/edit"]').click()]);
    expect(await page.inputValue('#field-name')).toBe('Bakkerij De Korenschoof');
    expect(await page.inputValue('#field-kvkNumber')).toBe('12345678');
    expect(await page.inputValue('#field-paidHoursPerYear')).toBe('68166');
    await checkPage(page, shot('edit'));
    await page.fill('#field-payrollTaxNumber', '123456789L01');
    await submit(page, 'form#employer-details button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/portal/employers');
    expect(await page.textContent('[role=status]')).toContain('De gegevens van de werkgever zijn opgeslagen.');
    expect(
      await page
        .locator('table.employer-list tbody tr', { hasText: 'Bakkerij De Korenschoof' })
        .locator('.employer-list__payroll')
        .textContent(),
    ).toContain('123456789L01');
    await checkPage(page, shot('list-saved'));
  }, 120_000);

  it('adds an address and a contact person on the employer page, corrects a postcode, and removes the address again', async () => {
    const bakery = page.locator('table.employer-list tbody tr', { hasText: 'Bakkerij De Korenschoof' });
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/edit')), bakery.locator('a[href$="/edit"]').click()]);
    const employerPath = new URL(page.url()).pathname.replace(/\/edit$/, '');
    expect(await page.textContent('#addresses-title + p + p')).toContain('Er is nog geen adres.');

    await page.fill('#field-street', 'Oudegracht');
    await page.fill('#field-houseNumber', '12a');
    await page.fill('#field-postcode', '35 11');
    await page.fill('#field-city', 'Utrecht');
    await submit(page, `form[action="${employerPath}/addresses"] button[type=submit]`);
    await expectErrorFor(page, 'postcode');
    expect(await page.inputValue('#field-street')).toBe('Oudegracht');
    await checkPage(page, shot('address-error'));
    await page.fill('#field-postcode', '3511 ab');
    await submit(page, `form[action="${employerPath}/addresses"] button[type=submit]`);
    expect(await page.textContent('[role=status]')).toContain('Het adres is toegevoegd.');
    expect(await page.textContent('.employer-addresses')).toContain('3511 AB Utrecht');

    await page.fill('#field-contactName', 'Joke de Vries');
    await page.fill('#field-contactRole', 'Bedrijfsleider');
    await page.fill('#field-contactEmail', 'joke@korenschoof.nl');
    await page.fill('#field-contactPhone', '030 123 45 67');
    await submit(page, `form[action="${employerPath}/contact-persons"] button[type=submit]`);
    expect(await page.textContent('[role=status]')).toContain('De contactpersoon is toegevoegd.');
    const contact = page.locator('.employer-contacts li', { hasText: 'Joke de Vries' });
    await expect(contact.locator('a[href="mailto:joke@korenschoof.nl"]').count()).resolves.toBe(1);
    await checkPage(page, shot('address-and-contact'));

    await submit(page, `form[action="${employerPath}/addresses/0/removal"] button[type=submit]`);
    expect(await page.textContent('[role=status]')).toContain('Het adres is verwijderd.');
    await expect(page.locator('.employer-addresses').count()).resolves.toBe(0);
    // The details form still saves on the version the list changes left.
    await submit(page, 'form#employer-details button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('De gegevens van de werkgever zijn opgeslagen.');
  }, 120_000);
});
