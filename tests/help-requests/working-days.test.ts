import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, dutchPublicHolidays, easterSunday, isWorkingDay, localDate } from '../../src/rules/calculations/working-days.js';

describe('Dutch working days', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('lists the national holidays of 2025, with King’s Day moved to Saturday 26 April and Liberation Day in a lustrum year', () => {
    expect([...dutchPublicHolidays(2025).keys()].sort()).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(dutchPublicHolidays(2026).has('2026-05-05')).toBe(false);
    expect(dutchPublicHolidays(2026).has('2026-04-27')).toBe(true);
  });

  it('treats Good Friday as a working day and Easter Monday as a holiday', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true);
    expect(isWorkingDay('2026-04-06')).toBe(false);
    expect(isWorkingDay('2026-04-04')).toBe(false);
  });

  it('makes a request on Friday afternoon due on Monday at the same time', () => {
    expect(addWorkingDays(new Date('2026-03-06T13:30:00Z'), 1).toISOString()).toBe('2026-03-09T13:30:00.000Z');
  });

  it('keeps the wall-clock time across the change to summer time', () => {
    // Friday 27 March 2026 15:00 CET; Monday 30 March 15:00 is CEST (UTC+2).
    expect(addWorkingDays(new Date('2026-03-27T14:00:00Z'), 1).toISOString()).toBe('2026-03-30T13:00:00.000Z');
  });

  it('skips Easter Monday', () => {
    expect(addWorkingDays(new Date('2026-04-03T08:00:00Z'), 1).toISOString()).toBe('2026-04-07T08:00:00.000Z');
    expect(addWorkingDays(new Date('2026-04-02T08:00:00Z'), 1).toISOString()).toBe('2026-04-03T08:00:00.000Z');
  });

  it('skips King’s Day on a Monday and counts several days', () => {
    expect(addWorkingDays(new Date('2026-04-24T08:00:00Z'), 2).toISOString()).toBe('2026-04-29T08:00:00.000Z');
  });

  it('skips Christmas and Boxing Day', () => {
    expect(addWorkingDays(new Date('2025-12-24T09:00:00Z'), 1).toISOString()).toBe('2025-12-29T09:00:00.000Z');
  });

  it('moves a weekend request to the next working day at the same time', () => {
    expect(addWorkingDays(new Date('2026-03-07T10:00:00Z'), 1).toISOString()).toBe('2026-03-09T10:00:00.000Z');
  });

  it('uses the Dutch date, not the UTC date, near midnight', () => {
    // Friday 23:30 UTC is already Saturday 00:30 in Amsterdam: due Monday 00:30 there, Sunday 23:30 UTC.
    expect(localDate(new Date('2026-03-06T23:30:00Z'))).toBe('2026-03-07');
    expect(addWorkingDays(new Date('2026-03-06T23:30:00Z'), 1).toISOString()).toBe('2026-03-08T23:30:00.000Z');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});
