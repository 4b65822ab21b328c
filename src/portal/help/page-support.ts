import type { Request } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { ACTOR_KEY } from '../../platform/auth/current-actor.decorator.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import type { Locale } from '../../platform/mail/mail-template.service.js';
import { UNKNOWN_POSTCODE_AREA } from '../../reference-data/postcodes.js';
import { translate } from '../i18n.js';
import { type FormErrors, formErrors } from '../portal-context.js';

/** One choice in a radio, checkbox or select group, labelled from the page texts. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
  checked: boolean;
}

/** Choices for a group: label key `${prefix}.${value}`, optional hint key `${prefix}.${value}.hint`. */
export function choices(locale: Locale, prefix: string, values: readonly string[], selected: unknown, withHints = false): Choice[] {
  const chosen = Array.isArray(selected) ? selected.map(String) : selected === undefined || selected === null ? [] : [String(selected)];
  return values.map((value) => ({
    value,
    label: translate(locale, `${prefix}.${value}`),
    hint: withHints ? translate(locale, `${prefix}.${value}.hint`) : undefined,
    checked: chosen.includes(value),
  }));
}

/**
 * The error summary and field messages for a form: the portal's standard
 * wording, with a plain message of our own where the DTO's reason is technical.
 */
export function pageErrors(
  params: InvalidParam[],
  labels: Record<string, string>,
  locale: Locale,
  messageKeys: Record<string, string> = {},
): FormErrors {
  const errors = formErrors(params, labels, locale);
  // An unknown postcode area is not a typing error: its own message says so instead of the format hint.
  const unknownPostcodes = new Set(params.filter((p) => p.reason.startsWith(UNKNOWN_POSTCODE_AREA)).map((p) => p.name.split('.')[0]));
  for (const field of Object.keys(errors.byField)) {
    if (messageKeys[field] && !unknownPostcodes.has(field)) errors.byField[field] = translate(locale, messageKeys[field]);
  }
  errors.list = errors.list.map((item) => ({ field: item.field, message: errors.byField[item.field] }));
  return errors;
}

/** Translates, or gives `fallback` when the key has no text (translate shows the key itself then). */
export function translateOr(locale: Locale, key: string, fallback: string): string {
  const text = translate(locale, key);
  return text === key ? fallback : text;
}

export function actorOf(request: Request): Actor | undefined {
  return (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
}

/** A positive page number from the query, 1 otherwise. */
export function pageNumber(raw: unknown): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}
