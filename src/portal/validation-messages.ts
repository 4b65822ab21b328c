import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { InvalidParam } from '../platform/http/problem.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { registerMessages, translate } from './i18n.js';

/** An invalid param read from a form: also which check failed and its limit, so the page can say it in plain words. */
export interface FormParam extends InvalidParam {
  constraint?: string;
  limit?: number;
}

/**
 * Every class-validator check (its constraint name) with the page text that
 * explains it. The order is the order of importance: when a field fails
 * several checks, the page names the first (missing before wrong kind of
 * value before out of range). A unit test holds that every check used in a
 * DTO is here.
 */
export const CONSTRAINT_MESSAGES: ReadonlyArray<readonly [constraint: string, key: string]> = [
  ['isDefined', 'error.required'],
  ['isNotEmpty', 'error.required'],
  ['isString', 'error.required'],
  ['arrayNotEmpty', 'error.required'],
  ['singleValue', 'error.singleValue'],
  ['isEmail', 'error.email'],
  ['isNumber', 'error.number'],
  ['isNumberString', 'error.number'],
  ['isInt', 'error.integer'],
  ['isPositive', 'error.positive'],
  ['isBoolean', 'error.boolean'],
  ['singleLine', 'error.singleLine'],
  ['multiLine', 'error.format'],
  ['isIsoDate', 'error.date'],
  ['isIso8601', 'error.date'],
  ['isDateString', 'error.date'],
  ['isDate', 'error.date'],
  ['isIn', 'error.choice'],
  ['isEnum', 'error.choice'],
  ['isUuid', 'error.choice'],
  ['isArray', 'error.choice'],
  ['arrayUnique', 'error.arrayUnique'],
  ['arrayMinSize', 'error.arrayMinSize'],
  ['arrayMaxSize', 'error.arrayMaxSize'],
  ['isDutchPostcode', 'error.postcode'],
  ['isIscoCode', 'error.isco'],
  ['isKvkNumber', 'error.kvk'],
  ['isPayrollTaxNumber', 'error.payrollTax'],
  ['isLatitude', 'error.coordinate'],
  ['isLongitude', 'error.coordinate'],
  ['givenWith', 'error.givenWith'],
  ['isUrl', 'error.url'],
  ['isObject', 'error.format'],
  ['nestedValidation', 'error.format'],
  ['whitelistValidation', 'error.unknownField'],
  ['matches', 'error.format'],
  ['min', 'error.min'],
  ['max', 'error.max'],
  ['minLength', 'error.minLength'],
  ['maxLength', 'error.maxLength'],
  ['isLength', 'error.maxLength'],
];

const BY_CONSTRAINT = new Map(CONSTRAINT_MESSAGES);

registerMessages({
  nl: {
    'error.integer': '{label}: vul een heel getal in, zonder komma.',
    'error.positive': '{label}: vul een getal hoger dan 0 in.',
    'error.format': '{label}: dit klopt niet. Kijk naar het voorbeeld bij het veld.',
    'error.arrayUnique': '{label}: kies elke mogelijkheid maar één keer.',
    'error.arrayMinSize': '{label}: kies er minstens {limit}.',
    'error.arrayMaxSize': '{label}: kies er hoogstens {limit}.',
    'error.postcode': '{label}: vul een postcode in zoals 1234 AB.',
    'error.isco': '{label}: kies een beroep uit de lijst.',
    'error.kvk': '{label}: vul het KvK-nummer in. Dat zijn 8 cijfers.',
    'error.payrollTax': '{label}: vul het loonheffingennummer in, zoals 123456789L01.',
    'error.coordinate': '{label}: deze plek op de kaart bestaat niet.',
    'error.givenWith': '{label}: vul ook het veld in dat erbij hoort.',
    'error.url': '{label}: vul een webadres in, zoals https://www.voorbeeld.nl.',
    'error.unknownField': '{label}: dit veld hoort niet bij dit formulier.',
    'error.notBefore': '{label}: deze datum mag niet vóór {other} liggen.',
    'error.tooEarly': '{label}: deze datum ligt te vroeg.',
  },
  en: {
    'error.integer': '{label}: enter a whole number.',
    'error.positive': '{label}: enter a number above 0.',
    'error.format': '{label}: this is not right. See the example with the field.',
    'error.arrayUnique': '{label}: choose each option only once.',
    'error.arrayMinSize': '{label}: choose at least {limit}.',
    'error.arrayMaxSize': '{label}: choose at most {limit}.',
    'error.postcode': '{label}: enter a postcode like 1234 AB.',
    'error.isco': '{label}: choose an occupation from the list.',
    'error.kvk': '{label}: enter the KvK number of 8 digits.',
    'error.payrollTax': '{label}: enter the payroll tax number, like 123456789L01.',
    'error.coordinate': '{label}: this place on the map does not exist.',
    'error.givenWith': '{label}: also fill in the field that goes with it.',
    'error.url': '{label}: enter a web address, like https://www.example.com.',
    'error.unknownField': '{label}: this field is not part of this form.',
    'error.notBefore': '{label}: this date must not be before {other}.',
    'error.tooEarly': '{label}: this date is too early.',
  },
});

