import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ParticipantPagesModule } from '../../../src/portal/participant/participant-pages.module.js';
import { EmployerPagesModule } from '../../../src/portal/employer/employer-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithLink, VIEWPORTS } from '../browser-support.js';

describe.each(VIEWPORTS)('participant pages in a browser ($name)', ({ width, height }) => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let coach: TestUser;
  let participant: TestUser;
  let checkinId: string;
  let helpRequestId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ParticipantPagesModule, EmployerPagesModule] });
    await testApp.app.listen(0, '127.0.0.1');
    const address = testApp.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    testApp.clock.set('2026-03-02T09:00:00Z');
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries', phone = '06 12345678' WHERE id = $1", [coach.userId]);
    const participantId = await createParticipant(ds, organisation.id, coach.membershipId);
    participant = await createUser(testApp, organisation.id, 'participant', { participantId });
    await ds.query("UPDATE user_account SET display_name = 'Fatima El Amrani' WHERE id = $1", [participant.userId]);
    const employerId = await createEmployer(ds, organisation.id);
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-02', 'fixed_term', 24) RETURNING id`,
      [organisation.id, participantId, employerId, coach.membershipId],
    );
    const [checkin] = await ds.query(
      "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, $3, '2026-03-16', 'planned') RETURNING id",
      [organisation.id, placement.id, coach.membershipId],
    );
    checkinId = checkin.id;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL' });
    page = await signInWithLink(context, baseUrl, ds, participant.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await testApp?.close();
  });

  it('shows my coach, my next check-in and one big help button', async () => {
    await page.goto(`${baseUrl}/portal/me`);
    const text = await page.textContent('main');
    expect(text).toContain('Sanne de Vries');
    expect(text).toContain('06 12345678');
    expect(text).toContain('16 maart 2026');
    await expect(page.locator('a.big-button[href="/portal/help"]').textContent()).resolves.toContain('Ik wil hulp');
    await checkPage(page, 'participant-home');
  });

  it('says when no handover meeting is planned yet', async () => {
    await page.goto(`${baseUrl}/portal/handover`);
    await expect(page.textContent('main')).resolves.toContain('Er is nog geen overdrachtsgesprek gepland.');
    await checkPage(page, 'participant-no-handover');
  });

  it('finds the accessibility statement from the footer: what was tested, how, and what does not comply yet', async () => {
    await page.goto(`${baseUrl}/portal/me`);
    await Promise.all([page.waitForURL((url) => url.pathname === '/toegankelijkheid'), page.click('footer a[href="/toegankelijkheid"]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Toegankelijkheidsverklaring');
    const headings = await page.locator('main h2').allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['Status: voldoet gedeeltelijk', 'Hoe wij testen', 'Wat nog niet goed is']));
    await checkPage(page, 'accessibility-statement');
    await page.goto(`${baseUrl}/portal/me`);
  });

  it('asks for help from a phone: errors first, then sent', async () => {
    await page.click('a.big-button[href="/portal/help"]');
    await page.waitForURL(`${baseUrl}/portal/help`);
    await checkPage(page, 'participant-help');
    // Only the text: the three questions are missing, and the text stays.
    await page.fill('#field-body', 'Mijn rooster is veranderd, nu ook avonden.');
    await page.click('form[action="/portal/help"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expect(page.inputValue('#field-body')).resolves.toBe('Mijn rooster is veranderd, nu ook avonden.');
    await checkPage(page, 'participant-help-errors');
    await expectErrorFor(page, 'category');
    await expectErrorFor(page, 'urgency');

    await page.check('input[name=category][value=work]');
    await page.check('input[name=urgency][value=normal]');
    await page.check('input[name=preferredChannel][value=phone]');
    await page.fill('#field-preferredTime', 'Na 16:00 uur');
    await Promise.all([
      page.waitForURL(/\/portal\/help\/requests\/[0-9a-f-]+\?sent=1/),
      page.click('form[action="/portal/help"] button[type=submit]'),
    ]);
    helpRequestId = /requests\/([0-9a-f-]+)/.exec(page.url())![1];
    const text = await page.textContent('main');
    expect(text).toContain('Uw hulpvraag is verstuurd');
    expect(text).toContain('Mijn rooster is veranderd, nu ook avonden.');
    await checkPage(page, 'participant-help-request');
  });

  it('keeps a reply that is too long and shows the error', async () => {
    const long = 'x'.repeat(2001);
    await page.fill('#field-body', long);
    await page.click(`form[action="/portal/help/requests/${helpRequestId}/messages"] button[type=submit]`);
    await page.waitForSelector('.error-summary');
    await expect(page.inputValue('#field-body')).resolves.toBe(long);
    await checkPage(page, 'participant-help-reply-errors');
    await expectErrorFor(page, 'body');
  });

  it('later sees the coach acknowledge the request', async () => {
    const response = await fetch(`${baseUrl}/v1/help-requests/${helpRequestId}/messages`, {
      method: 'POST',
      headers: { ...coach.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Ik bel u morgen om 16:30 uur. Lukt dat?' }),
    });
    expect(response.status).toBe(201);
    await page.goto(`${baseUrl}/portal/help/requests`);
    await expect(page.textContent('main')).resolves.toContain('Gelezen');
    await checkPage(page, 'participant-help-requests');
    await page.click(`a[href="/portal/help/requests/${helpRequestId}"]`);
    const text = await page.textContent('main');
    expect(text).toContain('Ik bel u morgen om 16:30 uur. Lukt dat?');
    expect(text).toContain('Sanne de Vries');
    await page.fill('#field-body', 'Ja, dat is goed.');
    await Promise.all([
      page.waitForURL(/replied=1/),
      page.click(`form[action="/portal/help/requests/${helpRequestId}/messages"] button[type=submit]`),
    ]);
    await expect(page.textContent('main')).resolves.toContain('Ja, dat is goed.');
  });

  it('links to my help requests once on the home page while one is open', async () => {
    await page.goto(`${baseUrl}/portal`);
    expect(await page.locator(`main a[href="/portal/help/requests/${helpRequestId}"]`).count()).toBe(1);
    expect(await page.locator('main a[href="/portal/help/requests"]').count()).toBe(1);
    await checkPage(page, 'participant-home-open-request');
  });

  it('turns a consent on and off, with plain explanations', async () => {
    await page.goto(`${baseUrl}/portal/consents`);
    await expect(page.textContent('main')).resolves.toContain('Werkbrug mag u voorstellen aan werkgevers.');
    await checkPage(page, 'participant-consents');
    await Promise.all([
      page.waitForURL(/changed=on/),
      page.click('form[action="/portal/consents"]:has(input[value=proposal_to_employers]) button'),
    ]);
    const card = page.locator('li.card', { hasText: 'Voorstellen aan werkgevers' });
    await expect(card.locator('.status').textContent()).resolves.toBe('Aan');
    await checkPage(page, 'participant-consents-on');
    await Promise.all([page.waitForURL(/changed=off/), card.locator('form button').click()]);
    await expect(page.locator('li.card', { hasText: 'Voorstellen aan werkgevers' }).locator('.status').textContent()).resolves.toBe('Uit');
    await expect(page.locator('table').textContent()).resolves.toContain('Voorstellen aan werkgevers');
  });

  it('shows who looked at my data and links to the export', async () => {
    await page.goto(`${baseUrl}/portal/my-data`);
    const text = await page.textContent('main');
    expect(text).toContain('Wie heeft mijn gegevens bekeken?');
    expect(text).toContain('toestemming gegeven');
    await checkPage(page, 'participant-my-data');
    const html = await context.request.get(`${baseUrl}/v1/me/data-export?format=html`);
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toContain('text/html');
    const json = await context.request.get(`${baseUrl}/v1/me/data-export`);
    expect(json.status()).toBe(200);
  });

  it('prepares the next check-in: voluntary, errors kept, then saved', async () => {
    await page.goto(`${baseUrl}/portal/me`);
    await Promise.all([page.waitForURL(/preparation/), page.click(`a[href="/portal/checkins/${checkinId}/preparation"]`)]);
    await expect(page.textContent('main')).resolves.toContain('geen gevolgen voor uw uitkering');
    await checkPage(page, 'participant-preparation');
    await page.check('input[name=howAreThings][value="4"]');
    for (const domain of ['personal_and_health', 'income_and_money', 'family_and_friends', 'home_and_surroundings']) {
      await page.check(`input[name=hinderingDomains][value=${domain}]`);
    }
    await page.fill('#field-firstStep', 'Mijn rooster eerder vragen.');
    await page.click(`form[action="/portal/checkins/${checkinId}/preparation"] button[type=submit]`);
    await page.waitForSelector('.error-summary');
    await expect(page.inputValue('#field-firstStep')).resolves.toBe('Mijn rooster eerder vragen.');
    await expect(page.isChecked('input[name=howAreThings][value="4"]')).resolves.toBe(true);
    await checkPage(page, 'participant-preparation-errors');
    await expectErrorFor(page, 'hinderingDomains');
    await page.uncheck('input[name=hinderingDomains][value=home_and_surroundings]');
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.click(`form[action="/portal/checkins/${checkinId}/preparation"] button[type=submit]`),
    ]);
    await expect(page.textContent('main')).resolves.toContain('Uw voorbereiding is opgeslagen');
    await expect(page.inputValue('#field-firstStep')).resolves.toBe('Mijn rooster eerder vragen.');
    await page.goto(`${baseUrl}/portal/me`);
    await expect(page.textContent('main')).resolves.toContain('U heeft dit gesprek al voorbereid');
  });

  it('works in English through the language switch', async () => {
    await page.goto(`${baseUrl}/portal/me`);
    await Promise.all([page.waitForURL(`${baseUrl}/portal/me`), page.click('form[action="/portal/language"] button')]);
    await expect(page.textContent('main')).resolves.toContain('My coach');
    await checkPage(page, 'participant-home-en');
    await page.click('form[action="/portal/language"] button');
  });
});
