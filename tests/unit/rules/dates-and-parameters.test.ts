import { describe, expect, it } from '@jest/globals';
import {
  addMonths,
  daysInMonth,
  durableFrom,
  eachDay,
  fromEpochDay,
  isIsoDate,
  monthsBetween,
  nextReassessment,
  noRiskPolicyEnd,
  periodLastDay,
  toEpochDay,
} from '../../../src/rules/calculations/dates.js';
import { Fraction } from '../../../src/rules/calculations/fraction.js';
import {
  type AnyParameterValue,
  DATE_PARAMETER_KEYS,
  InMemoryParameterSource,
  InvalidParameterError,
  MissingParameterError,
  NUMERIC_PARAMETER_KEYS,
} from '../../../src/rules/calculations/parameters.js';
import { nationalParameters } from '../../../src/rules/reference/national-parameters.js';
import { param, testParameters } from './test-parameters.js';

describe('dates', () => {
  it('knows the days of each month, leap years included', () => {
    expect([2023, 2024, 1900, 2000].map((year) => daysInMonth(year, 2))).toEqual([28, 29, 28, 29]);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it('validates YYYY-MM-DD strictly', () => {
    expect(['2024-02-29', '2023-12-31'].every(isIsoDate)).toBe(true);
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', ''].some(isIsoDate)).toBe(false);
  });

  it('round-trips epoch days in UTC', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(toEpochDay('2024-03-31') + 1)).toBe('2024-04-01');
    // the last Sunday of March and of October are daylight-saving switches in the Netherlands
    expect(eachDay('2024-03-30', '2024-04-01')).toEqual(['2024-03-30', '2024-03-31', '2024-04-01']);
    expect(eachDay('2024-10-26', '2024-10-28')).toHaveLength(3);
  });

  it('adds months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('iterates months across a year end', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('ends a period the day before its anniversary, without losing a day', () => {
    expect(periodLastDay('2024-03-01', 12)).toBe('2025-02-28');
    expect(periodLastDay('2023-03-01', 12)).toBe('2024-02-29');
    expect(periodLastDay('2024-01-31', 1)).toBe('2024-02-29');
    expect(periodLastDay('2024-02-29', 60)).toBe('2029-02-28');
  });

  it('computes the no-risk policy end per target group, with a default', () => {
    expect(noRiskPolicyEnd('2024-03-01', 'wajong', testParameters)).toMatchObject({ lastCoveredDay: '2029-02-28', years: 5 });
    expect(noRiskPolicyEnd('2024-03-01', 'short-test-group', testParameters)).toMatchObject({ lastCoveredDay: '2026-02-28', years: 2 });
    expect(noRiskPolicyEnd('2024-03-01', 'wajong', testParameters).parameter.scope).toBe('default');
  });

  it('computes when a placement is durable and when the wage value is reassessed', () => {
    expect(durableFrom('2024-01-15', 6)).toBe('2024-07-15');
    expect(durableFrom('2024-08-31', 6)).toBe('2025-03-01');
    expect(durableFrom('2024-02-01', 12)).toBe('2025-02-01');
    expect(nextReassessment('2024-02-29', 12)).toBe('2025-02-28');
    expect(nextReassessment('2024-05-10', 6)).toBe('2024-11-10');
  });
});

