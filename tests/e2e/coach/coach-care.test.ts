import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { CoachPagesModule } from '../../../src/portal/coach/coach-pages.module.js';
import { ParticipantPagesModule } from '../../../src/portal/participant/participant-pages.module.js';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createTeam,
  createUser,
  lastMailTo,
  type TestUser,
} from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, VIEWPORTS, signInWithLink, signInWithPassword, submit } from '../browser-support.js';

/** 12:20 in Amsterdam (CET): the greeting is "Goedemiddag". */
const NOON = '2026-03-13T11:20:00Z';

let testApp: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  testApp = await createTestApp({ imports: [CoachPagesModule, ParticipantPagesModule] });
  await resetState(testApp);
  await testApp.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await testApp?.close();
});

describe.each(VIEWPORTS)("the jobcoach's daily care work ($name)", (viewport) => {
  const { name } = viewport;
  let coach: TestUser;
  let participantUser: TestUser;
  let employerUser: TestUser;
  let participantId: string;
  let placementId: string;
  let checkinId: string;
  let helpRequestId: string;
  let context: BrowserContext;
  let page: Page;
  const lastName = name === 'telefoon' ? 'Jansen' : 'Bakker';
  const employerName = `Bakkerij ${lastName}`;

  beforeAll(async () => {
    testApp.clock.set(NOON);
    const ds = testApp.dataSource;
    const organisation = await createOrganisation(ds);
    const team = await createTeam(ds, organisation.id);
    coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries' WHERE id = $1", [coach.userId]);
    const employerId = await createEmployer(ds, organisation.id, employerName);
    await ds.query('UPDATE employer SET contact_coach_membership_id = $2 WHERE id = $1', [employerId, coach.membershipId]);
    await createEmployer(ds, organisation.id, 'Gemeentewerf Oost');
    employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
    await ds.query("UPDATE user_account SET display_name = 'Karin de Bruin' WHERE id = $1", [employerUser.userId]);
    participantId = await createParticipant(ds, organisation.id, coach.membershipId, ['Fatima', lastName]);
    await createParticipant(ds, organisation.id, coach.membershipId, ['Ahmed', 'Yilmaz']);
    participantUser = await createUser(testApp, organisation.id, 'participant', { participantId });
    await ds.query('UPDATE participant SET email = $2 WHERE id = $1', [participantId, participantUser.email]);
    await ds.query(`UPDATE user_account SET display_name = 'Fatima ${lastName}' WHERE id = $1`, [participantUser.userId]);
    const [placement] = await ds.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-02', 'fixed_term', 24) RETURNING id`,
      [organisation.id, participantId, employerId, coach.membershipId],
    );
    placementId = placement.id;
    // A check-in three days overdue, which the participant prepared on their page.
    const [checkin] = await ds.query(
      "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, $3, '2026-03-10', 'planned') RETURNING id",
      [organisation.id, placementId, coach.membershipId],
    );
    checkinId = checkin.id;
    await ds.query(
      `INSERT INTO checkin_preparation (checkin_id, organisation_id, how_are_things, trend, hindering_domains, helping_domains, first_step, help_wanted, submitted_at)
       VALUES ($1, $2, 2, 'worse', '{income_and_money}', '{family_and_friends}', 'Eerder naar bed gaan', 'Hulp bij mijn rooster', '2026-03-09T18:00:00Z')`,
      [checkinId, organisation.id],
    );
    // The employer asked for help three days ago.
    const asked = await request(testApp.http)
      .post('/v1/help-requests')
      .set(employerUser.auth)
      .send({ category: 'employee_functioning', urgency: 'normal', body: 'Fatima komt vaak te laat. Kunt u langskomen?' });
    expect(asked.status).toBe(201);
    helpRequestId = asked.body.id;
    await ds.query("UPDATE help_request SET created_at = '2026-03-10T09:00:00Z' WHERE id = $1", [helpRequestId]);
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    page = await signInWithPassword(context, baseUrl, coach.email);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('opens on Vandaag: what is overdue and who asked what, with a greeting for the time of day', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/today');
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Goedemiddag Sanne de Vries');
    expect(main).toContain('1 gesprek te laat');
    expect(main).toContain('3 dagen geleden');
    const card = page.locator(`.card:has(a[href="/portal/help-requests/${helpRequestId}"])`);
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('Werkgever');
    expect(cardText).toContain(employerName);
    expect(cardText).toContain('Onderwerp: Hoe het gaat met een medewerker');
    expect(cardText).toContain('3 dagen geleden');
    await checkPage(page, `care-${name}-today`);
  });

  it('finds a participant by name and records a consent for a named employer, with how the participant confirmed it', async () => {
    await Promise.all([page.waitForURL('**/portal/caseload'), page.click('nav a[href="/portal/caseload"]')]);
    await page.fill('#field-q', lastName.toLowerCase());
    await submit(page, 'form[role=search] button[type=submit]');
    expect(await page.textContent('main')).toContain(`${lastName}, Fatima`);
    expect(await page.textContent('main')).not.toContain('Yilmaz');
    await checkPage(page, `care-${name}-caseload-search`);
    await Promise.all([page.waitForURL(`**/portal/caseload/${participantId}`), page.click(`a[href="/portal/caseload/${participantId}"]`)]);
    await checkPage(page, `care-${name}-participant`);
    await Promise.all([
      page.waitForURL(`**/portal/caseload/${participantId}/consents`),
      page.click(`a[href="/portal/caseload/${participantId}/consents"]`),
    ]);
    await checkPage(page, `care-${name}-consents`);

    // Nothing chosen: the summary names what is missing, in Dutch.
    await submit(page, `form[action="/portal/caseload/${participantId}/consents"] button[type=submit]`);
    await expectErrorFor(page, 'purpose');
    expect(await page.textContent('.error-summary')).toContain('Vink aan dat de deelnemer dit zelf heeft bevestigd.');
    await checkPage(page, `care-${name}-consents-errors`);

    // Share the name and work preferences with the employer; confirmed by phone.
    await page.check('label:has-text("Profiel delen met een werkgever")');
    await page.selectOption('#field-employerId', { label: employerName });
    await page.check('label:has-text("Naam")');
    await page.check('label:has-text("Werkwensen")');
    await page.check('label:has-text("Telefoon")');
    await page.check('#field-confirmed');
    await submit(page, `form[action="/portal/caseload/${participantId}/consents"] button[type=submit]`);
    expect(new URL(page.url()).search).toBe('?saved=given');
    expect(await page.textContent('[role=status]')).toContain('De toestemming is vastgelegd');
    const active = (await page.textContent('#active-title + .card-list')) ?? '';
    expect(active).toContain(`Profiel delen met een werkgever: ${employerName}`);
    expect(active).toContain('bevestigd via telefoon');
    await checkPage(page, `care-${name}-consents-recorded`);

    // And that the employer may know about the target-group register (not yet that a coach is involved).
    await page.check('label:has-text("Werkgever mag weten dat de deelnemer in het doelgroepregister staat")');
    await page.selectOption('#field-employerId', { label: employerName });
    await page.check('label:has-text("In een gesprek")');
    await page.check('#field-confirmed');
    await submit(page, `form[action="/portal/caseload/${participantId}/consents"] button[type=submit]`);
    expect(await page.locator('#active-title + .card-list > li').count()).toBe(2);

    // The participant is told by mail, and sees (and could withdraw) it on their own consents page.
    const mail = await lastMailTo(testApp.dataSource, participantUser.email);
    expect(mail?.template).toBe('consent-recorded');
    const own = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL' });
    const participantPage = await signInWithLink(own, baseUrl, testApp.dataSource, participantUser.email);
    await participantPage.goto(`${baseUrl}/portal/consents`);
    const withdrawButtons = participantPage.locator('form[action$="/withdrawal"] button');
    expect(await participantPage.textContent('main')).toContain(employerName);
    expect(await participantPage.textContent('main')).toContain('Vastgelegd door uw coach, nadat u het bevestigde (telefoon).');
    await checkPage(participantPage, `care-${name}-participant-consents`);
    expect(await withdrawButtons.count()).toBeGreaterThanOrEqual(2);
    await own.close();
  });

  it('schedules the handover and runs the checklist step by step, saving each step', async () => {
    await page.goto(`${baseUrl}/portal/placements/${placementId}`);
    await page.fill('#field-date', '2026-03-20');
    await page.fill('#field-time', '10:00');
    await page.fill('#field-location', `${employerName}, Oudegracht 12, Utrecht`);
    await submit(page, `form[action="/portal/placements/${placementId}/handover"] button`);
    expect(new URL(page.url()).pathname).toMatch(/^\/portal\/handovers\//);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('0 van 18 afgerond.');
    // No consent that the employer may know a coach is involved: the page says so in Dutch.
    expect(main).toContain('Werkbrug heeft de werkgever daarom niet benaderd.');
    expect(main).not.toMatch(/The participant has not agreed/);
    await checkPage(page, `care-${name}-handover`);

    // The first step is open; its labels do not repeat its name.
    expect((await page.locator('#item-agreements-finances').getAttribute('open')) !== null).toBe(true);
    expect(await page.textContent('label[for="field-agreements-finances-text"]')).toBe('Wat is afgesproken');
    await page.fill('#field-agreements-finances-text', 'Reiskosten volgens cao, werkgever betaalt de OV-kaart');
    await page.fill('#field-agreements-finances-owner', 'Werkgever');
    await submit(page, '#item-agreements-finances button[name=next]');
    expect(await page.textContent('[role=status]')).toContain('Financiën en reiskosten is opgeslagen. 1 van 18 afgerond.');
    expect((await page.locator('#item-agreements-trialPlacement').getAttribute('open')) !== null).toBe(true);
    await page.check('#field-agreements-trialPlacement-na');
    await submit(page, '#item-agreements-trialPlacement button[name=next]');
    expect(await page.textContent('[role=status]')).toContain('2 van 18 afgerond.');
    expect(await page.textContent('#item-agreements-trialPlacement > summary')).toContain('Niet van toepassing');
    expect(await page.textContent('#item-agreements-finances > summary')).toContain('Afgerond');
    await checkPage(page, `care-${name}-handover-steps`);
  });

  it("records the check-in after reading the participant's preparation, and Vandaag shows its signals", async () => {
    await page.goto(`${baseUrl}/portal/today`);
    await Promise.all([page.waitForURL(`**/portal/checkins/${checkinId}`), page.click(`a[href="/portal/checkins/${checkinId}"]`)]);
    const prep = (await page.textContent('#prep-title + p + dl')) ?? '';
    expect(prep).toContain('2 van 5');
    expect(prep).toContain('Slechter');
    expect(prep).toContain('Inkomen en geld');
    expect(prep).toContain('Familie en vrienden');
    expect(prep).toContain('Eerder naar bed gaan');
    expect(prep).toContain('Hulp bij mijn rooster');
    await checkPage(page, `care-${name}-checkin`);

    // A time and place for the meeting, which the participant then sees on their home page.
    await submit(page, `form[action="/portal/checkins/${checkinId}/appointment"] button[type=submit]`);
    await expectErrorFor(page, 'appointmentDate');
    await expectErrorFor(page, 'appointmentPlace');
    await checkPage(page, `care-${name}-checkin-appointment-errors`);
    await page.fill('#field-appointmentDate', '2026-03-16');
    await page.fill('#field-appointmentTime', '10:00');
    await page.fill('#field-appointmentPlace', 'Op het werk');
    await submit(page, `form[action="/portal/checkins/${checkinId}/appointment"] button[type=submit]`);
    expect(await page.textContent('#appointment-title ~ [role=status]')).toContain('De afspraak is opgeslagen');
    expect(await page.textContent('#appointment-title ~ p')).toContain('maandag 16 maart 2026 om 10:00');
    const [stored] = await testApp.dataSource.query('SELECT appointment_at, appointment_place FROM checkin WHERE id = $1', [checkinId]);
    // 10:00 in Utrecht on 16 March (winter time) is 09:00 UTC.
    expect(new Date(stored.appointment_at).toISOString()).toBe('2026-03-16T09:00:00.000Z');
    expect(stored.appointment_place).toBe('Op het werk');

    await page.selectOption('#field-channel', 'phone');
    await page.selectOption('#field-withWhom', 'participant');
    await page.fill('#field-frame-knowing', 'Weet wat er verwacht wordt.');
    await page.fill('#field-frame-able', 'Het tempo in de ochtend is zwaar.');
    await page.fill('#field-frame-doing', 'Komt soms te laat.');
    await page.fill('#field-frame-belonging', 'Luncht met collega’s.');
    await page.check('label:has-text("Te laat komen")');
    if (await page.locator('#field-workMatchesDescription').count()) await page.check('#field-workMatchesDescription');
    await submit(page, `form[action="/portal/checkins/${checkinId}"] button[type=submit]`);
    expect(new URL(page.url()).pathname).toBe(`/portal/placements/${placementId}`);
    await checkPage(page, `care-${name}-checkin-recorded`);

    await Promise.all([page.waitForURL('**/portal/today'), page.click('nav a[href="/portal"]')]);
    const signals = (await page.textContent('#risk-title + .card-list')) ?? '';
    expect(signals).toContain(`Fatima ${lastName}`);
    expect(signals).toContain('Te laat komen');
    await checkPage(page, `care-${name}-today-signals`);
  });

  it("answers the employer's help request", async () => {
    await page.click(`a[href="/portal/help-requests/${helpRequestId}"]`);
    await page.waitForURL(`**/portal/help-requests/${helpRequestId}`);
    const facts = (await page.textContent('main dl')) ?? '';
    expect(facts).toContain('Karin de Bruin');
    expect(facts).toContain('Werkgever');
    expect(facts).toContain('Hoe het gaat met een medewerker');
    await checkPage(page, `care-${name}-help-request`);
    await page.fill('#field-body', 'Ik kom dinsdag om 10:00 uur langs.');
    await submit(page, `form[action="/portal/help-requests/${helpRequestId}/messages"] button`);
    expect(await page.textContent('[role=status]')).toContain('Uw antwoord is verstuurd.');
    expect(await page.textContent('#messages-title + ol')).toContain('Ik kom dinsdag om 10:00 uur langs.');
    await checkPage(page, `care-${name}-help-request-answered`);
  });
});
