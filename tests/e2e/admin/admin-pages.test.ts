import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { AdminPagesModule } from '../../../src/portal/admin/admin-pages.module.js';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { createEmployer, createOrganisation, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, submit } from '../browser-support.js';

describe('admin pages', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let admin: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [CoachPagesModule, AdminPagesModule] });
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchBrowser();
    const organisation = await createOrganisation(testApp.dataSource);
    await createTeam(testApp.dataSource, organisation.id);
    await createEmployer(testApp.dataSource, organisation.id);
    admin = await createUser(testApp, organisation.id, 'admin');
    await createUser(testApp, organisation.id, 'jobcoach');
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lets an admin with the second factor manage users, rule parameters and see imports, accessibly', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    // The fixture's session has the second factor confirmed; the page sign-in would ask for TOTP.
    await context.addCookies([{ name: 'wb_session', value: admin.token, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/portal`);
    expect(new URL(page.url()).pathname).toBe('/portal/admin');
    // An organisation's admin is not a platform operator: no link to the installation's queue dashboard.
    expect(await page.locator('a[href="/admin/queues"]').count()).toBe(0);
    await checkPage(page, 'admin-home');

    await page.goto(`${baseUrl}/portal/admin/users`);
    await checkPage(page, 'admin-users');
    await page.fill('#field-email', 'geen-adres');
    await page.fill('#field-displayName', 'Sanne de Vries');
    await submit(page, 'form[action="/portal/admin/invitations"] button');
    await expectErrorFor(page, 'email');
    expect(await page.inputValue('#field-displayName')).toBe('Sanne de Vries');
    expect(await page.inputValue('#field-email')).toBe('geen-adres');
    await checkPage(page, 'admin-users-errors');
    await page.fill('#field-email', 'sanne@werkfit.test');
    await submit(page, 'form[action="/portal/admin/invitations"] button');
    expect(await page.textContent('[role=status]')).toContain('sanne@werkfit.test');
    expect(await page.textContent('table')).toContain('Sanne de Vries');

    await page.goto(`${baseUrl}/portal/admin/rule-parameters`);
    await checkPage(page, 'admin-rule-parameters');
    await page.selectOption('#field-key', 'reassessmentIntervalMonths');
    await page.fill('#field-valueNumber', '6');
    await page.fill('#field-validFrom', '2026-02-01');
    await submit(page, 'form[action="/portal/admin/rule-parameters"] button');
    await expectErrorFor(page, 'source');
    expect(await page.inputValue('#field-valueNumber')).toBe('6');
    await checkPage(page, 'admin-rule-parameters-errors');
    await page.fill('#field-source', 'Besluit managementteam, 12 januari 2026');
    await submit(page, 'form[action="/portal/admin/rule-parameters"] button');
    expect(await page.textContent('[role=status]')).toContain('herbeoordeling loonwaarde na (maanden)');

    // The admin ends and then withdraws the organisation's own value, in the page.
    const ownRow = page.locator('tr:has(form[action$="/end"])');
    await expect(ownRow.count()).resolves.toBe(1);
    await ownRow.locator('input[name=validTo]').fill('2026-12-31');
    await submit(page, 'tr form[action$="/end"] button');
    expect(new URL(page.url()).search).toBe('?changed=ended');
    expect(await page.textContent('[role=status]')).toContain('einddatum');
    expect(await ownRow.textContent()).toContain('31 december 2026');
    await checkPage(page, 'admin-rule-parameters-ended');
    await submit(page, 'tr form[action$="/withdrawal"] button');
    expect(await page.textContent('[role=status]')).toContain('ingetrokken');
    await expect(page.locator('tr form[action$="/withdrawal"]').count()).resolves.toBe(0);
    const [stored] = await testApp.dataSource.query(
      "SELECT valid_to::text AS valid_to, withdrawn_at IS NOT NULL AS withdrawn FROM organisation_rule_parameter WHERE key = 'reassessmentIntervalMonths'",
    );
    expect(stored).toEqual({ valid_to: '2026-12-31', withdrawn: true });

    await page.goto(`${baseUrl}/portal/admin/imports`);
    await checkPage(page, 'admin-imports');
    await context.close();
  }, 240_000);
});
