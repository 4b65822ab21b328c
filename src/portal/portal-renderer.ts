import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../platform/project-root.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { translate } from './i18n.js';

const PORTAL_DIR = path.join(TEMPLATES_DIR, 'portal');

/**
 * Server-rendered pages from templates/portal/: a layout, partials for the
 * repeated form parts, one template per page. Output is escaped by default;
 * templates never contain inline script or style (the CSP forbids both).
 */
@Injectable()
export class PortalRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    const h = this.handlebars;
    h.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
      const root = options.data.root as { locale: Locale };
      return translate(root.locale, key, options.hash as Record<string, unknown>);
    });
    h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    h.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
    h.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    h.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
    h.registerHelper('not', (value: unknown) => !value);
    h.registerHelper('euro', (cents: unknown, options: Handlebars.HelperOptions) => {
      const locale = (options.data.root as { locale: Locale }).locale;
      return typeof cents === 'number'
        ? new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100)
        : '';
    });
    h.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => {
      const locale = (options.data.root as { locale: Locale }).locale;
      if (!value) return '';
      const date = new Date(String(value).length === 10 ? `${String(value)}T12:00:00Z` : String(value));
      return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(date);
    });
    h.registerHelper('datetime', (value: unknown, options: Handlebars.HelperOptions) => {
      const locale = (options.data.root as { locale: Locale }).locale;
      if (!value) return '';
      return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Amsterdam',
      }).format(new Date(String(value)));
    });
    // "maandag 16 maart 2026" and "10:00": an appointment's day and time, said apart ("om" / "at" in the page text).
    h.registerHelper('weekdayDate', (value: unknown, options: Handlebars.HelperOptions) => {
      const locale = (options.data.root as { locale: Locale }).locale;
      if (!value) return '';
      return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/Amsterdam',
      }).format(new Date(String(value).length === 10 ? `${String(value)}T12:00:00Z` : String(value)));
    });
    h.registerHelper('time', (value: unknown, options: Handlebars.HelperOptions) => {
      const locale = (options.data.root as { locale: Locale }).locale;
      if (!value) return '';
      return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(
        new Date(String(value)),
      );
    });
    h.registerHelper('fieldError', (errors: unknown, field: string) => (errors as Record<string, string> | undefined)?.[field]);
    for (const file of readdirSync(path.join(PORTAL_DIR, 'partials'))) {
      if (file.endsWith('.hbs'))
        h.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(path.join(PORTAL_DIR, 'partials', file), 'utf8'));
    }
    this.layout = h.compile(readFileSync(path.join(PORTAL_DIR, 'layout.hbs'), 'utf8'));
  }

  render(page: string, context: Record<string, unknown> & { locale: Locale }): string {
    const body = this.page(page)(context);
    return this.layout({ ...context, body: new Handlebars.SafeString(body) });
  }

  private page(name: string): Handlebars.TemplateDelegate {
    let compiled = this.pages.get(name);
    if (!compiled) {
      if (!/^[a-z0-9/-]+$/.test(name)) throw new Error(`Invalid page name ${name}`);
      compiled = this.handlebars.compile(readFileSync(path.join(PORTAL_DIR, 'pages', `${name}.hbs`), 'utf8'));
      this.pages.set(name, compiled);
    }
    return compiled;
  }
}
