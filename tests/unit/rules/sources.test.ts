import { parameterLabel } from '../../../src/rules/calculations/parameter-labels.js';
import { describe, expect, it } from '@jest/globals';
import type { ExplanationLine } from '../../../src/rules/calculations/explain.js';
import { calculateLoonkostenvoordeel, estimateLoonkostenvoordeel } from '../../../src/rules/calculations/loonkostenvoordeel.js';
import type { AnyParameterValue } from '../../../src/rules/calculations/parameters.js';
import { quotaStatus } from '../../../src/rules/calculations/quota.js';
import { calculateWageCostSubsidy } from '../../../src/rules/calculations/wage-cost-subsidy.js';
import { GovernedParameterSource } from '../../../src/rules/governed-parameter-source.js';
import { nationalParameters } from '../../../src/rules/reference/national-parameters.js';
import { testParameters } from './test-parameters.js';

const national = new GovernedParameterSource(nationalParameters, []);
const withOrganisation = new GovernedParameterSource(nationalParameters, [
  {
    key: 'quotaPercentage',
    scope: 'private',
    value: 0.05,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    source: 'Besluit MT quotum markt 2026',
    recordedBy: 'A. Admin',
    recordedAt: '2026-11-20T10:00:00.000Z',
  },
]);

const job = { hoursPerWeek: 24, hourlyWage: 15, wageValuePercent: 40, employmentStart: '2024-05-16' };

const calculations: [string, () => { parametersUsed: AnyParameterValue[]; explanation: ExplanationLine[] }][] = [
  ['wage-cost subsidy, national', () => calculateWageCostSubsidy({ ...job, month: '2025-07' }, national)],
  ['wage-cost subsidy, split month', () => calculateWageCostSubsidy({ ...job, month: '2024-05' }, national)],
  ['wage-cost subsidy, provisional', () => calculateWageCostSubsidy({ ...job, month: '2026-12' }, national)],
  ['wage-cost subsidy, test values', () => calculateWageCostSubsidy({ ...job, month: '2024-09' }, testParameters)],
  [
    'quota, national 2024',
    () =>
      quotaStatus(
        { fiscalNumber: 'x', year: 2024, sector: 'public', totalPaidHours: 90_000, employeeCount: 50, targetGroup: [] },
        national,
      ),
  ],
  [
    'quota, organisation value',
    () =>
      quotaStatus(
        { fiscalNumber: 'x', year: 2026, sector: 'private', totalPaidHours: 90_000, employeeCount: 50, targetGroup: [] },
        withOrganisation,
      ),
  ],
  [
    'quota, inclusiveness regime',
    () =>
      quotaStatus(
        {
          fiscalNumber: 'x',
          year: 2026,
          sector: 'public',
          totalPaidHours: 90_000,
          employeeCount: 50,
          targetGroup: [{ paidHours: 1300, countsAt: 'hiring' }],
        },
        testParameters,
      ),
  ],
  ['LKV, before 2026', () => estimateLoonkostenvoordeel({ contractStart: '2025-06-01', hoursPerWeek: 20 }, national)],
  ['LKV, from 2026', () => estimateLoonkostenvoordeel({ contractStart: '2026-02-01', hoursPerWeek: 20 }, national)],
  [
    'LKV, given hours',
    () => calculateLoonkostenvoordeel({ contractStart: '2021-07-01', paidHoursByYear: [{ year: 2022, paidHours: 900 }] }, national),
  ],
];

describe('every explanation names the source of every value it used', () => {
  it.each(calculations)('%s', (_name, calculate) => {
    const { parametersUsed, explanation } = calculate();
    expect(parametersUsed.length).toBeGreaterThan(0);
    for (const row of parametersUsed) {
      for (const language of ['nl', 'en'] as const) {
        const line = explanation.find(
          (candidate) => candidate[language].includes(row.source) && candidate[language].includes(parameterLabel(row.key, language)),
        );
        expect({ key: row.key, scope: row.scope, language, named: line !== undefined }).toEqual({
          key: row.key,
          scope: row.scope,
          language,
          named: true,
        });
      }
      if (row.origin === 'organisation') {
        expect(explanation.some((line) => line.nl.includes('ingevoerd door uw organisatie (A. Admin, 20 november 2026)'))).toBe(true);
      }
      if (row.origin === 'provisional') {
        expect(explanation.some((line) => line.nl.includes('voorlopige waarde'))).toBe(true);
      }
    }
  });
});