/** The arguments a check was declared with (`@MaxLength(254)` gives [254]), from class-validator's metadata. */
function argumentsOf(error: ValidationError, constraint: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((entry) => entry.propertyName === error.property && entry.name === constraint);
  return (metadata?.constraints ?? []) as unknown[];
}

function paramOf(error: ValidationError, name: string, constraint: string, reason: string): FormParam {
  const args = argumentsOf(error, constraint);
  if (constraint === 'isLength') {
    // @Length(min, max): the side that failed decides the message.
    const tooShort = typeof error.value !== 'string' || error.value.length < Number(args[0]);
    // Shorter than one character is simply not filled in.
    if (tooShort && Number(args[0]) <= 1) return { name, reason, constraint: 'isNotEmpty' };
    return { name, reason, constraint: tooShort ? 'minLength' : 'maxLength', limit: Number(tooShort ? args[0] : args[1]) };
  }
  if (constraint === 'minLength' && Number(args[0]) <= 1) return { name, reason, constraint: 'isNotEmpty' };
  return { name, reason, constraint, limit: typeof args[0] === 'number' ? args[0] : undefined };
}

/** class-validator's errors as form params, each with its check and limit (nested fields as `parent.child`). */
export function formParamsFromValidation(errors: ValidationError[], parent = ''): FormParam[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => paramOf(error, name, constraint, reason));
    return [...own, ...formParamsFromValidation(error.children ?? [], name)];
  });
}

/** Reasons that are not (or not only) a class-validator check: the service's refusals and custom messages. */
const REASONS: Array<{ pattern: RegExp; key: string; limit?: boolean }> = [
  { pattern: /should not be empty|must be longer than or equal to 1 characters|is required|must be a string/, key: 'error.required' },
  { pattern: /must be an email/, key: 'error.email' },
  { pattern: /must be a number|must be an integer number|must be a positive number|NaN/, key: 'error.number' },
  { pattern: /must be a boolean/, key: 'error.boolean' },
  { pattern: /must be a single line/, key: 'error.singleLine' },
  { pattern: /must be a single value|must be text/, key: 'error.singleValue' },
  { pattern: /must be a month/, key: 'error.month' },
  { pattern: /must be a time/, key: 'error.time' },
  { pattern: /must be a valid ISO 8601 date|must be a date|must be an existing date|YYYY-MM-DD/, key: 'error.date' },
  { pattern: /must be one of the following values|must be a UUID|must be a valid enum value/, key: 'error.choice' },
  { pattern: /must not be greater than (-?[\d.]+)/, key: 'error.max', limit: true },
  { pattern: /must not be less than (-?[\d.]+)/, key: 'error.min', limit: true },
  { pattern: /must be shorter than or equal to (\d+) characters/, key: 'error.maxLength', limit: true },
  { pattern: /must be longer than or equal to (\d+) characters/, key: 'error.minLength', limit: true },
  { pattern: /is not a known Dutch postcode area \((\d{4})\)/, key: 'error.postcodeUnknown' },
  { pattern: /^must not be before ([a-z][A-Za-z]*)$/, key: 'error.notBefore' },
];

/** How basic a problem is: lower goes first (missing, then the kind of value, then the range). */
export function reasonRank(param: FormParam): number {
  const byConstraint = param.constraint ? CONSTRAINT_MESSAGES.findIndex(([name]) => name === param.constraint) : -1;
  if (byConstraint !== -1) return byConstraint;
  const index = REASONS.findIndex((entry) => entry.pattern.test(param.reason));
  return CONSTRAINT_MESSAGES.length + (index === -1 ? REASONS.length : index);
}

function number(value: unknown, locale: Locale): string {
  return Number(value).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB');
}

/** One failed check in plain words, with the field's label (never its code name). */
export function friendlyReason(param: FormParam, label: string, locale: Locale, labels: Record<string, string> = {}): string {
  // A custom message on a pattern (a month, an unknown postcode area) says more than "the format".
  const custom = param.constraint === undefined || param.constraint === 'matches';
  const key = param.constraint ? BY_CONSTRAINT.get(param.constraint) : undefined;
  if (key && !(custom && REASONS.some((entry) => entry.pattern.test(param.reason)))) {
    if (key === 'error.required') return translate(locale, key, { label: label.toLowerCase() });
    return translate(locale, key, { label, limit: param.limit === undefined ? '' : number(param.limit, locale) });
  }
  for (const { pattern, key: reasonKey, limit } of REASONS) {
    const match = pattern.exec(param.reason);
    if (!match) continue;
    if (reasonKey === 'error.required') return translate(locale, reasonKey, { label: label.toLowerCase() });
    // "must not be before periodStart": the other field by its own label, never its code name.
    if (reasonKey === 'error.notBefore') {
      const other = labels[match[1]!];
      if (!other) break;
      return translate(locale, reasonKey, { label, other: other.toLowerCase() });
    }
    return translate(locale, reasonKey, { label, limit: limit ? number(match[1], locale) : undefined, value: match[1] });
  }
  if (/^must not be before/.test(param.reason)) return translate(locale, 'error.tooEarly', { label });
  return translate(locale, 'error.invalid', { label, reason: param.reason });
}
