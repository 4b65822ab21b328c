import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { InvalidParam } from '../../platform/http/problem.js';
import { invalidParamsFromValidation } from '../../platform/http/validation.js';
import { type FormBody, formField, formList } from '../form.js';

/**
 * Validates an object built from a form with nested parts (checklist,
 * check-in) against the API's own DTO. parseForm handles flat forms; this is
 * the same validation for forms whose DTO has nested objects.
 */
export async function validateNested<T extends object>(
  dto: new () => T,
  plain: Record<string, unknown>,
): Promise<{ value?: T; invalidParams: InvalidParam[] }> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: false });
  return errors.length > 0
    ? { value: undefined, invalidParams: invalidParamsFromValidation(errors) }
    : { value: instance, invalidParams: [] };
}

/** Field ids on the page use dashes: `agreements.finances.text` is `#field-agreements-finances-text`. */
export function fieldId(name: string): string {
  return name.replace(/\./g, '-');
}

export function dashed(params: InvalidParam[]): InvalidParam[] {
  return params.map((param) => ({ ...param, name: fieldId(param.name) }));
}

/** One text value from a form (trimmed), or undefined when empty; a repeated field is refused naming it. */
export function text(body: FormBody, name: string): string | undefined {
  const trimmed = formField(body, name)?.trim();
  return trimmed ? trimmed : undefined;
}

export function list(body: FormBody, name: string): string[] {
  return formList(body, name);
}

/** The UTC offset of Europe/Amsterdam on a date and time, as +01:00 or +02:00. */
export function amsterdamDateTime(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const guess = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(guess.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' }).formatToParts(guess);
  const zone = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const offset = zone === 'GMT' ? '+00:00' : zone.replace('GMT', '');
  return `${date}T${time}:00${offset}`;
}

/** Today in the Netherlands, as YYYY-MM-DD. */
export function amsterdamToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}
