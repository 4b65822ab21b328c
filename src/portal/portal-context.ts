import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { AuthGuard } from '../platform/auth/auth.guard.js';
import { ACTOR_KEY } from '../platform/auth/current-actor.decorator.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { translate } from './i18n.js';
import { PortalRenderer } from './portal-renderer.js';
import { type FormParam, friendlyReason, reasonRank } from './validation-messages.js';

export const LANGUAGE_COOKIE = 'wb_lang';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

export interface FormErrors {
  /** For the error summary at the top: each links to its field. */
  list: Array<{ field: string; message: string }>;
  /** field -> message, for the message beside the field. */
  byField: Record<string, string>;
}

/** Navigation per role: what each kind of user does most. */
interface NavEntry {
  href: string;
  key: string;
  /** Other pages that belong to this item (the admin's Tevredenheid also covers the survey results). */
  also?: readonly string[];
}

/**
 * Whether the menu item is the page shown: its own path, a page below it (an account under Gebruikers),
 * or a page it names as its own. The home item ('/portal') only counts for itself.
 */
function isCurrent(item: NavEntry, path: string): boolean {
  if (item.href === path || item.also?.includes(path)) return true;
  return item.href !== '/portal' && path.startsWith(`${item.href}/`);
}

const NAVIGATION: Record<string, NavEntry[]> = {
  participant: [
    { href: '/portal', key: 'nav.home' },
    { href: '/portal/help', key: 'nav.help' },
    { href: '/portal/consents', key: 'nav.consents' },
    { href: '/portal/my-data', key: 'nav.myData' },
  ],
  employer_user: [
    { href: '/portal', key: 'nav.home' },
    { href: '/portal/vacancies', key: 'nav.vacancies' },
    { href: '/portal/candidates', key: 'nav.candidates' },
    { href: '/portal/placements', key: 'nav.placements' },
    { href: '/portal/quota', key: 'nav.quota' },
    { href: '/portal/help', key: 'nav.help' },
  ],
  jobcoach: [
    { href: '/portal', key: 'nav.today' },
    { href: '/portal/caseload', key: 'nav.caseload' },
    { href: '/portal/matching', key: 'nav.vacancies' },
    { href: '/portal/employers', key: 'nav.employers' },
    { href: '/portal/calculations', key: 'nav.calculations' },
    { href: '/portal/help-requests', key: 'nav.helpRequests' },
  ],
  team_lead: [
    { href: '/portal/team', key: 'nav.team' },
    { href: '/portal/reports', key: 'nav.reports' },
    { href: '/portal/today', key: 'nav.today' },
    { href: '/portal/caseload', key: 'nav.caseload' },
    { href: '/portal/matching', key: 'nav.vacancies' },
    { href: '/portal/employers', key: 'nav.employers' },
    { href: '/portal/calculations', key: 'nav.calculations' },
    { href: '/portal/help-requests', key: 'nav.helpRequests' },
    { href: '/portal/survey-results', key: 'nav.surveys' },
  ],
  funder: [{ href: '/portal/reports', key: 'nav.reports' }],
  admin: [
    { href: '/portal', key: 'nav.home', also: ['/portal/admin'] },
    { href: '/portal/admin/users', key: 'nav.users' },
    { href: '/portal/reports', key: 'nav.reports' },
    { href: '/portal/admin/rule-parameters', key: 'nav.ruleParameters' },
    { href: '/portal/employers', key: 'nav.employers' },
    { href: '/portal/admin/imports', key: 'nav.imports' },
    { href: '/portal/admin/funders', key: 'nav.funders' },
    { href: '/portal/admin/surveys', key: 'nav.surveys', also: ['/portal/survey-results'] },
  ],
};

/** What every page needs: language, the signed-in person, navigation, a CSRF token for its forms. */
@Injectable()
export class PortalContext {
  constructor(
    private readonly renderer: PortalRenderer,
    private readonly guard: AuthGuard,
  ) {}

  locale(request: Request): Locale {
    const actor = (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
    const chosen = request.cookies?.[LANGUAGE_COOKIE] as string | undefined;
    if (chosen === 'nl' || chosen === 'en') return chosen;
    // Dutch first: English is the person's own choice (the switch or their account), not the browser's guess.
    return actor?.locale ?? 'nl';
  }

  t(request: Request, key: string, values: Record<string, unknown> = {}): string {
    return translate(this.locale(request), key, values);
  }

  /**
   * For a page outside any route (an unknown address): the signed-in person as
   * the guard would have found them, so the page keeps their menu and sign-out button.
   */
  async recogniseSignedIn(request: Request): Promise<void> {
    const holder = request as unknown as Record<string, unknown>;
    if (holder[ACTOR_KEY]) return;
    const actor = await this.guard.cookieActor(request);
    if (actor) holder[ACTOR_KEY] = actor;
  }

  /** Renders a page with the layout; `status` for error and form pages. */
  send(request: Request, response: Response, page: string, data: Record<string, unknown> = {}, status = 200): void {
    const actor = (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
    const locale = this.locale(request);
    const path = request.path;
    const nav =
      actor && !data.withoutNav
        ? (NAVIGATION[actor.role] ?? []).map((item) => ({
            href: item.href,
            label: translate(locale, item.key),
            current: isCurrent(item, path),
          }))
        : [];
    const csrfToken = actor?.via === 'cookie' ? this.guard.csrfProtection.token(request) : undefined;
    const html = this.renderer.render(page, { ...data, locale, actor, nav, csrfToken, currentPath: path });
    response.status(status).type('html').setHeader('Cache-Control', 'no-store');
    response.send(html);
  }
}

/** Turns API-style invalid params into the page's error summary and field messages (in words from validation-messages). */
export function formErrors(invalidParams: FormParam[], labels: Record<string, string>, locale: Locale): FormErrors {
  const reasons = new Map<string, FormParam[]>();
  for (const param of invalidParams) {
    const field = param.name.split('.')[0];
    reasons.set(field, [...(reasons.get(field) ?? []), param]);
  }
  const byField: Record<string, string> = {};
  for (const [field, list] of reasons) {
    const label = labels[field] ?? field;
    // One message per field, the most basic problem first: missing, then the wrong kind of value, then out of range.
    const best = [...list].sort((a, b) => reasonRank(a) - reasonRank(b))[0]!;
    byField[field] = friendlyReason(best, label, locale, labels);
  }
  return { list: Object.entries(byField).map(([field, message]) => ({ field, message })), byField };
}
