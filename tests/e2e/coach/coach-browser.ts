import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../support/fixtures.js';

export const SCREENSHOTS = path.resolve('tests/artifacts/screenshots');

export async function launch(): Promise<Browser> {
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

/** axe (WCAG 2.1 A/AA) on the page as it is: no violations; then a full-page screenshot. */
export async function audit(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The error summary links to the field, the link moves focus there. */
export async function expectErrorFor(page: Page, field: string): Promise<void> {
  const summary = page.locator('.error-summary');
  expect(await summary.isVisible()).toBe(true);
  const link = summary.locator(`a[href="#field-${field}"]`);
  expect(await link.count()).toBe(1);
  await link.click();
  expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(`field-${field}`);
}

export async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<Page> {
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

/** Submits the form the button is in and waits for the next page. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);
}
