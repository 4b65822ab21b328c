import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { createEmployer, createOrganisation, createTeam, createUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, waitForQueuesToDrain } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

describe('an admin runs the organisation in the browser, from the first sign-in', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' } });
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  describe.each(VIEWPORTS)('op $name ($width×$height)', ({ width, height }) => {
    let admin: TestUser;
    let coach: TestUser;
    let organisationId: string;

    beforeAll(async () => {
      organisationId = (await createOrganisation(testApp.dataSource)).id;
      await createTeam(testApp.dataSource, organisationId);
      await createEmployer(testApp.dataSource, organisationId);
      admin = await createUser(testApp, organisationId, 'admin');
      coach = await createUser(testApp, organisationId, 'jobcoach');
    });

    /** Axe, no sideways scrolling, plain Dutch, a screenshot (checkPage adds the width to its name). */
    async function check(page: Page, step: string): Promise<void> {
      await checkPage(page, `admin-${step}`);
    }

    it('sets up two-factor sign-in, manages users, rules and an import, and signs in again with a recovery code', async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      context.setDefaultTimeout(10_000);

      // First sign-in: led to set up two-factor sign-in, with no menu that only leads to refusals.
      const page = await signInWithPassword(context, baseUrl, admin.email);
      expect(new URL(page.url()).pathname).toBe('/portal/two-factor');
      await expect(page.locator('nav.site-nav').count()).resolves.toBe(0);
      await expect(page.locator('.qr-code svg').count()).resolves.toBe(1);
      await check(page, 'two-factor');
      // Another admin page leads back here, not to "U heeft geen toegang".
      await page.goto(`${baseUrl}/portal/admin/users`);
      expect(new URL(page.url()).pathname).toBe('/portal/two-factor');

      const secret = ((await page.textContent('#totp-secret')) ?? '').replace(/\s/g, '');
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
      const code = totp.generate({ timestamp: testApp.clock.now().getTime() });
      await page.fill('#field-code', code === '000000' ? '111111' : '000000');
      await submit(page, 'form[action="/portal/two-factor/confirmation"] button');
      await expectErrorFor(page, 'code');
      expect(await page.textContent('#error-code')).toContain('Deze code klopt niet');
      await check(page, 'two-factor-errors');
      await page.fill('#field-code', code);
      await submit(page, 'form[action="/portal/two-factor/confirmation"] button');
      expect(new URL(page.url()).pathname).toBe('/portal/two-factor/recovery-codes');
      expect(await page.textContent('[role=status]')).toContain('staat nu aan');
      const recoveryCodes = await page.locator('.recovery-codes code').allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await check(page, 'recovery-codes');
      // Shown once: a second visit shows the state, not the codes.
      await page.reload();
      expect(new URL(page.url()).pathname).toBe('/portal/two-factor');
      await expect(page.locator('.recovery-codes').count()).resolves.toBe(0);
      await page.click(`a[href="/portal/admin"]`);
      expect(new URL(page.url()).pathname).toBe('/portal/admin');
      expect(await page.textContent('#attention-title')).toContain('Wat nu uw aandacht vraagt');
      await check(page, 'home');

      // Users: invite (a wrong address first), then the invited person's and the coach's accounts.
      await page.click('nav.site-nav a[href="/portal/admin/users"]');
      await check(page, 'users');
      // Every column of every account is in view, also on a phone: no cell lies beyond the window's edge (hidden
      // in a box that scrolls sideways), and on a phone each value says which column it is.
      const beyondEdge = await page.evaluate<string[]>(`Array.from(document.querySelectorAll('main table tbody td, main table tbody th'))
        .filter((cell) => { const box = cell.getBoundingClientRect(); return box.width === 0 || box.right > document.documentElement.clientWidth + 1; })
        .map((cell) => cell.textContent.trim())`);
      expect(beyondEdge).toEqual([]);
      if (width < 768) {
        const label = await page.evaluate<string>(`getComputedStyle(document.querySelector('main table tbody td'), '::before').content`);
        expect(label).toBe('"E-mailadres: "');
      }
      await page.fill('#field-email', 'geen-adres');
      await page.fill('#field-displayName', 'Sanne de Vries');
      await submit(page, 'form[action="/portal/admin/invitations"] button');
      await expectErrorFor(page, 'email');
      expect(await page.textContent('#error-email')).toContain('Vul een e-mailadres in');
      expect(await page.inputValue('#field-displayName')).toBe('Sanne de Vries');
      await check(page, 'users-errors');
      const invitee = `sanne-${width}@werkfit.test`;
      await page.fill('#field-email', invitee);
      await page.selectOption('#field-role', 'jobcoach');
      await submit(page, 'form[action="/portal/admin/invitations"] button');
      expect(new URL(page.url()).searchParams.has('invited')).toBe(true);
      expect(await page.textContent('[role=status]')).toContain(invitee);

      await page.click('table a:has-text("Sanne de Vries")');
      await check(page, 'user-invited');
      await submit(page, 'form[action$="/invitation"] button');
      expect(await page.textContent('[role=status]')).toContain(`${invitee} heeft een nieuwe uitnodiging`);
      const [{ invitations }] = await testApp.dataSource.query(
        "SELECT count(*)::int AS invitations FROM mail_message WHERE recipient = $1 AND template = 'invitation'",
        [invitee],
      );
      expect(invitations).toBe(2);

      await page.goto(`${baseUrl}/portal/admin/users`);
      await page.click(`table tr:has-text("${coach.email}") a`);
      await page.selectOption('#field-role', 'team_lead');
      await submit(page, 'form[action$="/role"] button');
      expect(await page.textContent('[role=status]')).toContain('De rol van');
      expect(await page.textContent('dl.facts')).toContain('Teamleider');
      await check(page, 'user-role-changed');
      await submit(page, 'form[action$="/status"] button');
      expect(await page.textContent('[role=status]')).toContain('kan niet meer inloggen');
      await check(page, 'user-disabled');
      const [member] = await testApp.dataSource.query('SELECT role, status FROM membership WHERE id = $1', [coach.membershipId]);
      expect(member).toEqual({ role: 'team_lead', status: 'disabled' });
      await submit(page, 'form[action$="/status"] button');
      expect(await page.textContent('[role=status]')).toContain('staat weer aan');

      // Rules and amounts: what applies now, history on demand, the organisation's own value added, ended.
      await page.click('nav.site-nav a[href="/portal/admin/rule-parameters"]');
      await check(page, 'rule-parameters');
      const pageHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
      expect(pageHeight).toBeLessThan(5000);
      const minimumWage = page.locator('details.rule', { hasText: 'Wettelijk minimumloon per uur' });
      expect(await minimumWage.locator('summary').textContent()).toMatch(/€ \d+,\d{2}/);
      expect(await minimumWage.locator('summary').textContent()).toMatch(/vanaf \d+ \w+ 20\d\d/);
      await minimumWage.locator('summary').click();
      await expect(minimumWage.locator('table tbody tr').count()).resolves.toBeGreaterThan(1);
      // The history fits the screen: on a phone a card per value, not a wide table in a scroll box.
      const history = minimumWage.locator('.table-scroll');
      const [scrollWidth, clientWidth] = await history.evaluate((box) => [box.scrollWidth, box.clientWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await check(page, 'rule-parameters-history');
      await page.click('details.add-rule summary');
      await page.selectOption('#field-key', 'reassessmentIntervalMonths');
      await page.fill('#field-valueNumber', '6');
      await page.fill('#field-validFrom', '2026-02-01');
      await submit(page, 'form[action="/portal/admin/rule-parameters"] button');
      await expectErrorFor(page, 'source');
      expect(await page.inputValue('#field-valueNumber')).toBe('6');
      await check(page, 'rule-parameters-errors');
      await page.fill('#field-source', 'Besluit managementteam, 12 januari 2026');
      await submit(page, 'form[action="/portal/admin/rule-parameters"] button');
      expect(await page.textContent('[role=status]')).toContain('herbeoordeling loonwaarde na (maanden)');
      const own = page.locator('li.own-rule');
      await own.locator('input[name=validTo]').fill('2026-12-31');
      await submit(page, 'li.own-rule form[action$="/end"] button');
      expect(await page.textContent('[role=status]')).toContain('einddatum');
      expect(await own.textContent()).toContain('vanaf 1 februari 2026 tot en met 31 december 2026');
      await check(page, 'rule-parameters-ended');

      // Import: a Dutch Excel file (semicolons, Dutch names, the coach by e-mail) with one row that cannot go in.
      await page.click('nav.site-nav a[href="/portal/admin/imports"]');
      expect(await page.textContent('main')).not.toContain('/v1/');
      await check(page, 'imports');
      await page.selectOption('#field-kind', 'participants');
      await page.setInputFiles('#field-file', {
        name: 'deelnemers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `\ufeffKenmerk;Voornaam;Achternaam;Geboortedatum;E-mailadres coach\r\nCRM-1;Fatima;El Amrani;15-1-1990;${coach.email}\r\nCRM-2;Piet;Jansen;;onbekend@elders.nl\r\n`,
        ),
      });
      await submit(page, 'form[action="/portal/admin/imports"] button');
      expect(await page.textContent('[role=status]')).toContain('Het bestand is ontvangen');
      await waitForQueuesToDrain(testApp);
      await eventually(async () => {
        const [run] = await testApp.dataSource.query('SELECT status FROM import_run WHERE organisation_id = $1', [organisationId]);
        return run?.status === 'completed';
      });
      await page.reload();
      const rejected = page.locator('details.rejections table tbody tr');
      await expect(rejected.count()).resolves.toBe(1);
      expect(await rejected.textContent()).toMatch(/^3E-mailadres coachDit e-mailadres is niet van een jobcoach/);
      await check(page, 'imports-rejected');
      const download = await page.request.get(`${baseUrl}${await page.getAttribute('details.rejections a[download]', 'href')}`);
      expect(download.status()).toBe(200);
      expect((await download.text()).replace(/^\ufeff/, '')).toContain(
        '3;E-mailadres coach;Dit e-mailadres is niet van een jobcoach of teamleider van uw organisatie.',
      );

      // Home now says what needs attention: the rejected row, the open invitation.
      await page.click('nav.site-nav a[href="/portal"]');
      const attention = (await page.textContent('#attention-title + ul')) ?? '';
      expect(attention).toContain('Bij een import van deelnemers is 1 regel afgewezen.');
      expect(attention).toContain('1 uitnodiging is nog niet gebruikt.');
      await check(page, 'home-attention');

      // Signed out, the admin signs in again with a recovery code instead of the app's code.
      await submit(page, 'form[action="/portal/sign-out"] button');
      await page.goto(`${baseUrl}/portal/sign-in`);
      await page.fill('#field-email', admin.email);
      await page.fill('#field-password', TEST_PASSWORD);
      await page.fill('#field-totpCode', recoveryCodes[0]!);
      await submit(page, 'form[action="/portal/sign-in"] button[type=submit]');
      expect(new URL(page.url()).pathname).toBe('/portal/admin');
      await context.close();
    }, 240_000);
  });
});
