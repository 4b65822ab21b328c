import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { eventually } from '../support/test-app.js';
import { lastMailTo, TEST_PASSWORD, tokenFromMail } from '../support/fixtures.js';

export const SCREENSHOTS = path.resolve('tests/artifacts/screenshots');
/** CI throws its clone away, pictures and all: it sets E2E_SCREENSHOTS=off and spends the time on the checks instead. */
const TAKE_SCREENSHOTS = process.env.E2E_SCREENSHOTS !== 'off';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
/** Every role's browser test runs its tasks at both sizes: `describe.each(VIEWPORTS)('… ($name)', (viewport) => …)`. */
export const VIEWPORTS = [
  { name: 'telefoon', ...PHONE },
  { name: 'desktop', ...DESKTOP },
];

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
  await expectNoSidewaysScroll(page, name);
  await expectPlainDutch(page, name);
  // Every page links to the accessibility statement from its footer.
  await expect(page.locator('footer a[href="/toegankelijkheid"]').count()).resolves.toBe(1);
  if (!TAKE_SCREENSHOTS) return;
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

/** The page itself never scrolls sideways; a wide table scrolls inside its own marked box (`.table-scroll`). */
export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate<{ viewport: number; widest: number; culprits: string[] }>(`(() => {
    const viewport = document.documentElement.clientWidth;
    const widest = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const culprits = [];
    if (widest > viewport + 1) {
      // The innermost elements that stick out: their parents only stick out because of them. An element in a
      // scroll box counts too: the page only scrolls sideways when something escapes the box.
      const sticksOut = (element) => element.getBoundingClientRect().right > viewport + 1;
      for (const element of Array.from(document.body.querySelectorAll('*'))) {
        if (!sticksOut(element) || Array.from(element.children).some(sticksOut)) continue;
        const box = element.closest('.table-scroll');
        if (box && box.getBoundingClientRect().right <= viewport + 1 && getComputedStyle(element).position !== 'absolute' && getComputedStyle(element).position !== 'fixed') continue;
        culprits.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className ? '.' + String(element.className).split(' ').join('.') : '') + ' "' + (element.textContent || '').trim().slice(0, 40) + '"');
      }
    }
    return { viewport, widest, culprits: culprits.slice(0, 5) };
  })()`);
  // The page is no wider than the window; the culprits say what sticks out when it is.
  expect({ page: name, ...overflow, widest: overflow.widest <= overflow.viewport + 1 ? overflow.viewport : overflow.widest }).toEqual({
    page: name,
    viewport: overflow.viewport,
    widest: overflow.viewport,
    culprits: [],
  });
}

/**
 * Terms that are the right words on a Dutch page although they look English or
 * contain a point (the standard's own name and version).
 */
const ALLOWED_TERMS = [
  /\bno-risk(polis)?\b/gi,
  /WCAG \d\.\d/g,
  /EN 301 549/g,
  /\bISCO(-08)?\b/g,
  /\bESCO\b/g,
  /\bDigiD\b/g,
  /\beHerkenning\b/g,
];
/** English words that never belong in Dutch running text (Dutch homographs such as "is", "of", "en", "in" left out). */
const ENGLISH_WORDS = [
  'the',
  'and',
  'you',
  'your',
  'please',
  'must',
  'should',
  'shorter',
  'longer',
  'following',
  'values',
  'value',
  'cannot',
  'error',
  'invalid',
  'required',
  'submit',
  'save',
  'cancel',
  'back',
  'next',
  'previous',
  'password',
  'email',
  'sign',
  'login',
  'logout',
  'settings',
  'search',
  'found',
  'undefined',
  'null',
  'NaN',
  'true',
  'false',
  'with',
  'from',
  'this',
  'that',
  'not',
  'yes',
  'no',
  'none',
  'unknown',
  'pending',
  'active',
  'date',
  'name',
  'created',
  'updated',
  'delete',
  'edit',
  'show',
  'hide',
  'request',
  'requests',
  'participant',
  'employer',
  'vacancy',
  'placement',
  'consent',
  'assessment',
  'checkin',
  'handover',
  'coach membership',
];
const ENGLISH = new RegExp(`\\b(${ENGLISH_WORDS.join('|')})\\b`, 'i');

/**
 * A Dutch page shows Dutch text to its user: no English words, no ISO dates or
 * months (2026-01-15, 2026-02), no decimal points (9.42), no code names
 * (camelCase, snake_case) or UUIDs. Users' own words, such as names, are
 * marked `translate="no"` and skipped.
 */
export async function expectPlainDutch(page: Page, name: string): Promise<void> {
  const texts = await page.evaluate<string[]>(`(() => {
    if (document.documentElement.lang !== 'nl') return [];
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[translate="no"], script, style, noscript, template, [hidden]')) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = (node.textContent ?? '').replace(/\\s+/g, ' ').trim();
      if (text) found.push(text);
    }
    for (const element of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]'))) {
      if (element.closest('[translate="no"]')) continue;
      for (const attribute of ['placeholder', 'aria-label', 'title', 'alt']) {
        const value = element.getAttribute(attribute)?.trim();
        if (value) found.push(value);
      }
    }
    found.push(document.title);
    return found;
  })()`);
  const problems: string[] = [];
  for (const original of texts) {
    let text = original.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
    for (const allowed of ALLOWED_TERMS) text = text.replace(allowed, ' ');
    const reasons = [
      ENGLISH.test(text) && `English word "${ENGLISH.exec(text)?.[1]}"`,
      /\b\d{4}-\d{2}(-\d{2})?\b/.test(text) && 'ISO date or month',
      /(?<![\d.,])\d+\.\d{1,2}(?![\d.,])/.test(text) && 'decimal point',
      /\b[a-z]+[A-Z][A-Za-z]*\b/.test(text) && 'camelCase name',
      /\b[a-z]+_[a-z_]+\b/.test(text) && 'snake_case name',
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i.test(text) && 'UUID',
    ].filter(Boolean);
    if (reasons.length > 0) problems.push(`${reasons.join(', ')}: "${original.slice(0, 120)}"`);
  }
  expect({ page: name, problems }).toEqual({ page: name, problems: [] });
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
