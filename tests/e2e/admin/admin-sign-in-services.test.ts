import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import type { Browser } from 'playwright-core';
import { createOrganisation, createUser } from '../../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../../support/test-app.js';
import { checkPage, expectErrorFor, launchBrowser, signInWithPassword, submit, VIEWPORTS } from '../browser-support.js';

describe('an admin manages the sign-in services (DigiD, eHerkenning) in the browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    await resetState(testApp);
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it.each(VIEWPORTS)('adds a broker, sees it listed and turns it off, op $name', async ({ width, height }) => {
    const organisationId = (await createOrganisation(testApp.dataSource)).id;
    const admin = await createUser(testApp, organisationId, 'admin');
    const context = await browser.newContext({ viewport: { width, height } });
    context.setDefaultTimeout(10_000);

    // Signed in with a password and the second factor, as every admin.
    const page = await signInWithPassword(context, baseUrl, admin.email);
    expect(new URL(page.url()).pathname).toBe('/portal/two-factor');
    // Without the second factor the page leads back to setting it up.
    await page.goto(`${baseUrl}/portal/admin/sign-in-services`);
    expect(new URL(page.url()).pathname).toBe('/portal/two-factor');
    const secret = ((await page.textContent('#totp-secret')) ?? '').replace(/\s/g, '');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    await page.fill('#field-code', totp.generate({ timestamp: testApp.clock.now().getTime() }));
    await submit(page, 'form[action="/portal/two-factor/confirmation"] button');
    expect(new URL(page.url()).pathname).toBe('/portal/two-factor/recovery-codes');

    await page.goto(`${baseUrl}/portal/admin`);
    await submit(page, 'a[href="/portal/admin/sign-in-services"]');
    expect(new URL(page.url()).pathname).toBe('/portal/admin/sign-in-services');
    expect(await page.textContent('main')).toContain('Uw organisatie heeft nog geen inlogdienst.');
    await checkPage(page, 'admin-sign-in-services');

    // The script's rules, in Dutch at the field; the secret is not sent back.
    await page.fill('#field-label', 'Inloggen met DigiD');
    await page.fill('#field-issuer', 'broker.example.nl');
    await page.fill('#field-clientId', 'werkbrug');
    await page.fill('#field-clientSecret', 'geheim-van-de-makelaar');
    await submit(page, 'form[action="/portal/admin/sign-in-services"] button[type=submit]');
    await expectErrorFor(page, 'issuer');
    expect(await page.textContent('#error-issuer')).toContain('begint met https://');
    expect(await page.textContent('#error-acrLow')).toContain('minstens één niveau');
    expect(await page.textContent('#error-participantMin')).toContain('minimaal niveau');
    await expect(page.inputValue('#field-clientSecret')).resolves.toBe('');
    await checkPage(page, 'admin-sign-in-services-errors');

    await page.fill('#field-issuer', 'https://broker.example.nl');
    await page.fill('#field-clientSecret', 'geheim-van-de-makelaar');
    await page.fill('#field-acrSubstantial', 'urn:nl:digid:loa:substantieel');
    await page.selectOption('#field-participantMin', 'substantial');
    await submit(page, 'form[action="/portal/admin/sign-in-services"] button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('De inlogdienst Inloggen met DigiD is toegevoegd');
    const card = page.locator('.sign-in-service');
    await expect(card.count()).resolves.toBe(1);
    expect(await card.textContent()).toContain('https://broker.example.nl');
    expect(await card.textContent()).toContain('Deelnemers, minimaal niveau substantieel');
    expect(await card.locator('.sign-in-service__state').textContent()).toBe('Aan');
    expect(await page.content()).not.toContain('geheim-van-de-makelaar');
    await checkPage(page, 'admin-sign-in-services-added');

    await submit(page, '.sign-in-service form button');
    expect(await page.textContent('[role=status]')).toContain('De inlogdienst staat uit');
    expect(await card.locator('.sign-in-service__state').textContent()).toBe('Uit');
    await checkPage(page, 'admin-sign-in-services-off');

    // Off means off: the sign-in page no longer shows the button.
    const slug = (await testApp.dataSource.query('SELECT slug FROM organisation WHERE id = $1', [organisationId]))[0].slug as string;
    await page.goto(`${baseUrl}/portal/sign-in?organisation=${slug}`);
    expect(await page.textContent('main')).not.toContain('Inloggen met DigiD');
    await context.close();
  });
});
