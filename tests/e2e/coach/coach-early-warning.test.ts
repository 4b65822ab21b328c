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
    const card = page.locator('.early-warning');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Fatima Jansen');
    expect(text).toContain('Het contract loopt af op 31 december 2026. Er is nog geen gesprek over verlenging vastgelegd.');
    expect(text).toContain('Plan een verlengingsgesprek vóór 31 december 2026');
    await checkPage(page, 'early-warning-phone-today');
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
});
