import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createOrganisation, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, waitForQueuesToDrain } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, submit } from '../browser-support.js';

describe('admin import page in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let admin: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' } });
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchBrowser();
    organisationId = (await createOrganisation(testApp.dataSource)).id;
    admin = await createUser(testApp, organisationId, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('uploads a spreadsheet export with the form, shows a wrong column at the file field, and the run on the page', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.addCookies([{ name: 'wb_session', value: admin.token, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/portal/admin/imports`);
    await checkPage(page, 'admin-imports-form');

    await page.selectOption('#field-kind', 'participants');
    await page.setInputFiles('#field-file', {
      name: 'deelnemers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('externalReference,firstName,lastName,schoenmaat\nCRM-1,Fatima,El Amrani,38\n'),
    });
    await submit(page, 'form[action="/portal/admin/imports"] button');
    await expectErrorFor(page, 'file');
    expect(await page.textContent('.error-summary')).toContain('schoenmaat');
    expect(await page.inputValue('#field-kind')).toBe('participants');
    await checkPage(page, 'admin-imports-errors');

    await page.setInputFiles('#field-file', {
      name: 'deelnemers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('externalReference,firstName,lastName\nCRM-1,Fatima,El Amrani\nCRM-2,Piet,Jansen\n'),
    });
    await submit(page, 'form[action="/portal/admin/imports"] button');
    expect(new URL(page.url()).pathname).toBe('/portal/admin/imports');
    expect(await page.textContent('[role=status]')).toContain('Het bestand is ontvangen');
    await waitForQueuesToDrain(testApp);
    await eventually(async () => {
      const [run] = await testApp.dataSource.query('SELECT status FROM import_run WHERE organisation_id = $1', [organisationId]);
      return run?.status === 'completed';
    });
    await page.reload();
    expect(await page.textContent('.card')).toContain('2 van 2 regels verwerkt');
    await checkPage(page, 'admin-imports-started');
    const [{ count }] = await testApp.dataSource.query('SELECT count(*)::int AS count FROM participant WHERE organisation_id = $1', [
      organisationId,
    ]);
    expect(count).toBe(2);

    // A Dutch export without the first name: refused before any row is read, the column named in Dutch.
    await page.selectOption('#field-kind', 'participants');
    await page.setInputFiles('#field-file', {
      name: 'deelnemers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Kenmerk;Achternaam\nCRM-1;El Amrani\n'),
    });
    await submit(page, 'form[action="/portal/admin/imports"] button');
    await expectErrorFor(page, 'file');
    expect(await page.textContent('.error-summary')).toContain('De kolom ‘Voornaam’ ontbreekt');

    // The same people again, one with a new last name: that row is updated, and the page says which column changed.
    await page.selectOption('#field-kind', 'participants');
    await page.setInputFiles('#field-file', {
      name: 'deelnemers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Kenmerk;Voornaam;Achternaam\nCRM-1;Fatima;El Amrani\nCRM-2;Piet;Jansen-Smit\n'),
    });
    await submit(page, 'form[action="/portal/admin/imports"] button');
    await waitForQueuesToDrain(testApp);
    await eventually(async () => {
      const runs = await testApp.dataSource.query('SELECT status FROM import_run WHERE organisation_id = $1', [organisationId]);
      return runs.length === 2 && runs.every((run: { status: string }) => run.status === 'completed');
    });
    await page.reload();
    const newest = page.locator('.card').first();
    expect(await newest.textContent()).toContain('0 nieuw, 1 bijgewerkt, 1 al bekend en niet veranderd, 0 afgewezen');
    await newest.locator('details.updates summary').click();
    expect(await newest.locator('details.updates table').textContent()).toMatch(/3\s*Achternaam/);
    await checkPage(page, 'admin-imports-updated');
    await context.close();
  }, 240_000);
});