describe('InMemoryParameterSource', () => {
  it('returns the row valid on a date, including its first and last day', () => {
    expect(testParameters.valueOn('minimumWagePerHour', '2024-06-30').value).toBe(10);
    expect(testParameters.valueOn('minimumWagePerHour', '2024-07-01').value).toBe(12);
    expect(testParameters.valueOn('minimumWagePerHour', '2024-09-16').value).toBe(12.5);
    expect(testParameters.valueOn('quotaPercentage', '2025-06-01', 'public').value).toBe(0.025);
    expect(testParameters.dateOn('inclusivenessRegimeStart', '2024-01-01').value).toBe('2026-01-01');
  });

  it('names key, scope and date when no row is valid', () => {
    expect(() => testParameters.valueOn('quotaPercentage', '2031-01-01', 'private')).toThrow(
      new MissingParameterError('quotaPercentage', '2031-01-01', 'private'),
    );
    expect(() => testParameters.valueOn('quotaPercentage', '2031-01-01', 'private')).toThrow(
      'No value for rule parameter "quotaPercentage" (scope "private") valid on 2031-01-01',
    );
    expect(testParameters.findValueOn('minimumWagePerHour', '2019-01-01')).toBeUndefined();
  });

  it('refuses overlapping rows, inverted periods, bad values and missing sources', () => {
    const build = (rows: AnyParameterValue[]) => () => new InMemoryParameterSource(rows);
    expect(build([param('holidayPayRate', 0.08, '2020-01-01'), param('holidayPayRate', 0.09, '2024-01-01')])).toThrow(
      InvalidParameterError,
    );
    expect(build([param('holidayPayRate', 0.08, '2020-01-01', '2024-01-01'), param('holidayPayRate', 0.09, '2024-01-01')])).toThrow(
      /overlapping/,
    );
    expect(build([param('holidayPayRate', 0.08, '2024-01-01', '2023-12-31')])).toThrow(/validTo/);
    expect(build([param('holidayPayRate', Number.NaN, '2024-01-01')])).toThrow(/value/);
    expect(build([{ ...param('holidayPayRate', 0.08, '2024-01-01'), source: ' ' }])).toThrow(/source/);
    // the same key in different scopes does not overlap
    expect(
      build([param('noRiskPolicyYears', 5, '2020-01-01', null, 'a'), param('noRiskPolicyYears', 3, '2020-01-01', null, 'b')]),
    ).not.toThrow();
  });
});

describe('national reference parameters', () => {
  const source = new InMemoryParameterSource(nationalParameters);

  it('load without overlaps and cover every parameter key, except what waits for a decision', () => {
    const keys = new Set(source.rows().map((row) => row.key));
    // The inclusiveness regime starts only after an activation decision (Kamerstuk 36 449): no date is guessed.
    expect([...NUMERIC_PARAMETER_KEYS, ...DATE_PARAMETER_KEYS].filter((key) => !keys.has(key))).toEqual(['inclusivenessRegimeStart']);
  });

  it('have a minimum wage for every month from 2017 to June 2026', () => {
    for (const month of monthsBetween('2017-01', '2026-06')) {
      expect(source.valueOn('minimumWagePerHour', `${month}-01`).value).toBeGreaterThan(9);
    }
    expect(source.valueOn('minimumWagePerHour', '2024-01-01').value).toBe(13.27);
    expect(source.valueOn('minimumWagePerHour', '2018-01-01').source).toMatch(/38-urige werkweek/);
  });

  it('switch the employer-cost allowance from 23% to 23.5% on 1 January 2018', () => {
    expect(source.valueOn('employerCostAllowanceRate', '2017-12-31').value).toBe(0.23);
    expect(source.valueOn('employerCostAllowanceRate', '2018-01-01').value).toBe(0.235);
  });

  it('keep the 25 x 1,623 = 40,575 hour threshold and 1.93% for 2018', () => {
    const on = '2018-06-01';
    expect(source.valueOn('quotaThresholdEmployees', on).value * source.valueOn('averageJobHoursPerYear', on).value).toBe(40_575);
    expect(source.valueOn('quotaPercentage', on, 'public').value).toBe(0.0193);
  });
});

describe('Fraction', () => {
  it('reads decimals exactly and rounds half up once', () => {
    expect(Fraction.of(0.1).plus(0.2).compare(Fraction.of(0.3))).toBe(0);
    expect(Fraction.of(1.005).times(100).roundHalfUp()).toBe(101n);
    expect(Fraction.of(-2.5).roundHalfUp()).toBe(-3n);
    expect(Fraction.of(1e-7).toString()).toBe('1/10000000');
    expect(Fraction.ratio(7, 2).ceil()).toBe(4n);
    expect(Fraction.ratio(-7, 2).floor()).toBe(-4n);
  });
});
