import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ParticipantPagesModule } from '../../../src/portal/participant/participant-pages.module.js';
import { aftercareWorld, type AftercareWorld, fullChecklist } from '../../aftercare/aftercare-world.js';
import { tokenFromMail } from '../../support/fixtures.js';
import { createTestApp, eventually, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, VIEWPORTS } from '../browser-support.js';

/** A participant's core tasks through the portal only, from the sign-in link to each result, on a phone and a desktop. */
describe.each(VIEWPORTS)('participant core tasks ($name)', ({ name: device, width, height }) => {
  const viewport = { width, height };
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let world: AftercareWorld;
  let checkinId: string;
  const shot = (name: string) => `participant-${device}-${name}`;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ParticipantPagesModule] });
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    testApp.clock.set('2026-03-02T09:00:00Z');
    world = await aftercareWorld(testApp);
    const ds = testApp.dataSource;
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries', phone = '06 12345678' WHERE id = $1", [world.coach.userId]);
    await ds.query("UPDATE user_account SET display_name = 'Fatima El Amrani' WHERE id = $1", [world.participant.userId]);
    const [checkin] = await ds.query(
      "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, $3, '2026-03-16', 'planned') RETURNING id",
      [world.organisationId, world.placementId, world.coach.membershipId],
    );
    checkinId = checkin.id;
    await ds.query(
      `INSERT INTO participant_profile (participant_id, organisation_id, occupation_wishes, days_available, hours_min, hours_max, copes_stimulus, needs_adaptations, driving_licence)
       VALUES ($1, $2, '{9333}', '{mon,tue,wed}', 12, 24, 2, '{quiet_workspace}', false)`,
      [world.participantId, world.organisationId],
    );
    browser = await launchBrowser();
    desk = await browser.newContext({ viewport, locale: 'nl-NL' });
    phone = await browser.newContext({ viewport, locale: 'nl-NL' });
  });

  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await browser?.close();
    await testApp?.close();
  });

  const api = (method: string, path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...world.coach.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('signs in with the link opened on another device, with the code shown where it was asked', async () => {
    const asking = await desk.newPage();
    await asking.goto(`${baseUrl}/portal/sign-in`);
    await checkPage(asking, shot('sign-in'));
    await asking.fill('#field-linkEmail', world.participant.email);
    await Promise.all([
      asking.waitForURL((url) => url.pathname === '/portal/sign-in/link-sent'),
      asking.click('form[action="/portal/sign-in/link"] button[type=submit]'),
    ]);
    const code = ((await asking.textContent('#browser-code')) ?? '').replace(/\D/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await expect(asking.textContent('main')).resolves.toContain('Opent u de e-mail ergens anders, bijvoorbeeld op uw telefoon?');
    // Only what is needed after asking: the code, where the mail is, and how to ask again; no password form.
    await expect(asking.locator('h1').textContent()).resolves.toBe('Kijk in uw e-mail');
    await expect(asking.locator('input[type=password]').count()).resolves.toBe(0);
    await expect(asking.locator('form[action="/portal/sign-in"]').count()).resolves.toBe(0);
    await expect(asking.textContent('main')).resolves.toContain('Kijk dan ook bij ongewenste e-mail of spam.');
    await expect(asking.locator('a[href="/portal/sign-in#link-title"]').textContent()).resolves.toBe('Opnieuw een inloglink aanvragen');
    await checkPage(asking, shot('link-sent'));

    const [mail] = await eventually(async () => {
      const rows = await testApp.dataSource.query(
        "SELECT context, text FROM mail_message WHERE recipient = $1 AND template = 'sign-in-link' ORDER BY created_at DESC LIMIT 1",
        [world.participant.email],
      );
      return rows.length > 0 ? rows : undefined;
    });
    // The mail is opened on the phone: a browser that never asked for a link.
    page = await phone.newPage();
    await page.goto(`${baseUrl}/portal/link?token=${tokenFromMail(mail)}`);
    await expect(page.textContent('main')).resolves.toContain('Typ die code hier in');
    await checkPage(page, shot('link-other-device'));
    await page.fill('#field-browserCode', code === '000000' ? '111111' : '000000');
    await page.click('form[action="/portal/link"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expect(page.textContent('.error-summary')).resolves.toContain('Deze code klopt niet. U kunt het nog 2 keer proberen.');
    await checkPage(page, shot('link-wrong-code'));
    await expectErrorFor(page, 'browserCode');
    await page.fill('#field-browserCode', `${code.slice(0, 3)} ${code.slice(3)}`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/portal/me'),
      page.click('form[action="/portal/link"] button[type=submit]'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Welkom, Fatima El Amrani');
  });

  it('sees the coach with phone number, the next meeting with time and place, and the planned handover', async () => {
    expect(
      (await api('PUT', `/v1/checkins/${checkinId}/appointment`, { startsAt: '2026-03-16T10:00:00+01:00', place: 'Op het werk' })).status,
    ).toBe(200);
    const scheduled = await api('POST', `/v1/placements/${world.placementId}/handover`, {
      startsAt: '2026-03-02T10:20:00+01:00',
      location: 'Bakkerij De Korenschoof, Oudegracht 12',
      durationMinutes: 60,
    });
    expect(scheduled.status).toBe(201);
    const handover = (await scheduled.json()) as { id: string };

    await page.goto(`${baseUrl}/portal/me`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('U kunt uw coach bellen: 06 12345678');
    expect(text).toContain('maandag 16 maart 2026 om 10:00');
    expect(text).toContain('Op het werk');
    expect(text).toContain('Het overdrachtsgesprek');
    expect(text).toContain('maandag 2 maart 2026 om 10:20');
    expect(text).toContain('Bakkerij De Korenschoof, Oudegracht 12');
    await checkPage(page, shot('home'));

    // After the meeting the coach writes down the agreements and who was there.
    expect((await api('PUT', `/v1/handovers/${handover.id}/checklist`, fullChecklist())).status).toBe(200);
    testApp.clock.advance(21 * 60_000);
    const attended = await api('PUT', `/v1/handovers/${handover.id}/attendance`, { participant: true, coach: true, employerContact: true });
    expect(attended.status).toBe(200);
  });

  it('reads and confirms the handover agreements', async () => {
    await page.goto(`${baseUrl}/portal/me`);
    await expect(page.textContent('main')).resolves.toContain('De afspraken zijn klaar. Wilt u ze lezen en bevestigen?');
    await Promise.all([page.waitForURL(`${baseUrl}/portal/handover`), page.click('a[href="/portal/handover"]')]);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Ma-do 9:00-15:00, geen avondwerk');
    expect(text).toContain('Voor 8:00 bellen met Karin');
    await checkPage(page, shot('handover'));
    await Promise.all([page.waitForURL(/confirmed=1/), page.click('form[action$="/confirmation"] button[type=submit]')]);
    await expect(page.textContent('main')).resolves.toContain('U heeft de afspraken bevestigd.');
    await checkPage(page, shot('handover-confirmed'));
  });

  it('asks for help and sees its state on the home page', async () => {
    await page.goto(`${baseUrl}/portal/me`);
    await Promise.all([page.waitForURL(`${baseUrl}/portal/help`), page.click('a.big-button[href="/portal/help"]')]);
    await page.check('input[name=category][value=transport]');
    await page.check('input[name=urgency][value=normal]');
    await page.fill('#field-body', 'De bus rijdt niet meer op zaterdag.');
    await Promise.all([page.waitForURL(/sent=1/), page.click('form[action="/portal/help"] button[type=submit]')]);
    await checkPage(page, shot('help-sent'));
    await expect(page.textContent('main')).resolves.toContain('U hoort uiterlijk iets op');
    // Once the coach has answered, the page no longer promises an answer by a deadline.
    const requestPage = page.url().replace(/\?.*$/, '');
    const helpRequestId = requestPage.split('/').pop()!;
    expect((await api('POST', `/v1/help-requests/${helpRequestId}/status-changes`, { status: 'acknowledged' })).status).toBe(200);
    await page.goto(requestPage);
    await expect(page.textContent('main')).resolves.not.toContain('U hoort uiterlijk iets op');
    await page.goto(`${baseUrl}/portal/me`);
    const help = page.locator('section[aria-labelledby=help-title]');
    await expect(help.textContent()).resolves.toContain('U heeft 1 open hulpvraag.');
    await expect(help.locator('.status').first().textContent()).resolves.toBe('Gelezen');
    await checkPage(page, shot('home-with-help'));
  });

  it('prepares the next check-in from the home page', async () => {
    await Promise.all([page.waitForURL(/preparation$/), page.click(`a[href="/portal/checkins/${checkinId}/preparation"]`)]);
    await checkPage(page, shot('preparation'));
    await page.check('input[name=howAreThings][value="4"]');
    await page.check('input[name=helpingDomains][value=family_and_friends]');
    await page.fill('#field-helpWanted', 'Vervoer op zaterdag.');
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.click(`form[action="/portal/checkins/${checkinId}/preparation"] button[type=submit]`),
    ]);
    await expect(page.textContent('main')).resolves.toContain('Uw voorbereiding is opgeslagen');
    await checkPage(page, shot('preparation-saved'));
  });

  it('gives consent to share chosen parts with a named employer, and withdraws it', async () => {
    await page.goto(`${baseUrl}/portal/consents`);
    await checkPage(page, shot('consents'));
    // Nothing chosen: every missing choice is named at once.
    await page.click('form[action="/portal/consents/employer"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Kies de werkgever.',
      'Kies wat deze werkgever mag.',
    ]);
    await checkPage(page, shot('consents-errors'));
    await expectErrorFor(page, 'employerId');

    await page.selectOption('#field-employerId', { label: 'Bakkerij De Korenschoof' });
    await page.check('input[name=purpose][value=share_profile_with_employer]');
    await page.click('form[action="/portal/consents/employer"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expect(page.textContent('.error-summary')).resolves.toContain('Vink minstens één ding aan dat de werkgever mag zien.');
    await expectErrorFor(page, 'profileParts');
    await page.check('input[name=profileParts][value=name]');
    await page.check('input[name=profileParts][value=workPreferences]');
    await Promise.all([page.waitForURL(/changed=on/), page.click('form[action="/portal/consents/employer"] button[type=submit]')]);
    const card = page.locator('li.card', { hasText: 'Gegevens delen met een werkgever: Bakkerij De Korenschoof' });
    await expect(card.textContent()).resolves.toContain('Werkbrug mag uw naam en uw werkwensen delen met Bakkerij De Korenschoof.');
    await checkPage(page, shot('consents-employer-on'));
    await Promise.all([page.waitForURL(/changed=off/), card.locator('form button').click()]);
    await expect(page.locator('li.card', { hasText: 'Gegevens delen met een werkgever: Bakkerij' }).count()).resolves.toBe(0);
    await expect(page.locator('table').textContent()).resolves.toContain('Bakkerij De Korenschoof');
    await checkPage(page, shot('consents-employer-off'));
  });

  it('reads all their data as a plain Dutch page and can still download the file', async () => {
    await page.goto(`${baseUrl}/portal/my-data`);
    await checkPage(page, shot('my-data'));
    await Promise.all([page.waitForURL(`${baseUrl}/portal/my-data/overview`), page.click('a[href="/portal/my-data/overview"]')]);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Alle gegevens die Werkbrug over u bewaart');
    expect(text).toContain('Hoeveel drukte om u heen u aankunt');
    expect(text).toContain('maandag, dinsdag, woensdag');
    expect(text).toContain('Rustige werkplek');
    expect(text).toContain('Ma-do 9:00-15:00, geen avondwerk');
    expect(text).not.toMatch(/copes_stimulus|occupation_wishes|[0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}/);
    await checkPage(page, shot('my-data-overview'));
    const json = await phone.request.get(`${baseUrl}/v1/me/data-export`);
    expect(json.status()).toBe(200);
    expect((await json.json()).sections.profile.profile.copes_stimulus).toBe(2);
  });
});
