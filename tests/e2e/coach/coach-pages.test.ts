import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { AdminPagesModule } from '../../../src/portal/admin/admin-pages.module.js';
import { createEmployer, createOrganisation, createTeam, createUser, renewSession, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { createCandidate, createVacancy, giveConsent, MODULES } from '../../matching/world.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit } from '../browser-support.js';

describe('jobcoach and team lead pages', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let coach: TestUser;
  let lead: TestUser;
  let participantUser: TestUser;
  let employerUser: TestUser;
  let participantId: string;
  let employerId: string;
  let vacancyId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [...MODULES, CoachPagesModule, AdminPagesModule] });
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    const address = testApp.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
    const organisation = await createOrganisation(testApp.dataSource);
    const team = await createTeam(testApp.dataSource, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    lead = await createUser(testApp, organisation.id, 'team_lead', { teamId: team });
    employerId = await createEmployer(testApp.dataSource, organisation.id);
    employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
    vacancyId = await createVacancy(testApp, coach, employerId);
    participantId = await createCandidate(testApp, coach);
    participantUser = await createUser(testApp, organisation.id, 'participant', { participantId });
    await testApp.dataSource.query('UPDATE participant SET email = $2 WHERE id = $1', [participantId, participantUser.email]);
    await testApp.dataSource.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) VALUES ($1, $2, 'disclose_support_organisation', $3, now(), $4)",
      [organisation.id, participantId, employerId, participantUser.userId],
    );
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('runs the story from match to check-in and help request, with every page accessible', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    let page: Page = await signInWithPassword(context, baseUrl, coach.email);
    expect(new URL(page.url()).pathname).toBe('/portal/today');
    await checkPage(page, 'coach-today-empty');

    // Caseload with search and filter.
    await page.goto(`${baseUrl}/portal/caseload`);
    await page.fill('#field-q', 'amrani');
    await submit(page, 'form[role=search] button[type=submit]');
    expect(await page.textContent('main')).toContain('El Amrani, Fatima');
    await checkPage(page, 'coach-caseload');

    // Matching for the vacancy, with explanations; propose.
    await page.goto(`${baseUrl}/portal/matching`);
    await checkPage(page, 'coach-vacancies');
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/portal/matching/${vacancyId}"]`)]);
    expect(await page.locator('.match-table tbody tr').count()).toBeGreaterThan(0);
    await checkPage(page, 'coach-matches-vacancy');
    await submit(page, `form[action="/portal/matches"]:has(input[value="${participantId}"]) button`);
    expect(new URL(page.url()).pathname).toBe(`/portal/caseload/${participantId}`);
    expect(await page.textContent('[role=status]')).toContain('voorgesteld');

    // Matching for the participant.
    await page.goto(`${baseUrl}/portal/caseload/${participantId}/matches`);
    await checkPage(page, 'coach-matches-participant');

    // Introducing without the share consent is refused, with the reason.
    await page.goto(`${baseUrl}/portal/caseload/${participantId}`);
    await submit(page, 'form:has(input[name=status][value=introduced]) button');
    expect(await page.textContent('#action-error')).toContain('toestemming');
    await checkPage(page, 'coach-participant-introduce-refused');
    await giveConsent(testApp, coach, participantId, 'share_profile_with_employer', employerId, ['name', 'workPreferences', 'adaptations']);
    await submit(page, 'form:has(input[name=status][value=introduced]) button');
    expect(await page.textContent('[role=status]')).toContain('werkgever');
    await submit(page, 'form:has(input[name=status][value=trial_placement_agreed]) button');
    await checkPage(page, 'coach-participant');

    // Start the trial placement: invalid first.
    await Promise.all([page.waitForNavigation(), page.click('a[href^="/portal/placements/new"]')]);
    await page.check('#field-start');
    await page.fill('#field-trialStart', '2026-01-12');
    await page.fill('#field-employerContactName', 'Karin Korenschoof');
    await page.fill('#field-employerContactEmail', 'geen-email');
    await submit(page, 'form[action="/portal/placements"] button[type=submit]');
    await expectErrorFor(page, 'employerContactEmail');
    expect(await page.inputValue('#field-employerContactEmail')).toBe('geen-email');
    expect(await page.inputValue('#field-employerContactName')).toBe('Karin Korenschoof');
    await checkPage(page, 'coach-placement-new-errors');
    await page.fill('#field-employerContactEmail', 'karin@korenschoof.test');
    await submit(page, 'form[action="/portal/placements"] button[type=submit]');
    expect(new URL(page.url()).pathname).toMatch(/^\/portal\/placements\/[0-9a-f-]{36}$/);
    const placementId = new URL(page.url()).pathname.split('/').pop()!;
    await checkPage(page, 'coach-placement-trial');

    // Record the contract: invalid hours, then hours above the capacity (warning).
    await page.fill('#field-contractStart', '2026-03-12');
    await page.selectOption('#field-contractType', 'fixed_term');
    await page.fill('#field-hoursPerWeek', 'veel');
    await page.fill('#field-contractEnd', '2026-12-31');
    await submit(page, `form[action="/portal/placements/${placementId}/contract"] button`);
    await expectErrorFor(page, 'hoursPerWeek');
    expect(await page.inputValue('#field-hoursPerWeek')).toBe('veel');
    expect(await page.inputValue('#field-contractStart')).toBe('2026-03-12');
    await checkPage(page, 'coach-contract-errors');
    await page.fill('#field-hoursPerWeek', '30');
    await page.fill('#field-grossHourlyWage', '14,71');
    await submit(page, `form[action="/portal/placements/${placementId}/contract"] button`);
    expect(await page.textContent('.utrecht-alert--warning')).toContain('belastbaarheid');
    await checkPage(page, 'coach-placement-contract');

    // Schedule the handover: missing time first.
    await page.fill('#field-date', '2026-01-20');
    await page.fill('#field-location', 'Bakkerij De Korenschoof, Oudegracht 12, Utrecht');
    await submit(page, `form[action="/portal/placements/${placementId}/handover"] button`);
    await expectErrorFor(page, 'time');
    expect(await page.inputValue('#field-location')).toBe('Bakkerij De Korenschoof, Oudegracht 12, Utrecht');
    await checkPage(page, 'coach-handover-schedule-errors');
    await page.fill('#field-time', '10:00');
    await submit(page, `form[action="/portal/placements/${placementId}/handover"] button`);
    expect(new URL(page.url()).pathname).toMatch(/^\/portal\/handovers\//);
    const handoverId = new URL(page.url()).pathname.split('/').pop()!;
    await checkPage(page, 'coach-handover');

    // Checklist: an incomplete monitoring plan is refused, typed input kept.
    // The checklist is a list of collapsible steps: open a step before filling it in.
    const openStep = async (step: string) => {
      if ((await page.locator(`#item-${step}`).getAttribute('open')) === null) await page.click(`#item-${step} > summary`);
    };
    await openStep('agreements-finances');
    await page.fill('#field-agreements-finances-text', 'Reiskosten volgens cao');
    await openStep('monitoringPlan');
    await page.selectOption('#field-monitoringPlan-frequency', 'monthly');
    await submit(page, '#checklist-save-all');
    await expectErrorFor(page, 'monitoringPlan-whoContacts');
    expect(await page.inputValue('#field-agreements-finances-text')).toBe('Reiskosten volgens cao');
    await checkPage(page, 'coach-handover-checklist-errors');
    const agreements = [
      'shopFloorGuidance',
      'hours',
      'productionRequirements',
      'taskDivision',
      'contactBetweenParties',
      'evaluationMeetings',
      'wageCostSubsidy',
      'leave',
      'reportingSick',
    ];
    for (const [index, item] of agreements.entries()) {
      await openStep(`agreements-${item}`);
      await page.fill(`#field-agreements-${item}-text`, `Afspraak nummer ${index + 1}`);
    }
    await openStep('agreements-trialPlacement');
    await page.check('#field-agreements-trialPlacement-na');
    await openStep('agreements-otherPersonalMatters');
    await page.check('#field-agreements-otherPersonalMatters-na');
    for (const [index, item] of ['firmFooting', 'growthOptions', 'employmentLength', 'tasks', 'aftercareLength'].entries()) {
      await openStep(`expectations-${item}`);
      await page.fill(`#field-expectations-${item}-text`, `Verwachting nummer ${index + 1}`);
    }
    await openStep('monitoringPlan');
    await page.check('#field-monitoringPlan-forms');
    await page.selectOption('#field-monitoringPlan-whoContacts', 'both');
    await page.selectOption('#field-monitoringPlan-aftercareFunding', 'employer');
    await page.fill('#field-monitoringPlan-plannedAftercareEnd', '2026-12-31');
    await submit(page, '#checklist-save-all');
    expect(await page.textContent('main')).toContain('De checklist is compleet.');
    await checkPage(page, 'coach-handover-checklist-complete');

    // Attendance before the meeting is refused; after it started it is recorded.
    await page.check('#field-participant');
    await submit(page, `form[action="/portal/handovers/${handoverId}/attendance"] button`);
    await expectErrorFor(page, 'participant');
    await checkPage(page, 'coach-handover-attendance-errors');
    testApp.clock.set('2026-01-20T09:30:00Z');
    page = await signInWithPassword(context, baseUrl, coach.email);
    await page.goto(`${baseUrl}/portal/handovers/${handoverId}`);
    await page.check('#field-participant');
    await page.check('#field-coach');
    await page.check('#field-employerContact');
    await submit(page, `form[action="/portal/handovers/${handoverId}/attendance"] button`);
    expect(await page.textContent('main')).toContain('Gehouden');

    // Participant and employer confirm through the API.
    for (const user of [participantUser, employerUser]) {
      await renewSession(testApp, user);
      const confirmed = await request(testApp.http).post(`/v1/handovers/${handoverId}/confirmations`).set(user.auth);
      expect(confirmed.status).toBe(200);
    }
    await page.goto(`${baseUrl}/portal/handovers/${handoverId}`);
    expect(await page.textContent('main')).toContain('Afgerond');
    await checkPage(page, 'coach-handover-completed');

    // The first check-in through the form: empty frame first.
    const [checkin] = await testApp.dataSource.query(
      "SELECT id FROM checkin WHERE placement_id = $1 AND status = 'planned' ORDER BY due_on LIMIT 1",
      [placementId],
    );
    expect(checkin).toBeDefined();
    await page.goto(`${baseUrl}/portal/checkins/${checkin.id}`);
    await checkPage(page, 'coach-checkin');
    await page.fill('#field-lookBack', 'De eerste weken gingen goed.');
    await page.selectOption('#field-channel', 'phone');
    await submit(page, `form[action="/portal/checkins/${checkin.id}"] button[type=submit]`);
    await expectErrorFor(page, 'frame-knowing');
    expect(await page.inputValue('#field-lookBack')).toBe('De eerste weken gingen goed.');
    await checkPage(page, 'coach-checkin-errors');
    await page.selectOption('#field-withWhom', 'participant');
    await page.fill('#field-frame-knowing', 'Weet wat er verwacht wordt.');
    await page.fill('#field-frame-able', 'Kan het tempo aan in de ochtend.');
    await page.fill('#field-frame-doing', 'Komt op tijd.');
    await page.fill('#field-frame-belonging', 'Luncht met collega’s.');
    await page.selectOption('#field-lifeDomains-work', 'good');
    await page.selectOption('#field-lifeDomains-finances', 'attention');
    await page.check('#field-signals-work_too_heavy');
    await page.selectOption('#field-actions-0-owner', 'employer');
    await page.fill('#field-actions-0-text', 'Rooster samen doorlopen');
    if (await page.locator('#field-workMatchesDescription').count()) await page.check('#field-workMatchesDescription');
    await submit(page, `form[action="/portal/checkins/${checkin.id}"] button[type=submit]`);
    expect(new URL(page.url()).pathname).toBe(`/portal/placements/${placementId}`);
    expect(await page.textContent('[role=status]')).toContain('Het gesprek is opgeslagen.');
    const [done] = await testApp.dataSource.query('SELECT status FROM checkin WHERE id = $1', [checkin.id]);
    expect(done.status).toBe('done');

    // A help request from the participant, acknowledged in the inbox.
    await renewSession(testApp, participantUser);
    const created = await request(testApp.http)
      .post('/v1/help-requests')
      .set(participantUser.auth)
      .send({ category: 'conflict_at_work', urgency: 'high', body: 'Mijn rooster is veranderd en ik moet nu ook avonden werken.' });
    expect(created.status).toBe(201);
    await page.goto(`${baseUrl}/portal/today`);
    await checkPage(page, 'coach-today');
    await page.goto(`${baseUrl}/portal/help-requests`);
    await checkPage(page, 'coach-help-inbox');
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/portal/help-requests/${created.body.id}"]`)]);
    await submit(page, `form[action="/portal/help-requests/${created.body.id}/messages"] button`);
    await expectErrorFor(page, 'body');
    await checkPage(page, 'coach-help-request-errors');
    await submit(page, `form:has(input[name=status][value=acknowledged]) button`);
    expect(await page.textContent('[role=status]')).toContain('bevestigd');
    await page.fill('#field-body', 'Ik bel u morgen om 10:00 uur.');
    await submit(page, `form[action="/portal/help-requests/${created.body.id}/messages"] button`);
    await checkPage(page, 'coach-help-request');
    const [help] = await testApp.dataSource.query('SELECT status FROM help_request WHERE id = $1', [created.body.id]);
    expect(help.status).toBe('acknowledged');

    // English through the language switch; 200% zoom stays usable (no horizontal scrolling).
    await submit(page, 'form[action="/portal/language"] button');
    await page.goto(`${baseUrl}/portal/today`);
    expect(await page.textContent('h1')).toBe('Today');
    await checkPage(page, 'coach-today-en');
    // 200% zoom on a 1280 px screen is a 640 px wide viewport: no horizontal scrolling.
    await page.setViewportSize({ width: 640, height: 800 });
    await page.goto(`${baseUrl}/portal/placements/${placementId}`);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await checkPage(page, 'coach-placement-zoom');
    await context.close();
  }, 480_000);

  it('shows the team lead the team workload and escalations', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await signInWithPassword(context, baseUrl, lead.email);
    await page.goto(`${baseUrl}/portal/team`);
    expect(await page.textContent('main')).toContain(coach.email.split('@')[0].split('-').pop()!);
    await checkPage(page, 'lead-team');
    await page.goto(`${baseUrl}/portal/help-requests`);
    expect(await page.inputValue('#field-assigned')).toBe('all');
    await checkPage(page, 'lead-help-inbox');
    await context.close();
  });

  it('lets a team lead show an employer what a job would cost and bring, from the menu, without duplicate field ids', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const page = await signInWithPassword(context, baseUrl, lead.email);
    await page.click('a[href="/portal/calculations"]');
    expect(new URL(page.url()).pathname).toBe('/portal/calculations');
    expect(
      await page.evaluate<string[]>(
        '[...document.querySelectorAll("[id]")].map((e) => e.id).filter((id, i, all) => all.indexOf(id) !== i)',
      ),
    ).toEqual([]);
    await checkPage(page, 'coach-calculations');
    const form = 'form:has(input[name=kind][value="wage-cost-subsidy"])';
    await page.fill(`${form} input[name=month]`, '2026-03');
    await page.fill(`${form} input[name=hoursPerWeek]`, '36');
    await page.fill(`${form} input[name=hourlyWage]`, '14,71');
    await page.fill(`${form} input[name=wageValuePercent]`, '50');
    await page.fill(`${form} input[name=employmentStart]`, '2026-01-05');
    await submit(page, `${form} button[type=submit]`);
    // 36 h/week at the 2026 minimum wage (EUR 14.71), wage value 50%: worked out in tests/unit/rules/law-as-it-stands.test.ts.
    expect(await page.textContent('.calculation-result')).toContain('1.530,38');
    await checkPage(page, 'coach-calculations-result');
    await context.close();
  });

  it('keeps the coach pages away from other roles', async () => {
    const context = await browser.newContext();
    const page = await signInWithPassword(context, baseUrl, employerUser.email);
    const response = await page.goto(`${baseUrl}/portal/caseload`);
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
