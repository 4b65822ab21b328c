import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ReportPagesModule } from '../../../src/portal/reports/report-pages.module.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { type ReportWorld, SECRET_NAME, seedReportWorld, TODAY } from '../../reports/report-world.js';
import { checkPage, launchBrowser, signInWithPassword, VIEWPORTS } from '../browser-support.js';

/**
 * A funder (someone of a municipality) signs in and reads the results of the
 * trajectories it pays for: charts with a table under each, small numbers as
 * "< 5", never a name; on a phone and a desktop.
 */
describe.each(VIEWPORTS)('funder report page in a browser ($name)', (viewport) => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let world: ReportWorld;
  const shot = (name: string) => `funder-${name}-${viewport.name}`;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ReportPagesModule] });
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    const address = testApp.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    testApp.clock.set(TODAY);
    world = await seedReportWorld(testApp);
    await testApp.dataSource.query("UPDATE user_account SET display_name = 'Mirjam de Graaf' WHERE id = $1", [world.noordUser.userId]);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    page = await signInWithPassword(context, baseUrl, world.noordUser.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await testApp?.close();
  });

  it('lands on the results of its own trajectories, small numbers as "< 5", no names', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/reports');
    // The page opens on this year; Noord's people registered in 2025.
    await expect(page.inputValue('#field-from')).resolves.toBe('2026-01-01');
    await page.goto(`${baseUrl}/portal/reports?from=2025-01-01&to=2026-12-01`);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Gemeente Noord');
    expect(main).toContain('< 5');
    expect(main).not.toContain(SECRET_NAME);
    expect(main).not.toContain('UWV');
    await expect(page.locator('svg.chart').count()).resolves.toBeGreaterThanOrEqual(3);
    await checkPage(page, shot('reports'));
  });

  it('chooses a period and a target group, and sees the figures for them', async () => {
    await page.fill('#field-from', '2025-01-01');
    await page.fill('#field-to', '2026-12-01');
    await page.selectOption('#field-targetGroup', 'wajong');
    await Promise.all([page.waitForURL(/targetGroup=wajong/), page.click('form.year-form button[type=submit]')]);
    const registered = page.locator('section[aria-labelledby=funnel-title] tbody tr').first();
    // Seven of Noord's nine are Wajong; the two under the Participatiewet are left out.
    await expect(registered.locator('td').first().textContent()).resolves.toBe('7');
    await checkPage(page, shot('reports-filtered'));
  });

  it('downloads the CSV from the page', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href^="/portal/reports/export?"][href*="format=csv"]'),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path!, 'utf8');
    expect(text).toContain('< 5');
    expect(text).not.toContain(SECRET_NAME);
  });
});
