import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { EarlyWarningService } from '../../../src/aftercare/early-warning.service.js';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, VIEWPORTS, signInWithPassword, submit } from '../browser-support.js';

let testApp: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  testApp = await createTestApp({ imports: [CoachPagesModule] });
  await resetState(testApp);
  await testApp.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launchBrowser();
  testApp.clock.set('2026-03-13T08:30:00Z');
});

afterAll(async () => {
  await browser?.close();
  await testApp?.close();
});

describe.each(VIEWPORTS)("the team lead's team ($name)", (viewport) => {
  const { name } = viewport;
  let lead: TestUser;
  let busy: TestUser;
  let calm: TestUser;
  let movedId: string;
  let placementId: string;
  let hoursPlacementId: string;
  let helpRequestId: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    await ds.query('UPDATE team SET caseload_limit = 2 WHERE id = $1', [team]);
    lead = await createUser(testApp, organisation.id, 'team_lead', { teamId: team });
    busy = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    calm = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries' WHERE id = $1", [busy.userId]);
    await ds.query("UPDATE user_account SET display_name = 'Ahmed Yilmaz' WHERE id = $1", [calm.userId]);
    await ds.query("UPDATE user_account SET display_name = 'Els Teamleider' WHERE id = $1", [lead.userId]);
    movedId = await createParticipant(ds, organisation.id, busy.membershipId, ['Fatima', 'El Amrani']);
    const employerId = await createEmployer(ds, organisation.id);
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'aftercare', '2026-01-05', 'fixed_term', 24) RETURNING id`,
      [organisation.id, movedId, employerId, busy.membershipId],
    );
    placementId = placement.id;
    await ds.query(
      "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, $3, '2026-03-20', 'planned')",
      [organisation.id, placementId, busy.membershipId],
    );
    const janId = await createParticipant(ds, organisation.id, busy.membershipId, ['Jan', 'Jansen']);
    // Jan works 16 hours a week: an early warning, on which his coach has already acted.
    const [hoursPlacement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-01-05', 'permanent', 16) RETURNING id`,
      [organisation.id, janId, employerId, busy.membershipId],
    );
    hoursPlacementId = hoursPlacement.id;
    await testApp.app.get(EarlyWarningService).evaluatePlacement(hoursPlacementId);
    const [risk] = await ds.query('SELECT id FROM placement_risk WHERE placement_id = $1', [hoursPlacementId]);
    await request(testApp.http)
      .post(`/v1/placements/${hoursPlacementId}/risks/${risk.id}/follow-ups`)
      .set(busy.auth)
      .send({ action: 'hours_talk_planned', note: 'Werkgever denkt na over 24 uur.' })
      .expect(201);
    const askingId = await createParticipant(ds, organisation.id, busy.membershipId, ['Priya', 'Ramdin']);
    const asking = await createUser(testApp, organisation.id, 'participant', { participantId: askingId });
    const asked = await request(testApp.http)
      .post('/v1/help-requests')
      .set(asking.auth)
      .send({ category: 'money', urgency: 'high', body: 'Mijn loon is niet betaald.' });
    expect(asked.status).toBe(201);
    helpRequestId = asked.body.id;
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    page = await signInWithPassword(context, baseUrl, lead.email);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lands on the team: workload per coach against the limit, in words as well as colour', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/team');
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('De grens is 2 deelnemers per coach.');
    expect(main).toContain('1 coach zit boven de grens.');
    const busyCard = (await page.textContent(`.card:has(a[href="/portal/team/coaches/${busy.membershipId}"])`)) ?? '';
    expect(busyCard).toContain('Boven de grens');
    expect(busyCard).toContain('3 van 2 deelnemers');
    expect(await page.textContent(`.card:has(a[href="/portal/team/coaches/${calm.membershipId}"])`)).toContain('Binnen de grens');
    await checkPage(page, `lead-${name}-team`);
  });

  it("shows what a coach did about a warning, and links the participant to the placement's warnings", async () => {
    const warning = page.locator(`.early-warning:has(a[href^="/portal/placements/${hoursPlacementId}"])`);
    const text = (await warning.textContent()) ?? '';
    expect(text).toContain('Jan Jansen');
    expect(text).toContain('Actie gedaan');
    expect(text).toContain('Gedaan: Gesprek over meer uren gepland');
    expect(text).toContain('door Sanne de Vries');
    expect(text).toContain('Notitie: Werkgever denkt na over 24 uur.');
    await Promise.all([
      page.waitForURL(`**/portal/placements/${hoursPlacementId}*`),
      page.click(`.early-warning a[href^="/portal/placements/${hoursPlacementId}"]`),
    ]);
    const section = (await page.textContent('section[aria-labelledby=warnings-title]')) ?? '';
    expect(section).toContain('Werkt 16 uur per week sinds 5 januari 2026.');
    expect(section).toContain('Gedaan: Gesprek over meer uren gepland');
    expect(await page.locator(`form[action^="/portal/placements/${hoursPlacementId}/warnings/"]`).count()).toBe(1);
    await checkPage(page, `lead-${name}-placement-warning`);

    // The coach's own page lists that coach's warnings too.
    await page.goto(`${baseUrl}/portal/team/coaches/${busy.membershipId}`);
    const coachWarnings = (await page.textContent('section[aria-labelledby=coach-risks-title]')) ?? '';
    expect(coachWarnings).toContain('Waarschuwingen van deze coach');
    expect(coachWarnings).toContain('Jan Jansen');
    expect(coachWarnings).toContain('Gedaan: Gesprek over meer uren gepland');
    await page.goto(`${baseUrl}/portal/team/coaches/${calm.membershipId}`);
    expect(await page.textContent('section[aria-labelledby=coach-risks-title]')).toContain('Deze coach heeft geen open waarschuwingen.');
    await page.goto(`${baseUrl}/portal/team`);
  });

  it("opens a coach's cases and hands a participant to another coach, with a reason", async () => {
    await Promise.all([
      page.waitForURL(`**/portal/team/coaches/${busy.membershipId}`),
      page.click(`h3 a[href="/portal/team/coaches/${busy.membershipId}"]`),
    ]);
    const cases = (await page.textContent('main')) ?? '';
    expect(cases).toContain('Fatima El Amrani');
    expect(cases).toContain('Priya Ramdin');
    expect(cases).toContain('1 open hulpvraag');
    await checkPage(page, `lead-${name}-coach-cases`);

    await Promise.all([
      page.waitForURL(`**/portal/team/participants/${movedId}/reassignment`),
      page.click(`a[href="/portal/team/participants/${movedId}/reassignment"]`),
    ]);
    expect(await page.textContent('main')).toContain('Nu is Sanne de Vries de coach.');
    await checkPage(page, `lead-${name}-reassign`);
    await submit(page, `form[action="/portal/team/participants/${movedId}/reassignment"] button[type=submit]`);
    await expectErrorFor(page, 'coachMembershipId');
    expect(await page.textContent('.error-summary')).toContain('Kies een waarde bij nieuwe coach.');
    await checkPage(page, `lead-${name}-reassign-errors`);

    await page.selectOption('#field-coachMembershipId', calm.membershipId);
    await page.fill('#field-reason', 'Sanne heeft te veel deelnemers; Ahmed neemt over.');
    await submit(page, `form[action="/portal/team/participants/${movedId}/reassignment"] button[type=submit]`);
    expect(new URL(page.url()).pathname).toBe(`/portal/team/coaches/${calm.membershipId}`);
    expect(await page.textContent('[role=status]')).toContain('De deelnemer is overgedragen.');
    expect(await page.textContent('main')).toContain('Fatima El Amrani');
    await checkPage(page, `lead-${name}-reassigned`);

    const [change] = await testApp.dataSource.query(
      'SELECT from_membership_id, to_membership_id, reason FROM participant_coach_change WHERE participant_id = $1',
      [movedId],
    );
    expect(change).toEqual({
      from_membership_id: busy.membershipId,
      to_membership_id: calm.membershipId,
      reason: 'Sanne heeft te veel deelnemers; Ahmed neemt over.',
    });
    const audited = await testApp.dataSource.query(
      "SELECT fields FROM audit_event WHERE subject_participant_id = $1 AND action = 'update' AND resource_type = 'participant'",
      [movedId],
    );
    expect(audited).toEqual([{ fields: ['coachMembershipId', 'reason'] }]);
    // The open placement and its planned check-in go along to the new coach, with the same reason.
    const [moved] = await testApp.dataSource.query(
      `SELECT pl.coach_membership_id AS placement_coach, c.coach_membership_id AS checkin_coach,
              (SELECT reason FROM placement_event e WHERE e.placement_id = pl.id AND e.kind = 'coach_reassigned') AS reason
         FROM placement pl JOIN checkin c ON c.placement_id = pl.id WHERE pl.id = $1`,
      [placementId],
    );
    expect(moved).toEqual({
      placement_coach: calm.membershipId,
      checkin_coach: calm.membershipId,
      reason: 'Sanne heeft te veel deelnemers; Ahmed neemt over.',
    });
  });

  it("shows the team's help requests by default", async () => {
    await Promise.all([page.waitForURL('**/portal/help-requests'), page.click('nav a[href="/portal/help-requests"]')]);
    expect(await page.inputValue('#field-assigned')).toBe('all');
    expect(await page.locator(`a[href="/portal/help-requests/${helpRequestId}"]`).count()).toBe(1);
    expect(await page.textContent('main')).toContain('Deelnemer');
    await checkPage(page, `lead-${name}-help-requests`);
  });

  it("sets the team's caseload limit", async () => {
    await Promise.all([page.waitForURL('**/portal/team'), page.click('nav a[href="/portal/team"]')]);
    await page.fill('#field-caseloadLimit', 'veel');
    await submit(page, 'form[action="/portal/team/caseload-limit"] button[type=submit]');
    await expectErrorFor(page, 'caseloadLimit');
    expect(await page.inputValue('#field-caseloadLimit')).toBe('veel');
    await checkPage(page, `lead-${name}-limit-errors`);
    await page.fill('#field-caseloadLimit', '4');
    await submit(page, 'form[action="/portal/team/caseload-limit"] button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('De grens is aangepast.');
    expect(await page.textContent('main')).toContain('De grens is 4 deelnemers per coach.');
    await checkPage(page, `lead-${name}-limit-saved`);
  });
});
