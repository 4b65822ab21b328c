import { type AnyParameterValue, InMemoryParameterSource, type NumericParameterKey } from '../../../src/rules/calculations/parameters.js';

/**
 * Round test values that keep the hand calculations in the golden tests
 * readable. They are deliberately not the national values.
 */
export function param(
  key: NumericParameterKey,
  value: number,
  validFrom: string,
  validTo: string | null = null,
  scope?: string,
): AnyParameterValue {
  return { key, value, validFrom, validTo, source: `test value ${key}=${value}`, ...(scope === undefined ? {} : { scope }) };
}

export const testRows: readonly AnyParameterValue[] = [
  // Minimum wage: a change at a month boundary (1 July) and one mid-month (16 September).
  param('minimumWagePerHour', 10, '2024-01-01', '2024-06-30'),
  param('minimumWagePerHour', 12, '2024-07-01', '2024-09-15'),
  param('minimumWagePerHour', 12.5, '2024-09-16'),
  param('holidayPayRate', 0.08, '2020-01-01'),
  param('subsidyCapRate', 0.7, '2020-01-01'),
  param('employerCostAllowanceRate', 0.25, '2020-01-01'),

  // One quota job = 25 h/week = 1,300 h/year, so N hours a week count as N x 52 hours a year.
  param('quotaJobHoursPerWeek', 25, '2020-01-01'),
  param('quotaJobHoursPerYear', 1300, '2020-01-01'),
  param('averageJobHoursPerYear', 1600, '2020-01-01'),
  param('quotaThresholdEmployees', 25, '2020-01-01'),
  param('quotaLevyPerMissingJob', 5000, '2020-01-01'),
  param('quotaLevyImposed', 1, '2020-01-01', null, 'public'),
  param('inclusivenessBonusPerJob', 5000, '2020-01-01'),
  param('quotaPercentage', 0.02, '2024-01-01', '2024-12-31', 'public'),
  param('quotaPercentage', 0.025, '2025-01-01', '2025-12-31', 'public'),
  param('quotaPercentage', 0.03, '2026-01-01', '2026-12-31', 'public'),
  { key: 'inclusivenessRegimeStart', value: '2026-01-01', validFrom: '2020-01-01', validTo: null, source: 'test regime start' },

  param('loonkostenvoordeelPerHour', 1, '2020-01-01', '2023-12-31'),
  param('loonkostenvoordeelPerHour', 1.5, '2024-01-01'),
  param('loonkostenvoordeelMaxPerYear', 2000, '2020-01-01'),
  param('loonkostenvoordeelYears', 3, '2020-01-01'),

  param('noRiskPolicyYears', 5, '2020-01-01', null, 'default'),
  param('noRiskPolicyYears', 2, '2020-01-01', null, 'short-test-group'),
];

export const testParameters = new InMemoryParameterSource(testRows);
