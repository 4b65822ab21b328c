import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OidcService } from '../../../src/identity/oidc/oidc.service.js';
import { ManualClock } from '../../../src/platform/clock/clock.js';
import { ParticipantPagesModule } from '../../../src/portal/participant/participant-pages.module.js';
import { createOrganisation, createParticipant, createUser, type TestOrganisation, type TestUser } from '../../support/fixtures.js';
import { DIGID_ACR, digidProvider, startTestBroker, type TestBroker } from '../../support/oidc-test-provider.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { checkPage, launchBrowser, PHONE, signInWithLink } from '../browser-support.js';

/** A port for the app, known before it boots: the broker sends the browser back to its public address. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a participant signs in with DigiD through the local broker, in a browser', () => {
  let testApp: TestApp;
  let broker: TestBroker;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let organisation: TestOrganisation;
  let participant: TestUser;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // The broker signs its tokens with the real time: the app's clock stands there too.
    testApp = await createTestApp({ imports: [ParticipantPagesModule], env: { PUBLIC_URL: baseUrl }, clock: new ManualClock(new Date()) });
    await testApp.app.listen(port, '127.0.0.1');
    broker = await startTestBroker(`${baseUrl}/portal/oidc/callback`, `${baseUrl}/portal/sign-in`);
    organisation = await createOrganisation(testApp.dataSource);
    await testApp.app.get(OidcService).addProvider(organisation.id, digidProvider(broker.issuer));
    const coach = await createUser(testApp, organisation.id, 'jobcoach');
    const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
    participant = await createUser(testApp, organisation.id, 'participant', { participantId });
    await testApp.dataSource.query("UPDATE user_account SET display_name = 'Fatima El Amrani' WHERE id = $1", [participant.userId]);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await broker?.stop();
    await testApp?.close();
  });

  /** On the broker's login page: the person and the level they sign in with. */
  async function loginAtBroker(subject: string, acr: string): Promise<void> {
    await page.waitForURL((url) => url.href.startsWith(`${broker.issuer}/interaction/`));
    await page.fill('#subject', subject);
    await page.selectOption('#acr', acr);
    await page.click('button[type=submit]');
  }

  it('links DigiD on the account page after signing in with an e-mail link', async () => {
    page = await signInWithLink(context, baseUrl, testApp.dataSource, participant.email);
    testApp.clock.set(new Date());
    await page.goto(`${baseUrl}/portal/account`);
    await checkPage(page, 'oidc-account');
    await page.click('a:has-text("Koppel Inloggen met DigiD")');
    await loginAtBroker('999993653', DIGID_ACR.substantieel);
    await page.waitForURL(`${baseUrl}/portal/account?done=linked`);
    expect(await page.textContent('main')).toContain('De inlogmanier is gekoppeld.');
    await checkPage(page, 'oidc-account-linked');
  });

  it('signs in with DigiD from the organisation’s sign-in page and lands on the participant home', async () => {
    await page.click('form[action="/portal/sign-out"] button[type=submit]');
    await page.waitForURL((url) => url.pathname === '/portal/sign-in');
    testApp.clock.set(new Date());
    await page.goto(`${baseUrl}/portal/sign-in?organisation=${organisation.slug}`);
    await checkPage(page, 'oidc-sign-in');
    await page.click('a:has-text("Inloggen met DigiD")');
    await loginAtBroker('999993653', DIGID_ACR.substantieel);
    await page.waitForURL(`${baseUrl}/portal/me`);
    expect(await page.textContent('main')).toContain('Fatima');
    await checkPage(page, 'oidc-participant-home');
    // The sign-in and the link are in the participant's own log of who did what with their data.
    await page.goto(`${baseUrl}/portal/my-data`);
    expect(await page.textContent('main')).toContain('ingelogd met DigiD');
    await checkPage(page, 'oidc-my-data');
  });

  it('signs out at Werkbrug and then at the broker', async () => {
    await page.click('form[action="/portal/sign-out"] button[type=submit]');
    await page.waitForURL((url) => url.pathname === '/portal/oidc/signed-out');
    await checkPage(page, 'oidc-signed-out');
    await page.click('a:has-text("Ook uitloggen bij de inlogdienst")');
    await page.waitForURL((url) => url.href.startsWith(`${broker.issuer}/session/end`));
    await page.click('button[name=logout][value=yes]');
    await page.waitForURL((url) => url.href.startsWith(`${baseUrl}/portal/sign-in`));
  });

  it('shows a plain refusal when the level is too low', async () => {
    await page.context().clearCookies();
    testApp.clock.set(new Date());
    await page.goto(`${baseUrl}/portal/sign-in?organisation=${organisation.slug}`);
    await page.click('a:has-text("Inloggen met DigiD")');
    await loginAtBroker('999993653', DIGID_ACR.basis);
    await page.waitForURL((url) => url.pathname === '/portal/oidc/callback');
    expect(await page.textContent('main')).toContain('te laag niveau');
    await checkPage(page, 'oidc-refused');
  });
});
