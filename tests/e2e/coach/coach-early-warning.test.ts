import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EarlyWarningService } from '../../../src/aftercare/early-warning.service.js';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, launchBrowser, PHONE, signInWithPassword, submit } from '../browser-support.js';

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

describe('the early warning on Vandaag, on a phone', () => {
  let coach: TestUser;
  let placementId: string;
  let hoursPlacementId: string;
  let hoursParticipantId: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // 9 November 2026, 08:00 in Amsterdam; the contract ends 31 December: within 8 weeks, no renewal talk yet.
    testApp.clock.set('2026-11-09T07:00:00Z');
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries' WHERE id = $1", [coach.userId]);
    const employerId = await createEmployer(ds, organisation.id, 'Bakkerij Jansen');
    const participantId = await createParticipant(ds, organisation.id, coach.membershipId, ['Fatima', 'Jansen']);
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week, contract_end)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-02', 'fixed_term', 24, '2026-12-31') RETURNING id`,
      [organisation.id, participantId, employerId, coach.membershipId],
    );
    placementId = placement.id;
    // A second participant works 16 hours a week: a warning that stays open after the coach acts on it.
    hoursParticipantId = await createParticipant(ds, organisation.id, coach.membershipId, ['Pieter', 'Bakker']);
    const [hoursPlacement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-02', 'permanent', 16) RETURNING id`,
      [organisation.id, hoursParticipantId, employerId, coach.membershipId],
    );
    hoursPlacementId = hoursPlacement.id;
    await testApp.app.get(EarlyWarningService).evaluateAll();
    context = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    page = await signInWithPassword(context, baseUrl, coach.email);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows why the placement is at risk and the next step', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/today');
    const card = page.locator('.early-warning:has-text("Fatima Jansen")');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Fatima Jansen');
    expect(text).toContain('Het contract loopt af op 31 december 2026. Er is nog geen gesprek over verlenging vastgelegd.');
    expect(text).toContain('Plan een verlengingsgesprek vóór 31 december 2026');
    // The summary counts the warnings as well as the signals from check-ins, as the sections below it show them.
    const summary = (await page.textContent('.today-summary')) ?? '';
    expect(summary).toContain('2 waarschuwingen voor kans op uitval');
    expect(summary).toContain('0 deelnemers met signalen uit gesprekken');
    expect(await page.locator('.early-warning').count()).toBe(2);
    await checkPage(page, 'early-warning-phone-today');
  });

  it('keeps what the coach did on the card: the action, when, by whom and the note', async () => {
    const form = `form[action^="/portal/placements/${hoursPlacementId}/risks/"]`;
    await page.selectOption(`${form} select[name=action]`, 'hours_talk_planned');
    await page.fill(`${form} textarea[name=note]`, 'Gesprek met de werkgever op 20 november over 24 uur.');
    await submit(page, `${form} button[type=submit]`);
    expect(new URL(page.url()).pathname).toBe('/portal/today');
    const card = (await page.textContent('.early-warning:has-text("Pieter Bakker")')) ?? '';
    expect(card).toContain('Actie gedaan');
    expect(card).toContain('Gedaan: Gesprek over meer uren gepland, 9 november 2026');
    expect(card).toContain('door Sanne de Vries');
    expect(card).toContain('Notitie: Gesprek met de werkgever op 20 november over 24 uur.');
    await checkPage(page, 'early-warning-phone-follow-up');

    // The participant's page names the open warning and what was done, with a link to the placement.
    await page.goto(`${baseUrl}/portal/caseload/${hoursParticipantId}`);
    const placements = (await page.textContent('section[aria-labelledby=placements-title]')) ?? '';
    expect(placements).toContain('1 open waarschuwing: bekijk de plaatsing');
    expect(placements).toContain('Gedaan: Gesprek over meer uren gepland');
    expect(placements).toContain('Notitie: Gesprek met de werkgever op 20 november over 24 uur.');
    await checkPage(page, 'early-warning-phone-participant');
    await page.goto(`${baseUrl}/portal/today`);
  });

  it("shows the placement's open warning, what was done and the form on the placement page; no contract form once there is a contract", async () => {
    await Promise.all([
      page.waitForURL(`**/portal/placements/${hoursPlacementId}`),
      page.click(`.early-warning a[href="/portal/placements/${hoursPlacementId}"]`),
    ]);
    const section = (await page.textContent('section[aria-labelledby=warnings-title]')) ?? '';
    expect(section).toContain('Waarschuwingen bij deze plaatsing');
    expect(section).toContain('Werkt 16 uur per week sinds 2 februari 2026.');
    expect(section).toContain('Volgende stap: Plan een gesprek over uitbreiding van uren');
    expect(section).toContain('Gedaan: Gesprek over meer uren gepland');
    expect(section).toContain('Notitie: Gesprek met de werkgever op 20 november over 24 uur.');
    const main = (await page.textContent('main')) ?? '';
    expect(main).not.toContain('Contract vastleggen');
    expect(main).not.toContain('Na een goede proefplaatsing legt u hier het contract vast.');
    await checkPage(page, 'early-warning-phone-placement');

    // Closed from the placement page: the coach stays there and sees what followed.
    const form = `form[action^="/portal/placements/${hoursPlacementId}/warnings/"]`;
    await page.selectOption(`${form} select[name=action]`, 'other');
    await page.fill(`${form} textarea[name=note]`, 'Werkgever biedt vanaf januari 24 uur.');
    await page.check(`${form} input[name=resolve]`);
    await submit(page, `${form} button[type=submit]`);
    expect(new URL(page.url()).pathname).toBe(`/portal/placements/${hoursPlacementId}`);
    const after = (await page.textContent('section[aria-labelledby=warnings-title]')) ?? '';
    expect(after).toContain('Opgeslagen.');
    expect(after).toContain('Er staan geen waarschuwingen open bij deze plaatsing.');
    expect(after).toContain('Eerdere waarschuwingen');
    expect(after).toContain('Opgelost');
    expect(after).toContain('Gedaan: Iets anders');
    expect(after).toContain('Notitie: Werkgever biedt vanaf januari 24 uur.');
    await checkPage(page, 'early-warning-phone-placement-closed');
    await page.goto(`${baseUrl}/portal/today`);
  });

  it('records the renewal talk, which clears the warning', async () => {
    const form = `form[action^="/portal/placements/${placementId}/risks/"]`;
    await page.selectOption(`${form} select[name=action]`, 'renewal_talk_held');
    await page.fill(`${form} textarea[name=note]`, 'Werkgever wil het contract met een jaar verlengen.');
    await submit(page, `${form} button[type=submit]`);
    expect(new URL(page.url()).pathname).toBe('/portal/today');
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Opgeslagen.');
    expect(main).toContain('Er zijn geen waarschuwingen.');
    await checkPage(page, 'early-warning-phone-saved');
    const [risk] = await testApp.dataSource.query('SELECT action_taken, resolution FROM placement_risk WHERE placement_id = $1', [
      placementId,
    ]);
    expect(risk).toEqual({ action_taken: 'renewal_talk_held', resolution: 'condition_ended' });
  });

  it('keeps the menu and the sign-out button on a page that does not exist; the app code is a setting, not a way in', async () => {
    const response = await page.goto(`${baseUrl}/portal/bestaat-niet`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toContain('Deze pagina bestaat niet');
    expect(await page.locator('nav a[href="/portal/caseload"]').count()).toBe(1);
    expect(await page.locator('form[action="/portal/sign-out"] button').textContent()).toContain('Uitloggen');
    expect(await page.textContent('footer')).toContain('Inloggen met een code uit een app instellen');
    await checkPage(page, 'coach-not-found-signed-in');
  });
});
