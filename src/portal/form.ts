import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ProblemException, type InvalidParam } from '../platform/http/problem.js';
import { invalidParamsFromValidation } from '../platform/http/validation.js';

export type FormBody = Record<string, string | string[] | undefined>;

/** How to read one form field into the API's type: HTML forms only send strings. */
export type Coercion = 'number' | 'boolean' | 'list' | 'optional';

/**
 * Reads an HTML form into the same DTO the API validates, so the portal and
 * the API share every rule. Empty optional fields become absent; listed
 * fields are converted from strings.
 */
export async function parseForm<T extends object>(
  dto: new () => T,
  body: FormBody,
  coercions: Record<string, Coercion> = {},
): Promise<{ value?: T; invalidParams: InvalidParam[] }> {
  const plain: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const coercion = coercions[key];
    if (coercion === 'list') {
      plain[key] = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(Boolean);
      continue;
    }
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === '') continue;
    if (coercion === 'number') plain[key] = Number(value.replace(',', '.'));
    else if (coercion === 'boolean') plain[key] = value === 'true' || value === 'on' || value === '1';
    else plain[key] = value.trim();
  }
  for (const [key, coercion] of Object.entries(coercions)) {
    if (coercion === 'boolean' && plain[key] === undefined) plain[key] = false;
  }
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: false });
  return errors.length > 0 ? { invalidParams: invalidParamsFromValidation(errors) } : { value: instance, invalidParams: [] };
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
