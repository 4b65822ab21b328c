import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SurveysService } from '../../../src/surveys/surveys.service.js';
import { aftercareWorld, type AftercareWorld } from '../../aftercare/aftercare-world.js';
import { createTestApp, eventually, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

/** A participant answers the satisfaction survey from the link in the mail, without signing in; the employer from its home. */
describe.each(VIEWPORTS)('satisfaction survey ($name)', ({ name: device, width, height }) => {
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let world: AftercareWorld;
  const shot = (name: string) => `participant-survey-${device}-${name}`;

  beforeAll(async () => {
    testApp = await createTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    testApp.clock.set('2026-03-02T09:00:00Z');
    world = await aftercareWorld(testApp);
    const ds = testApp.dataSource;
    await ds.query("UPDATE user_account SET display_name = 'Sanne de Vries' WHERE id = $1", [world.coach.userId]);
    await ds.query("UPDATE user_account SET display_name = 'Karin Korenschoof' WHERE id = $1", [world.employerUser.userId]);
    // Three months into the placement (contract from 2 February): the job sends the surveys.
    testApp.clock.set('2026-05-04T09:00:00Z');
    await testApp.app.get(SurveysService).sendDue();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await testApp?.close();
  });

  /** The survey mail of this world's placement (each viewport has its own world in the worker's database). */
  async function linkFromMail(template: string): Promise<string> {
    const mail = await eventually(async () => {
      const [row] = await testApp.dataSource.query(
        'SELECT m.context, m.text FROM mail_message m WHERE m.template = $1 AND m.about_participant_id = $2',
        [template, world.participantId],
      );
      return row;
    });
    // Sent mail keeps its composed text (the context is emptied once composed).
    const found = /https?:\/\/\S+\/portal\/survey\?token=[A-Za-z0-9_%-]+/.exec(String(mail.text ?? mail.context.link))?.[0];
    const link = new URL(String(found));
    return `${baseUrl}${link.pathname}${link.search}`;
  }

  it('answers from the link in the mail: score required, then thanks, and a second visit says it was answered', async () => {
    const link = await linkFromMail('survey-participant');
    const page: Page = await context.newPage();
    await page.goto(link);
    await expect(page.textContent('h1')).resolves.toContain('Hoe tevreden bent u?');
    await expect(page.textContent('main')).resolves.toContain('U werkt bij Bakkerij De Korenschoof. Sanne de Vries helpt u daarbij.');
    await checkPage(page, shot('form'));

    await page.fill('#field-wentWell', 'Ik kon altijd bellen als er iets was.');
    await submit(page, 'form[action="/portal/survey"] button[type=submit]');
    await expectErrorFor(page, 'score');
    await checkPage(page, shot('error'));
    // What was typed is kept.
    await expect(page.inputValue('#field-wentWell')).resolves.toBe('Ik kon altijd bellen als er iets was.');

    await page.click('label[for="field-score-7"]');
    await page.fill('#field-couldBeBetter', 'Vaker langskomen op het werk.');
    await submit(page, 'form[action="/portal/survey"] button[type=submit]');
    await expect(page.textContent('main')).resolves.toContain('Dank u wel! Wij hebben uw antwoord ontvangen.');
    await checkPage(page, shot('done'));

    await page.goto(link);
    await expect(page.textContent('main')).resolves.toContain('U heeft deze vragen al beantwoord.');
    await expect(page.locator('form[action="/portal/survey"]').count()).resolves.toBe(0);
    await checkPage(page, shot('already'));
    const [row] = await testApp.dataSource.query(
      "SELECT score FROM survey_invitation WHERE respondent = 'participant' AND placement_id = $1",
      [world.placementId],
    );
    expect(row.score).toBe(8);

    await page.goto(`${baseUrl}/portal/survey?token=deze-link-bestaat-niet-meer-in-werkbrug`);
    await expect(page.textContent('main')).resolves.toContain('Deze link werkt niet meer.');
    await checkPage(page, shot('gone'));
    await page.close();
  });

  it('shows the employer its open survey on its home, answered there', async () => {
    const page = await signInWithPassword(context, baseUrl, world.employerUser.email);
    await page.goto(`${baseUrl}/portal/employer`);
    await checkPage(page, shot('employer-home'));
    await submit(page, 'a[href^="/portal/surveys/"]');
    await expect(page.textContent('main')).resolves.toContain('werkt bij u');
    await checkPage(page, shot('employer-form'));
    await page.click('label[for="field-score"]');
    await submit(page, 'form[action^="/portal/surveys/"] button[type=submit]');
    await expect(page.textContent('main')).resolves.toContain('Dank u wel!');
    await checkPage(page, shot('employer-done'));
    const [row] = await testApp.dataSource.query(
      "SELECT score FROM survey_invitation WHERE respondent = 'employer_contact' AND placement_id = $1",
      [world.placementId],
    );
    expect(row.score).toBe(1);
    // A score of 1 is low: the coach has a task.
    const tasks = await testApp.dataSource.query(
      "SELECT assignee_membership_id FROM coach_task WHERE kind = 'low_satisfaction_score' AND placement_id = $1",
      [world.placementId],
    );
    expect(tasks).toEqual([{ assignee_membership_id: world.coach.membershipId }]);
    await page.close();
  });

  it('shows the team lead the coaches beside UWV’s minimum, with no average over too few answers to hide who gave it', async () => {
    await testApp.dataSource.query("UPDATE user_account SET display_name = 'Ahmed Bakker' WHERE id = $1", [world.lead.userId]);
    const page = await signInWithPassword(context, baseUrl, world.lead.email);
    await page.goto(`${baseUrl}/portal/survey-results?year=2026`);
    await expect(page.textContent('h1')).resolves.toContain('Tevredenheid over de jobcoaches');
    // 8 from the participant and 1 from the employer: two answers, fewer than the 5 an average needs, so no 4,5 that
    // would point at them (tests/surveys checks the figures themselves).
    const table = await page.textContent('table');
    expect(table).toContain('Niet getoond: minder dan 5 antwoorden');
    expect(table).not.toContain('4,5');
    await checkPage(page, shot('results'));
    await page.close();
  });
});
