import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { eventually } from '../support/test-app.js';
import { lastMailTo, TEST_PASSWORD, tokenFromMail } from '../support/fixtures.js';

export const SCREENSHOTS = path.resolve('tests/artifacts/screenshots');
export const PHONE = { width: 390, height: 844 };

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now, expects no violations, and saves a screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(' ')),
  }));
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  // Every page links to the accessibility statement from its footer.
  await expect(page.locator('footer a[href="/toegankelijkheid"]').count()).resolves.toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The error summary is there, links to the field, and the link moves focus to it. */
export async function expectErrorFor(page: Page, field: string): Promise<void> {
  const summary = page.locator('.error-summary');
  await expect(summary.isVisible()).resolves.toBe(true);
  const link = summary.locator(`a[href="#field-${field}"]`);
  await expect(link.count()).resolves.toBe(1);
  await link.click();
  await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe(`field-${field}`);
}

export async function signInWithPassword(context: BrowserContext, baseUrl: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/portal/sign-in`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', TEST_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/portal/sign-in')),
    page.click('form[action="/portal/sign-in"] button[type=submit]'),
  ]);
  return page;
}

/** Participants sign in with the e-mail link, opened in the same browser context. */
export async function signInWithLink(context: BrowserContext, baseUrl: string, dataSource: DataSource, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/portal/sign-in`);
  await page.fill('#field-linkEmail', email);
  await page.click('form[action="/portal/sign-in/link"] button[type=submit]');
  await page.waitForSelector('.utrecht-alert--ok', { timeout: 5000 }).catch(async (error: unknown) => {
    throw new Error(`sign-in link page: ${page.url()} ${(await page.textContent('main')) ?? ''}`, { cause: error });
  });
  const mail = await eventually(async () => {
    const found = await lastMailTo(dataSource, email);
    return found && /token=/.test(String(found.context.link ?? found.text ?? '')) ? found : undefined;
  });
  // Follow the link in the mail (its path), on this test server.
  const link = /https?:\/\/[^\s]+token=[A-Za-z0-9_-]+/.exec(String(mail.context.link ?? mail.text ?? ''))?.[0];
  const target = link ? new URL(link) : undefined;
  await page.goto(target ? `${baseUrl}${target.pathname}${target.search}` : `${baseUrl}/portal/link?token=${tokenFromMail(mail)}`);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/portal/me'),
    page.click('form:has(input[name=token]) button[type=submit]'),
  ]);
  return page;
}

/** Submits the form the button is in and waits for the next page. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);
}
