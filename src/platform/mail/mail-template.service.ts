import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../project-root.js';

export type Locale = 'nl' | 'en';
export const LOCALES: Locale[] = ['nl', 'en'];

export interface ComposedMail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = { subject: Handlebars.TemplateDelegate; html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate };

/**
 * Mail templates in templates/mail/<name>/<locale>.{subject,html,text}.hbs,
 * Dutch first. HTML output is escaped by Handlebars; the plain-text part is not.
 */
@Injectable()
export class MailTemplateService {
  private readonly html = Handlebars.create();
  private readonly plain = Handlebars.create();
  private readonly cache = new Map<string, Compiled>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    this.layout = this.html.compile(readFileSync(path.join(TEMPLATES_DIR, 'mail', 'layout.html.hbs'), 'utf8'));
  }

  exists(template: string, locale: Locale): boolean {
    try {
      this.load(template, locale);
      return true;
    } catch {
      return false;
    }
  }

  compose(template: string, locale: Locale, context: Record<string, unknown>): ComposedMail {
    const compiled = this.load(template, locale);
    const subject = compiled.subject(context).trim();
    const body = compiled.html(context);
    return {
      subject,
      html: this.layout({ subject, body: new Handlebars.SafeString(body), lang: locale }),
      text: compiled.text(context).trim() + '\n',
    };
  }

  private load(template: string, locale: Locale): Compiled {
    if (!/^[a-z0-9-]+$/.test(template)) throw new Error(`Invalid template name ${template}`);
    const cacheKey = `${template}/${locale}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const file = (part: string) => readFileSync(path.join(TEMPLATES_DIR, 'mail', template, `${locale}.${part}.hbs`), 'utf8');
    const compiled: Compiled = {
      subject: this.plain.compile(file('subject'), { noEscape: true }),
      html: this.html.compile(file('html'), { strict: true }),
      text: this.plain.compile(file('text'), { noEscape: true, strict: true }),
    };
    this.cache.set(cacheKey, compiled);
    return compiled;
  }
}
