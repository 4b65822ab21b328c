import type { Request } from 'express';
import type { Locale } from '../../platform/mail/mail-template.service.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { formErrors, type FormErrors, type PortalContext } from '../portal-context.js';
import { translate } from '../i18n.js';
import { dashed } from './coach-forms.js';
import './coach-care.i18n.js';

/** The services' rules (English, for the API) as the coach pages say them, in whole sentences. */
const SERVICE_REASONS: Array<[RegExp, string]> = [
  [/can be recorded once the meeting has started/, 'care.reason.meetingNotStarted'],
  [/the checklist was already confirmed/, 'care.reason.checklistConfirmed'],
  [/this handover meeting was cancelled/, 'care.reason.handoverCancelled'],
  [/give a place or a video link/, 'care.reason.placeOrVideo'],
  [/^must be in the future$/, 'care.reason.future'],
  [/^must not be in the future$/, 'care.reason.notFuture'],
  [/a handover is held for a placement in trial or contract/, 'care.reason.handoverPlacement'],
  [/this check-in was cancelled/, 'care.reason.checkinCancelled'],
  [/the first check-in asks whether the work matches/, 'care.reason.workMatches'],
  [/the help request is closed/, 'care.reason.helpClosed'],
  [/a help request cannot go from/, 'care.reason.helpStatus'],
  [/must be a coach in your team/, 'care.reason.notInTeam'],
  [/is already the coach of this participant/, 'care.reason.alreadyCoach'],
  [/must be an active coach or team lead of your organisation/, 'care.reason.notCoach'],
  [/must be an employer of your organisation/, 'care.reason.employer'],
];

/** A service's refusal as one Dutch (or English) sentence, for a refusal shown outside a form's fields. */
export function plainReason(locale: Locale, reason: string | undefined): string {
  const known = reason ? SERVICE_REASONS.find(([pattern]) => pattern.test(reason)) : undefined;
  return translate(locale, known ? known[1] : 'care.reason.other', { label: '' });
}

/** Options for a select: each value with its translated label under `prefix.value`. */
export function options(
  locale: Locale,
  prefix: string,
  values: readonly string[],
  withEmpty = false,
): Array<{ value: string; label: string }> {
  const list = values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));
  return withEmpty ? [{ value: '', label: translate(locale, 'coach.choose') }, ...list] : list;
}

/** Labels for a form's fields, from `prefix.field` keys. */
export function labels(locale: Locale, prefix: string, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, translate(locale, `${prefix}.${field}`)]));
}

/**
 * Error summary and field messages; names with dots become the dashed field
 * ids. Per field the plainest reason wins: "fill this in" before a length
 * rule, "choose one" for a list of allowed values.
 */
export function errorsFor(
  portal: PortalContext,
  request: Request,
  params: InvalidParam[],
  fieldLabels: Record<string, string>,
): FormErrors {
  const locale = portal.locale(request);
  const rank = (reason: string) =>
    /must be a string|should not be empty|is required/.test(reason) ? 0 : /must be one of the following values/.test(reason) ? 1 : 2;
  const sorted = dashed(params)
    .map((param, index) => ({ param, index }))
    .sort((a, b) => (a.param.name === b.param.name ? rank(a.param.reason) - rank(b.param.reason) : a.index - b.index))
    .map(({ param }) => param);
  const errors = formErrors(sorted, fieldLabels, locale);
  const first = new Map<string, string>();
  for (const param of sorted) if (!first.has(param.name)) first.set(param.name, param.reason);
  for (const [field, reason] of first) {
    const known = SERVICE_REASONS.find(([pattern]) => pattern.test(reason));
    if (known && errors.byField[field]) {
      const message = translate(locale, known[1], { label: fieldLabels[field] ?? field });
      errors.byField[field] = message;
      for (const item of errors.list) if (item.field === field) item.message = message;
      continue;
    }
    // A group of checkboxes left empty ("forms must contain at least 1 elements").
    if (/must contain at least \d+ elements?/.test(reason) && errors.byField[field]) {
      const message = translate(locale, 'care.error.chooseAtLeastOne', { label: (fieldLabels[field] ?? field).toLowerCase() });
      errors.byField[field] = message;
      for (const item of errors.list) if (item.field === field) item.message = message;
      continue;
    }
    if (rank(reason) !== 1 || !errors.byField[field]) continue;
    const message = translate(locale, 'coach.error.choose', { label: (fieldLabels[field] ?? field).toLowerCase() });
    errors.byField[field] = message;
    for (const item of errors.list) if (item.field === field) item.message = message;
  }
  return errors;
}

/** The service's sentence (nl/en) in the page's language. */
export function sentence(locale: Locale, value: { nl: string; en: string } | undefined): string {
  return value ? value[locale] : '';
}
