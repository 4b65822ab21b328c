import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ReportPagesModule } from '../../../src/portal/reports/report-pages.module.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { type ReportWorld, SECRET_NAME, seedReportWorld, TODAY } from '../../reports/report-world.js';
import { checkPage, launchBrowser, signInWithPassword, VIEWPORTS } from '../browser-support.js';

/**
 * Every header and cell of the report tables lies within the window and shows its text whole: on a phone each
 * row is a card with every cell labelled (the column headers are there for a screen reader only), so nothing
 * hides to the right of a scroll box.
 */
async function expectTablesInWindow(page: Page): Promise<void> {
  const found = await page.evaluate<{
    cells: number;
    outside: string[];
    unlabelled: string[];
  }>(`(() => {
    const width = document.documentElement.clientWidth;
    const outside = [];
    const unlabelled = [];
    const cells = Array.from(document.querySelectorAll('main table th, main table td'));
    for (const cell of cells) {
      const head = cell.closest('thead');
      // A header row shown for a screen reader only (the cards label each cell): not on screen, so nothing to cut off.
      if (head && getComputedStyle(head).clipPath !== 'none') continue;
      const box = cell.getBoundingClientRect();
      const text = (cell.textContent || '').trim();
      if (box.left < -0.5 || box.right > width + 0.5 || cell.scrollWidth > cell.clientWidth + 1)
        outside.push(text + ' [' + Math.round(box.left) + '-' + Math.round(box.right) + ' of ' + width + ']');
      if (cell.tagName === 'TD' && width < 768 && !(cell.getAttribute('data-label') || '').trim()) unlabelled.push(text);
    }
    return { cells: cells.length, outside, unlabelled };
  })()`);
  expect(found.cells).toBeGreaterThan(20);
  expect(found.outside).toEqual([]);
  expect(found.unlabelled).toEqual([]);
}

