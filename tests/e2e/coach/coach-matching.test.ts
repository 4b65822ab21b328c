import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { EmployerPagesModule } from '../../../src/portal/employer/employer-pages.module.js';
import { createEmployer, createOrganisation, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { createCandidate, createVacancy, giveConsent, MODULES } from '../../matching/world.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

/** Both sizes; the phone starts the placement with a trial, the desktop with a direct contract, so both choices run. */
const SIZES = VIEWPORTS.map((size) => ({ ...size, start: size.width < 600 ? ('trial' as const) : ('contract' as const) }));

async function look(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
}

/** The text of an element with no-break spaces (as in "€ 1.234,56") as plain spaces. */
async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').replace(/\u00a0/g, ' ');
}

/** Follows a link and waits for the page it opens. */
async function follow(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe('jobcoach: matching both ways, proposing, starting a placement, loonwaarde and subsidy', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [...MODULES, CoachPagesModule, EmployerPagesModule] });
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    const address = testApp.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  describe.each(SIZES)('at $name size ($width x $height)', ({ name, width, height, start }) => {
    let coach: TestUser;
    let employerUser: TestUser;
    let employerId: string;
    let vacancyId: string;
    let fatima: string;
    let bram: string;
    let chris: string;

    beforeAll(async () => {
      const organisation = await createOrganisation(testApp.dataSource);
      const team = await createTeam(testApp.dataSource, organisation.id);
      coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
      employerId = await createEmployer(testApp.dataSource, organisation.id);
      employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
      vacancyId = await createVacancy(testApp, coach, employerId, { days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
      fatima = await createCandidate(testApp, coach, { name: ['Fatima', 'El Amrani'] });
      // Can work Monday to Thursday only: a near miss on the days.
      bram = await createCandidate(testApp, coach, {
        name: ['Bram', 'Bakker'],
        profile: { daysAvailable: ['mon', 'tue', 'wed', 'thu'] },
      });
      // Already works for this employer.
      chris = await createCandidate(testApp, coach, { name: ['Chris', 'de Vries'] });
      const placed = await request(testApp.http)
        .post('/v1/placements')
        .set(coach.auth)
        .send({ participantId: chris, employerId, type: 'paid_job', trialStart: '2026-01-05' });
      expect(placed.status).toBe(201);
      await giveConsent(testApp, coach, fatima, 'share_profile_with_employer', employerId, ['name', 'workPreferences']);
      await giveConsent(testApp, coach, fatima, 'disclose_support_organisation', employerId);
    });

    it('runs the core tasks through the pages only, from sign-in to the result', async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      context.setDefaultTimeout(10_000);
      const page = await signInWithPassword(context, baseUrl, coach.email);
      await look(page, `coachmatch-${name}-today`);

      // Vacancy -> candidates: a ranked table, passing first, near misses with the exact reason.
      await follow(page, 'nav a[href="/portal/matching"]');
      await look(page, `coachmatch-${name}-vacancies`);
      await follow(page, `a[href="/portal/matching/${vacancyId}"]`);
      await look(page, `coachmatch-${name}-candidates`);
      const passing = page.locator('section:has(#passing-title) .match-table tbody tr');
      expect(await passing.count()).toBe(2);
      const fatimaRow = passing.filter({ hasText: 'Fatima El Amrani' });
      const shownScore = (await fatimaRow.locator('.match-table__score strong').textContent())!.trim();
      expect(shownScore).toMatch(/^\d{1,3}$/);
      expect(await passing.filter({ hasText: 'Chris de Vries' }).textContent()).toContain('Werkt hier al');
      expect(await fatimaRow.textContent()).not.toContain('Werkt hier al');
      const near = page.locator('section:has(#near-title) .match-table tbody tr');
      expect(await near.count()).toBe(1);
      expect(await near.textContent()).toContain('Kan maandag t/m donderdag; de vacature vraagt maandag t/m vrijdag');
      // The score's make-up, with real partial scores.
      await fatimaRow.locator('summary').click();
      expect(await fatimaRow.textContent()).toContain('Beroep: 60 van 100');

      // A near miss is proposed only after a confirmation that says what fails; the server holds to that too.
      const csrf = await page.getAttribute('input[name=_csrf]', 'value');
      const direct = await page.request.post(`${baseUrl}/portal/matches`, {
        form: { _csrf: csrf!, vacancyId, participantId: bram },
        maxRedirects: 0,
      });
      expect([direct.status(), direct.headers().location]).toEqual([
        303,
        `/portal/matches/confirm?vacancyId=${vacancyId}&participantId=${bram}`,
      ]);
      await follow(page, `a[href="/portal/matches/confirm?vacancyId=${vacancyId}&participantId=${bram}"]`);
      await look(page, `coachmatch-${name}-confirm-near-miss`);
      expect(await page.textContent('main')).toContain('Kan maandag t/m donderdag; de vacature vraagt maandag t/m vrijdag');
      await follow(page, `main a[href="/portal/matching/${vacancyId}"].utrecht-button-link`);
      expect(await testApp.dataSource.query('SELECT 1 FROM match WHERE participant_id = $1', [bram])).toHaveLength(0);
      await follow(page, `a[href="/portal/matches/confirm?vacancyId=${vacancyId}&participantId=${bram}"]`);
      await submit(page, 'form[action="/portal/matches"] button[type=submit]');
      expect(new URL(page.url()).pathname).toBe(`/portal/caseload/${bram}`);
      expect(await page.textContent('[role=status]')).toContain('voorgesteld');
      await look(page, `coachmatch-${name}-near-miss-proposed`);

      // Propose Fatima: the participant page shows the same score as the table.
      await follow(page, 'nav a[href="/portal/matching"]');
      await follow(page, `a[href="/portal/matching/${vacancyId}"]`);
      expect(await page.textContent('section:has(#near-title) .match-table tbody tr')).toContain('Al voorgesteld');
      await submit(page, `form[action="/portal/matches"]:has(input[value="${fatima}"]) button`);
      expect(new URL(page.url()).pathname).toBe(`/portal/caseload/${fatima}`);
      expect(await page.textContent('#matches-title + .card-list')).toContain(`Score ${shownScore} van 100`);

      // Participant -> vacancies, the other way round.
      await follow(page, `a[href="/portal/caseload/${fatima}/matches"]`);
      await look(page, `coachmatch-${name}-vacancies-for-participant`);
      expect(await page.locator('.match-table tbody tr').first().locator('.match-table__score strong').textContent()).toBe(shownScore);
      expect(await page.textContent('.match-table tbody tr')).toContain('Al voorgesteld');
      await follow(page, `a[href="/portal/caseload/${fatima}"]`);

      // Introduce to the employer, agree the trial, start the placement as an explicit choice.
      await submit(page, 'form:has(input[name=status][value=introduced]) button');
      expect(await page.textContent('[role=status]')).toContain('werkgever');
      if (start === 'contract') {
        // A contract without a trial placement needs a reason: refused in Dutch without one.
        await page.click('details:has(input[value=contract_agreed]) summary');
        await submit(page, 'form:has(input[name=status][value=contract_agreed]) button');
        expect(await page.textContent('#action-error')).toContain('Schrijf op waarom er geen proefplaatsing komt.');
        await look(page, `coachmatch-${name}-participant-contract-refused`);
        await page.click('details:has(input[value=contract_agreed]) summary');
        await page.fill('details:has(input[value=contract_agreed]) textarea', 'De werkgever biedt meteen een contract van een jaar.');
        await submit(page, 'form:has(input[name=status][value=contract_agreed]) button');
        expect(await page.textContent('[role=status]')).toContain('Het contract is afgesproken.');
      } else {
        await submit(page, 'form:has(input[name=status][value=trial_placement_agreed]) button');
      }
      await look(page, `coachmatch-${name}-participant-agreed`);
      await follow(page, 'a[href^="/portal/placements/new"]');
      await look(page, `coachmatch-${name}-placement-new`);
      const placements = async () =>
        (await testApp.dataSource.query('SELECT count(*)::int AS n FROM placement WHERE participant_id = $1', [fatima]))[0].n;

      // Empty: a Dutch error naming the choice, and nothing created.
      await submit(page, 'form[action="/portal/placements"] button[type=submit]');
      await expectErrorFor(page, 'start');
      expect(await page.textContent('.error-summary')).toContain('Kies hoe de plaatsing begint');
      await look(page, `coachmatch-${name}-placement-new-empty`);
      expect(await placements()).toBe(0);

      if (start === 'contract') {
        await page.check('#field-start-1');
        // Only the chosen start's fields show.
        expect([await page.isVisible('#field-trialStart'), await page.isVisible('#field-contractStart')]).toEqual([false, true]);
        await submit(page, 'form[action="/portal/placements"] button[type=submit]');
        const summary = (await page.textContent('.error-summary'))!;
        expect(summary).toContain('startdatum contract');
        expect(summary).toContain('uren per week');
        expect(summary).not.toMatch(/must|should|required/);
        await expectErrorFor(page, 'contractStart');
        expect(await placements()).toBe(0);
        await page.fill('#field-contractStart', '2026-01-12');
        await page.selectOption('#field-contractType', 'permanent');
        await page.fill('#field-hoursPerWeek', '24');
        await page.fill('#field-grossHourlyWage', '14,71');
      } else {
        await page.check('#field-start');
        await submit(page, 'form[action="/portal/placements"] button[type=submit]');
        await expectErrorFor(page, 'trialStart');
        expect(await placements()).toBe(0);
        await page.fill('#field-trialStart', '2026-01-12');
        // Longer than a trial placement may last: refused in Dutch, with the date written out, and nothing created.
        await page.fill('#field-trialPlannedEnd', '2026-12-31');
        await page.fill('#field-trialExtensionReason', 'Meer tijd nodig om het tempo op te bouwen');
        await submit(page, 'form[action="/portal/placements"] button[type=submit]');
        await expectErrorFor(page, 'trialPlannedEnd');
        expect(await page.textContent('.error-summary')).toContain('hoogstens 6 maanden, dus uiterlijk tot en met 11 juli 2026');
        await look(page, `coachmatch-${name}-placement-new-too-long`);
        expect(await placements()).toBe(0);
        await page.fill('#field-trialPlannedEnd', '');
        await page.fill('#field-trialExtensionReason', '');
      }
      await page.fill('#field-employerContactName', 'Karin Korenschoof');
      await submit(page, 'form[action="/portal/placements"] button[type=submit]');
      expect(new URL(page.url()).pathname).toMatch(/^\/portal\/placements\/[0-9a-f-]{36}$/);
      expect(await page.textContent('[role=status]')).toContain('De plaatsing is gestart.');
      const [placement] = await testApp.dataSource.query(
        'SELECT id, status, contract_start, trial_start FROM placement WHERE participant_id = $1',
        [fatima],
      );
      expect(placement.status).toBe(start);
      expect(start === 'contract' ? placement.contract_start : placement.trial_start).not.toBeNull();
      await look(page, `coachmatch-${name}-placement`);

      // Loonwaarde, subsidy decision and payments.
      await follow(page, `a[href="/portal/placements/${placement.id}/subsidy"]`);
      await look(page, `coachmatch-${name}-subsidy`);
      await submit(page, `form[action$="/wage-value-assessments"] button[type=submit]`);
      await expectErrorFor(page, 'assessorName');
      await look(page, `coachmatch-${name}-subsidy-assessment-errors`);
      await page.fill('#field-assessorName', 'J. de Boer');
      await page.fill('#field-assessedOn', '2026-01-10');
      await page.fill('#field-percentage', '55,5');
      await page.fill('#field-referenceJob', 'Medewerker inpak');
      await page.fill('#field-method', 'Dariuz-methode');
      await submit(page, `form[action$="/wage-value-assessments"] button[type=submit]`);
      expect(await page.textContent('[role=status]')).toContain('De loonwaarde is opgeslagen.');
      expect(await page.textContent('.assessment-list')).toContain('55,5% op 10 januari 2026, door J. de Boer');
      if (start === 'contract') expect(await page.textContent('#calculation-title')).toContain('januari 2026');

      // A grant without amount and period: all its errors at once, nothing saved.
      await page.fill('#field-appliedOn', '2026-01-06');
      await submit(page, `form[action$="/subsidy-decisions"] button[type=submit]`);
      for (const field of ['decidedOn', 'monthlyAmount', 'periodStart', 'periodEnd']) {
        expect(await page.locator(`.error-summary a[href="#field-${field}"]`).count()).toBe(1);
      }
      await expectErrorFor(page, 'monthlyAmount');
      await look(page, `coachmatch-${name}-subsidy-decision-errors`);
      // Dates in the wrong order and an amount that is no amount: again all at once, each in words.
      await page.fill('#field-decidedOn', '2026-01-02');
      await page.fill('#field-monthlyAmount', 'duizend');
      await page.fill('#field-periodStart', '2026-03-31');
      await page.fill('#field-periodEnd', '2026-01-12');
      await submit(page, `form[action$="/subsidy-decisions"] button[type=submit]`);
      const summary = await text(page, '.error-summary');
      for (const field of ['decidedOn', 'monthlyAmount', 'periodEnd']) {
        expect(await page.locator(`.error-summary a[href="#field-${field}"]`).count()).toBe(1);
      }
      expect(summary).toMatch(/deze datum mag niet vóór .+ liggen/);
      expect(summary).not.toMatch(/periodStart|appliedOn|must not/);
      await page.fill('#field-decidedOn', '2026-01-20');
      await page.fill('#field-monthlyAmount', '1.234,56');
      await page.fill('#field-periodStart', '2026-01-12');
      await page.fill('#field-periodEnd', '2026-03-31');
      await submit(page, `form[action$="/subsidy-decisions"] button[type=submit]`);
      expect(await page.textContent('[role=status]')).toContain('Het besluit over de loonkostensubsidie is opgeslagen.');
      const payments = page.locator('.payment-list > li');
      expect(await payments.count()).toBe(3);
      expect(await payments.first().textContent()).toContain('januari 2026');
      expect(await text(page, '.payment-list > li:first-child')).toContain('€ 1.234,56');
      expect(await text(page, 'main')).toContain('Toegekend bedrag per maand: € 1.234,56');
      await look(page, `coachmatch-${name}-subsidy-granted`);
      const firstId = (await payments.first().locator('form').getAttribute('action'))!;
      await page.fill(`form[action="${firstId}"] input[type=date]`, '2026-02-02');
      await submit(page, `form[action="${firstId}"] button[type=submit]`);
      expect(await page.textContent('[role=status]')).toContain('De betaling is als ontvangen opgeslagen.');
      expect(await payments.first().textContent()).toContain('Ontvangen op 2 februari 2026');
      await look(page, `coachmatch-${name}-subsidy-paid`);
      await context.close();

      // The employer's placements page now shows the grant and the payments (the employer's own browser test checks that page).
      const employerContext = await browser.newContext({ viewport: { width, height } });
      employerContext.setDefaultTimeout(10_000);
      const employerPage = await signInWithPassword(employerContext, baseUrl, employerUser.email);
      await follow(employerPage, 'nav a[href="/portal/placements"]');
      expect(await text(employerPage, 'main')).toContain('€ 1.234,56');
      expect(await text(employerPage, 'main')).toContain('januari 2026');
      await employerContext.close();
    });
  });
});
