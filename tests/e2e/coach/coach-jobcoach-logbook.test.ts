import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

/** 10:00 in Amsterdam (CEST). */
const NOW = '2026-04-15T08:00:00Z';

let testApp: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  testApp = await createTestApp({ imports: [CoachPagesModule] });
  await resetState(testApp);
  await testApp.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await testApp?.close();
});

describe.each(VIEWPORTS)('the jobcoach writes hours in the logbook, each for a goal or agreement ($name)', (viewport) => {
  const { name } = viewport;
  let coach: TestUser;
  let placementId: string;
  let grantId: string;
  let participantId: string;
  let handoverId: string;
  let context: BrowserContext;
  let page: Page;
  const lastName = name === 'telefoon' ? 'Jansen' : 'Bakker';
  const form = () => `form[action="/portal/placements/${placementId}/jobcoach/hours"]`;

  beforeAll(async () => {
    testApp.clock.set(NOW);
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    const employerId = await createEmployer(ds, organisation.id, `Bakkerij ${lastName}`);
    participantId = await createParticipant(ds, organisation.id, coach.membershipId, ['Fatima', lastName]);
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-03-01', 'permanent', 24) RETURNING id`,
      [organisation.id, participantId, employerId, coach.membershipId],
    );
    placementId = placement.id;
    for (const code of ['guidance_at_work', 'employee_skills_rhythm']) {
      await ds.query('INSERT INTO trajectory_goal (organisation_id, participant_id, code) VALUES ($1, $2, $3)', [
        organisation.id,
        participantId,
        code,
      ]);
    }
    [{ id: handoverId }] = await ds.query(
      `INSERT INTO handover_meeting (organisation_id, placement_id, status, starts_at, duration_minutes, location, calendar_uid, created_by_user_id, checklist)
       VALUES ($1, $2, 'completed', '2026-03-02T09:00:00Z', 60, 'Werkplek', gen_random_uuid()::text, $3, $4::jsonb) RETURNING id`,
      [
        organisation.id,
        placementId,
        coach.userId,
        JSON.stringify({ agreements: { shopFloorGuidance: { applicable: true, text: 'Ingrid is het vaste aanspreekpunt' } } }),
      ],
    );
    const [grant] = await ds.query(
      `INSERT INTO jobcoach_grant (organisation_id, placement_id, status, requested_on, decided_on, period_start, period_end, hours_granted)
       VALUES ($1, $2, 'granted', '2026-02-20', '2026-02-27', '2026-03-01', '2026-08-31', 40) RETURNING id`,
      [organisation.id, placementId],
    );
    grantId = grant.id;
    // Hours written before the logbook existed: no goal yet.
    await ds.query(
      "INSERT INTO jobcoach_hours (organisation_id, grant_id, worked_on, hours, justification) VALUES ($1, $2, '2026-03-09', 2, 'Kennismaking op de werkvloer')",
      [organisation.id, grantId],
    );
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    page = await signInWithPassword(context, baseUrl, coach.email);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds the page from the placement and sees the period with the hours left', async () => {
    await page.goto(`${baseUrl}/portal/placements/${placementId}`);
    await Promise.all([
      page.waitForURL(`**/portal/placements/${placementId}/jobcoach`),
      page.click('a:has-text("Jobcoachuren en logboek")'),
    ]);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain(`Jobcoachuren: Fatima ${lastName} bij Bakkerij ${lastName}`);
    expect(main).toContain('Periode: 1 maart 2026 tot en met 31 augustus 2026. Nog 38 uur over.');
    expect(main).toContain('2 uur heeft geen doel of afspraak. UWV betaalt die uren niet.');
    expect(main).toContain('Voor: geen doel of afspraak');
    expect(await page.inputValue('#field-workedOn')).toBe('2026-04-15');
    // Where goals and agreements are recorded: the trajectory plan and this placement's handover.
    expect(await page.getAttribute('a:has-text("Doelen vastleggen in het trajectplan")', 'href')).toBe(
      `/portal/caseload/${participantId}/trajectory#goals`,
    );
    expect(await page.getAttribute('a:has-text("Afspraken vastleggen bij de overdracht")', 'href')).toBe(`/portal/handovers/${handoverId}`);
    await checkPage(page, `jobcoach-${name}-empty`);
  });

  it('refuses hours without a goal or agreement, in plain Dutch, keeping what was typed', async () => {
    await page.fill('#field-hours', '1,5');
    await page.fill('#field-justification', 'Werkplek bezocht en de takenlijst doorgenomen met Ingrid.');
    await submit(page, `${form()} button[type=submit]`);
    await expectErrorFor(page, 'goalIds');
    expect(await page.textContent('.error-summary')).toContain('Kies minstens één doel of één afspraak waarvoor de uren waren.');
    expect(await page.inputValue('#field-hours')).toBe('1,5');
    await checkPage(page, `jobcoach-${name}-no-goal`);
  });

  it('registers hours for a goal and an agreement chosen by name, and shows them per goal and in the logbook', async () => {
    await page.check('label:has-text("Begeleiding op de werkplek")');
    await page.check('label:has-text("Begeleiding op de werkvloer")');
    await submit(page, `${form()} button[type=submit]`);
    expect(new URL(page.url()).search).toBe('?saved=hours');
    expect(await page.textContent('[role=status]')).toContain('De uren staan in het logboek.');
    const period = (await page.textContent('.jobcoach-period')) ?? '';
    expect(period).toContain('Geschreven3,5 uur');
    expect(period).toContain('Nog over36,5 uur');
    expect(period).toContain('15 april 2026: 1,5 uur');
    expect(period).toContain('Voor: Begeleiding op de werkplek, Begeleiding op de werkvloer');
    const perGoal = await page.locator('table:has(caption:has-text("Uren per doel")) tbody tr').allTextContents();
    expect(perGoal).toEqual(['Begeleiding op de werkplek1,5', 'Werknemersvaardigheden en werkritme0']);
    await checkPage(page, `jobcoach-${name}-registered`);

    const pdf = await page.request.get(`${baseUrl}/portal/placements/${placementId}/jobcoach/${grantId}/urenverantwoording.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const csv = await page.request.get(`${baseUrl}/portal/placements/${placementId}/jobcoach/logboek.csv`);
    expect(await csv.text()).toContain('2026-04-15;1,5;Begeleiding op de werkplek;Begeleiding op de werkvloer;Werkplek bezocht');
    // Whom the logbook is about, in the file and its name (the employee and the placement's reference).
    expect(await csv.text()).toMatch(/\r\nWerkgever;.+\r\nWerknemer;.+\r\nPeriode;\d{4}-\d{2}-\d{2};/);
    expect(csv.headers()['content-disposition']).toContain(`-${placementId.slice(0, 8)}.csv`);
  });

  it("records a follow-up request, warned that the logbook has hours without a goal, and then UWV's decision", async () => {
    await page.click('summary:has-text("Aanvraag invullen")');
    await page.fill('#field-requestedOn', '2026-04-15');
    await page.fill('#field-periodStart', '2026-09-01');
    await submit(page, `form[action="/portal/placements/${placementId}/jobcoach/grants"] button[type=submit]`);
    expect(new URL(page.url()).search).toBe('?saved=request');
    const next = page.locator('article:has(h3:has-text("1 september 2026"))');
    const card = (await next.textContent()) ?? '';
    expect(card).toContain('Aangevraagd');
    expect(card).toContain('In het logboek van de vorige periode staan 2 uur (1 keer) zonder doel of afspraak.');
    await checkPage(page, `jobcoach-${name}-requested`);

    // Granted without the hours: the form says what is missing.
    await submit(page, 'form[action$="/decision"] button[type=submit]');
    await expectErrorFor(page, 'hoursGranted');
    await page.fill('#field-hoursGranted', '30');
    await submit(page, 'form[action$="/decision"] button[type=submit]');
    expect(new URL(page.url()).search).toBe('?saved=decision');
    expect(await next.textContent()).toContain('Toegekend30 uur');
    // Two periods with hours left: the coach chooses the period when writing hours.
    expect(await page.locator('input[name=grantId][type=radio]').count()).toBe(2);
    await checkPage(page, `jobcoach-${name}-decided`);
  });

  it('links the hours written without a goal, once, so the logbook is complete for a follow-up application', async () => {
    await Promise.all([
      page.waitForURL(`**/portal/placements/${placementId}/jobcoach/${grantId}/hours/*`),
      page.click('a:has-text("Doel of afspraak kiezen voor deze uren")'),
    ]);
    expect(await page.textContent('main')).toContain('9 maart 2026: 2 uur');
    await checkPage(page, `jobcoach-${name}-link`);
    await submit(page, 'form.portal-form button[type=submit]');
    await expectErrorFor(page, 'goalIds');
    await page.check('label:has-text("Werknemersvaardigheden en werkritme")');
    await submit(page, 'form.portal-form button[type=submit]');
    expect(new URL(page.url()).search).toBe('?saved=links');
    const march = (await page.textContent('article:has(h3:has-text("1 maart 2026"))')) ?? '';
    expect(march).not.toContain('geen doel of afspraak');
    expect(march).toContain('Voor: Werknemersvaardigheden en werkritme');
    const perGoal = await page
      .locator('article:has(h3:has-text("1 maart 2026")) table:has(caption:has-text("Uren per doel")) tbody tr')
      .allTextContents();
    expect(perGoal).toEqual(['Begeleiding op de werkplek1,5', 'Werknemersvaardigheden en werkritme2']);
    await checkPage(page, `jobcoach-${name}-linked`);
  });
});

describe.each(VIEWPORTS)('the jobcoach page leads to where goals and agreements are recorded when there are none ($name)', (viewport) => {
  const { name } = viewport;
  let coach: TestUser;
  let participantId: string;
  let placementId: string;
  let context: BrowserContext;
  let page: Page;
  const lastName = name === 'telefoon' ? 'Smit' : 'Mulder';

  beforeAll(async () => {
    testApp.clock.set(NOW);
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    const employerId = await createEmployer(ds, organisation.id, `Hotel ${lastName}`);
    participantId = await createParticipant(ds, organisation.id, coach.membershipId, ['Ayoub', lastName]);
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-03-01', 'permanent', 24) RETURNING id`,
      [organisation.id, participantId, employerId, coach.membershipId],
    );
    placementId = placement.id;
    // Granted hours, but no goal and no handover yet.
    await ds.query(
      `INSERT INTO jobcoach_grant (organisation_id, placement_id, status, requested_on, decided_on, period_start, period_end, hours_granted)
       VALUES ($1, $2, 'granted', '2026-02-20', '2026-02-27', '2026-03-01', '2026-08-31', 40)`,
      [organisation.id, placementId],
    );
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    page = await signInWithPassword(context, baseUrl, coach.email);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('says to record a goal or agreements first and links to both places', async () => {
    await page.goto(`${baseUrl}/portal/placements/${placementId}/jobcoach`);
    expect(await page.textContent('main')).toContain('Leg eerst een doel of de afspraken vast.');
    expect(await page.getAttribute('a:has-text("Doelen vastleggen in het trajectplan")', 'href')).toBe(
      `/portal/caseload/${participantId}/trajectory#goals`,
    );
    // No handover yet: the agreements are recorded at the handover, which is planned on the placement page.
    expect(await page.getAttribute('a:has-text("Overdrachtsgesprek plannen")', 'href')).toBe(
      `/portal/placements/${placementId}#handover-title`,
    );
    await checkPage(page, `jobcoach-${name}-nothing-to-link`);
  });

  it('records a goal in the trajectory plan, which the hours form then offers', async () => {
    await Promise.all([
      page.waitForURL(`**/portal/caseload/${participantId}/trajectory#goals`),
      page.click('a:has-text("Doelen vastleggen in het trajectplan")'),
    ]);
    expect(await page.textContent('main')).toContain('Er zijn nog geen doelen.');
    await checkPage(page, `trajectory-${name}-no-goals`);
    const goalForm = `form[action="/portal/caseload/${participantId}/goals"]`;
    await submit(page, `${goalForm} button[type=submit]`);
    await expectErrorFor(page, 'code');
    await checkPage(page, `trajectory-${name}-goal-missing`);
    await page.selectOption('#field-code', 'guidance_at_work');
    await submit(page, `${goalForm} button[type=submit]`);
    expect(new URL(page.url()).search).toBe('?saved=goal');
    expect(await page.textContent('.goal-list')).toContain('Begeleiding op de werkplek');
    await checkPage(page, `trajectory-${name}-goal-added`);

    await page.goto(`${baseUrl}/portal/placements/${placementId}/jobcoach`);
    await expect(page.locator('label:has-text("Begeleiding op de werkplek")').count()).resolves.toBe(1);
  });
});