/**
 * A funder (someone of a municipality) signs in and reads the results of the
 * trajectories it pays for: charts with a table under each, small numbers as
 * "< 5" (a rate or median over them as "–"), never a name; on a phone and a desktop.
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
    // The funnel and the retention; Noord's check-ins are under 5 a month, so that part is one sentence, no chart.
    await expect(page.locator('svg.chart').count()).resolves.toBe(2);
    expect(main).toContain('Per maand gaat het om minder dan 5 gesprekken.');
    // The risk table names every reason in words (codes never), each "< 5", also the ones that did not occur.
    const risks = await page.locator('section[aria-labelledby=risks-title] tbody th').allTextContents();
    // Health-related reasons are one row for a funder; the early warning's rules follow in a table of their own.
    expect(risks.map((text) => text.trim())).toEqual([
      'Plaatsingen met een risico',
      'Te laat komen',
      'Gezondheid en welzijn',
      'Onenigheid over uren',
      'Werk te zwaar',
      'Werk te licht',
      'Productiedruk',
      'Problemen met loon',
      'Contact verloren',
      'Weinig uren per week',
      'Nazorggesprekken op rij gemist',
      'Minder contact dan afgesproken',
      'Contract loopt af, nog geen gesprek over verlenging',
      'Laag cijfer voor de begeleiding',
    ]);
    const riskCounts = await page.locator('section[aria-labelledby=risks-title] tbody td').allTextContents();
    expect(new Set(riskCounts.map((text) => text.trim()))).toEqual(new Set(['< 5']));
    await expectTablesInWindow(page);
    await checkPage(page, shot('reports'));
  });

  it('reads the chart text and the table captions on its screen: text at least 12 px, captions whole, outside the scroll boxes', async () => {
    await page.goto(`${baseUrl}/portal/reports?from=2025-01-01&to=2026-12-01`);
    // The size a chart's text is drawn at: its font size in the drawing, times how much the drawing is scaled.
    const texts = await page.evaluate<
      Array<{ text: string; px: number }>
    >(`(() => Array.from(document.querySelectorAll('svg.chart text')).map((text) => {
      const svg = text.ownerSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return { text: (text.textContent || '').trim(), px: Math.round(parseFloat(getComputedStyle(text).fontSize) * scale * 10) / 10 };
    }))()`);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((text) => text.px < 12)).toEqual([]);
    const viewport = page.viewportSize()!.width;
    const captions = await page.evaluate<
      Array<{ text: string; left: number; right: number; inScrollBox: boolean; clipped: boolean }>
    >(`(() =>
      Array.from(document.querySelectorAll('main caption, main .table-caption')).map((caption) => {
        const box = caption.getBoundingClientRect();
        return {
          text: (caption.textContent || '').trim(),
          left: Math.round(box.left),
          right: Math.round(box.right),
          inScrollBox: !!caption.closest('.table-scroll'),
          clipped: caption.scrollWidth > caption.clientWidth + 1,
        };
      }))()`);
    // Trajectories, time between steps, still working, risks (the other parts are one sentence each for Noord).
    expect(captions.length).toBeGreaterThanOrEqual(4);
    expect(captions.filter((caption) => caption.inScrollBox || caption.left < 0 || caption.right > viewport || caption.clipped)).toEqual(
      [],
    );
    // Each table is still named by its caption.
    const names = await page.evaluate<string[]>(`(() => Array.from(document.querySelectorAll('main table')).map((table) =>
      (document.getElementById(table.getAttribute('aria-labelledby') || '')?.textContent || '').trim()))()`);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.filter((name) => !name)).toEqual([]);
    // A suppressed rate reads "–", explained beside its table.
    const later = page.locator('section[aria-labelledby=funnel-title] tbody tr', { hasText: 'Na 6 maanden nog aan het werk' });
    await expect(later.locator('td').nth(2).locator('span[aria-hidden=true]').textContent()).resolves.toBe('–');
    await expect(page.locator('#funnel-legend').textContent()).resolves.toContain('niet getoond, want het gaat om minder dan 5 mensen');
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

  it('shows a team lead every table, the widest ones too, with every header and cell in the window', async () => {
    // Two early-warning risks, so the warnings table is there too.
    for (const [key, rule] of [
      ['P1', 'low_hours'],
      ['P5', 'missed_checkins'],
    ] as const) {
      await testApp.dataSource.query(
        `INSERT INTO placement_risk (organisation_id, placement_id, participant_id, rule, occurrence, details, reason, next_action, raised_at)
         VALUES ($1, $2, $3, $4, 'e2e', '{}', 'Reden', 'Volgende stap', '2025-10-01T09:00:00Z')`,
        [world.organisationId, world.placementIds[key], world.participantIds[key], rule],
      );
    }
    const staffContext = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    try {
      // The team lead of Team Noord (an admin would first set up two-factor sign-in).
      const staff = await signInWithPassword(staffContext, baseUrl, world.teamLead.email);
      await staff.goto(`${baseUrl}/portal/reports?from=2025-01-01&to=2026-12-01`);
      // The time per step (with its long last column), the check-ins per coach and the help requests (seven columns).
      const tables: Record<string, number> = {};
      for (const section of ['steps-title', 'aftercare-title', 'help-title', 'risks-title'])
        tables[section] = await staff.locator(`section[aria-labelledby=${section}] table`).count();
      expect({ url: staff.url(), tables }).toEqual({
        url: `${baseUrl}/portal/reports?from=2025-01-01&to=2026-12-01`,
        tables: { 'steps-title': 1, 'aftercare-title': 1, 'help-title': 1, 'risks-title': 2 },
      });
      await expectTablesInWindow(staff);
      if (viewport.width < 768) {
        // On a phone a step reads as a card: each figure with its column's name beside it, the last one in full.
        const label = await staff.evaluate<string>(`(() => {
          const cell = document.querySelector('section[aria-labelledby=steps-title] tbody tr td:last-child');
          return cell ? getComputedStyle(cell, '::before').content : '';
        })()`);
        expect(label).toBe('"Niet meegeteld: tweede stap was eerder: "');
        // A figure with nothing to show (the first step has no conversion) is left out of the card, not a bare label.
        const bareLabels = await staff.evaluate<string[]>(`(() => [...document.querySelectorAll('table.stacked-table td')]
          .filter((cell) => getComputedStyle(cell).display !== 'none' && cell.textContent.trim() === '')
          .map((cell) => cell.getAttribute('data-label')))()`);
        expect(bareLabels).toEqual([]);
      }
      const warnings = await staff.locator('section[aria-labelledby=risks-title] table').last().locator('tbody th').allTextContents();
      expect(warnings.map((text) => text.trim())).toEqual(['Weinig uren per week', 'Nazorggesprekken op rij gemist']);
      await checkPage(staff, shot('reports-staff'));
    } finally {
      await staffContext.close();
    }
  });
});
