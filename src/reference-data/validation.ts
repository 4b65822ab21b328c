import { applyDecorators } from '@nestjs/common';
import { IsLatitude, IsLongitude, IsOptional, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../rules/calculations/dates.js';

/** ISCO-08 sub-major groups (2 digits); a 4-digit unit group must start with one of them. */
export const ISCO_SUB_MAJOR_GROUPS = new Set([
  '01',
  '02',
  '03',
  '11',
  '12',
  '13',
  '14',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '31',
  '32',
  '33',
  '34',
  '35',
  '41',
  '42',
  '43',
  '44',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '71',
  '72',
  '73',
  '74',
  '75',
  '81',
  '82',
  '83',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

export function isIscoUnitGroup(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{4}$/.test(value) && ISCO_SUB_MAJOR_GROUPS.has(value.slice(0, 2));
}

/** KvK numbers have 8 digits. */
export function isKvkNumber(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{8}$/.test(value);
}

/** Loonheffingennummer: the 9-digit fiscal number, 'L', and a 2-digit sequence (123456789L01). */
export function isPayrollTaxNumber(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{9}L[0-9]{2}$/.test(value);
}

/** A Dutch postcode, `1234 AB`; SA, SD and SS are never issued. */
export function isDutchPostcode(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9][0-9]{3} (?!SA|SD|SS)[A-Z]{2}$/.test(value);
}

export function pc4Of(postcode: string): string {
  return postcode.slice(0, 4);
}

function simple(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: (value: unknown) => test(value) },
      });
}

export const IsIsoDate = simple('isIsoDate', (value) => typeof value === 'string' && isIsoDate(value), 'must be a date (YYYY-MM-DD)');
export const IsIscoCode = simple('isIscoCode', isIscoUnitGroup, 'must be an ISCO-08 unit group code (4 digits, e.g. 9412)');
export const IsKvkNumber = simple('isKvkNumber', isKvkNumber, 'must be a KvK number of 8 digits');
export const IsPayrollTaxNumber = simple('isPayrollTaxNumber', isPayrollTaxNumber, 'must be a loonheffingennummer like 123456789L01');
export const IsDutchPostcode = simple('isDutchPostcode', isDutchPostcode, 'must be a Dutch postcode like 1234 AB');

/** A value that means nothing without its partner field (one coordinate of a point): refused alone instead of dropped. */
function givenWith(partner: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'givenWith',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `must be given together with ${partner}` },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[partner];
          return other !== undefined && other !== null;
        },
      },
    });
}

/** An optional latitude, only together with a longitude. */
export const OptionalLatitude = (): PropertyDecorator => applyDecorators(IsOptional(), IsLatitude(), givenWith('longitude'));
/** An optional longitude, only together with a latitude. */
export const OptionalLongitude = (): PropertyDecorator => applyDecorators(IsOptional(), IsLongitude(), givenWith('latitude'));
