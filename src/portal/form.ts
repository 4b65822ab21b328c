import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { InvalidInputException, ProblemException, type InvalidParam } from '../platform/http/problem.js';
import { type FormParam, formParamsFromValidation } from './validation-messages.js';

export type FormBody = Record<string, string | string[] | undefined>;

/** How to read one form field into the API's type: HTML forms only send strings. */
export type Coercion = 'number' | 'boolean' | 'list' | 'optional' | 'month';

const MONTHS_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A month as people type it ("december 2026", "dec 2026", "12-2026",
 * "12/2026", or "2026-12") as the API's `YYYY-MM`; anything else is passed on
 * unchanged for the validator to refuse.
 */
export function readMonth(input: string): string {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const named = /^([a-z]+)\.? (\d{4})$/.exec(text);
  if (named) {
    const index = [MONTHS_NL, MONTHS_EN]
      .map((names) => names.findIndex((name) => name === named[1] || (named[1].length >= 3 && name.startsWith(named[1]))))
      .find((found) => found >= 0);
    if (index !== undefined) return `${named[2]}-${String(index + 1).padStart(2, '0')}`;
  }
  const numeric = /^(\d{1,2})[-/ ](\d{4})$/.exec(text);
  if (numeric && Number(numeric[1]) >= 1 && Number(numeric[1]) <= 12) return `${numeric[2]}-${numeric[1].padStart(2, '0')}`;
  return input.trim();
}

export const SINGLE_VALUE_REASON = 'must be a single value';
export const TEXT_VALUE_REASON = 'must be text';

/** Why a posted value is not the one string a field takes (a repeated field arrives as an array), or undefined when it is. */
function notOneString(raw: unknown): string | undefined {
  if (raw === undefined || typeof raw === 'string') return undefined;
  return Array.isArray(raw) ? SINGLE_VALUE_REASON : TEXT_VALUE_REASON;
}

/** Why a posted list is not a list of strings, or undefined when it is. */
function notStrings(raw: unknown): string | undefined {
  return Array.isArray(raw) ? (raw.every((item) => typeof item === 'string') ? undefined : TEXT_VALUE_REASON) : notOneString(raw);
}

/**
 * One form field as the single string it must be, for fields read outside
 * parseForm. A repeated field or any other value is refused with a 400
 * naming the field, instead of being turned into text by accident.
 */
export function formField(body: FormBody | undefined, name: string): string | undefined {
  const raw: unknown = body?.[name];
  const reason = notOneString(raw);
  if (reason) throw new InvalidInputException([{ name, reason }]);
  return raw as string | undefined;
}

/** A field that may be repeated (checkboxes), as its non-empty values; anything but strings is refused naming the field. */
export function formList(body: FormBody | undefined, name: string): string[] {
  const raw: unknown = body?.[name];
  const reason = notStrings(raw);
  if (reason) throw new InvalidInputException([{ name, reason }]);
  return ((Array.isArray(raw) ? raw : raw ? [raw] : []) as string[]).filter(Boolean);
}

/**
 * Reads an HTML form into the same DTO the API validates, so the portal and
 * the API share every rule. Empty optional fields become absent; listed
 * fields are converted from strings.
 */
export async function parseForm<T extends object>(
  dto: new () => T,
  body: FormBody,
  coercions: Record<string, Coercion> = {},
): Promise<{ value?: T; invalidParams: FormParam[] }> {
  const plain: Record<string, unknown> = {};
  const wrongType: FormParam[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const coercion = coercions[key];
    const reason = coercion === 'list' ? notStrings(raw) : notOneString(raw);
    if (reason) {
      wrongType.push({ name: key, reason, constraint: 'singleValue' });
      continue;
    }
    if (coercion === 'list') {
      plain[key] = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(Boolean);
      continue;
    }
    const value = raw as string | undefined;
    if (value === undefined || value === '') continue;
    if (coercion === 'number') plain[key] = Number(value.replace(',', '.'));
    else if (coercion === 'boolean') plain[key] = value === 'true' || value === 'on' || value === '1';
    else if (coercion === 'month') plain[key] = readMonth(value);
    else plain[key] = value.trim();
  }
  for (const [key, coercion] of Object.entries(coercions)) {
    if (coercion === 'boolean' && plain[key] === undefined) plain[key] = false;
  }
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: false });
  // A field of the wrong type was left out: its "required" or format errors would only hide the real reason.
  const refused = new Set(wrongType.map((param) => param.name));
  const invalidParams = [...wrongType, ...formParamsFromValidation(errors).filter((param) => !refused.has(param.name.split('.')[0]))];
  return invalidParams.length > 0 ? { invalidParams } : { value: instance, invalidParams: [] };
}

/** The invalid params of a domain rule the service refused, for showing on the form. */
export function problemParams(error: unknown): InvalidParam[] | undefined {
  if (error instanceof ProblemException && error.invalidParams?.length) return error.invalidParams;
  return undefined;
}

/**
 * Carries out a valid form: `submit` calls the service and answers (mostly a
 * 303 redirect). When the service refuses for a domain rule, `showAgain`
 * renders the form again with the refusal's params (the caller keeps the
 * values and picks the status); any other error is thrown on to the
 * exception filter. `refusalParams` says which errors count as a refusal.
 */
export async function submitOrShowAgain(
  submit: () => Promise<void>,
  showAgain: (params: InvalidParam[], error: unknown) => Promise<void> | void,
  refusalParams: (error: unknown) => InvalidParam[] | undefined = problemParams,
): Promise<void> {
  try {
    await submit();
  } catch (error) {
    const params = refusalParams(error);
    if (!params) throw error;
    await showAgain(params, error);
  }
}
