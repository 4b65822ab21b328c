import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, fromEpochDay, monthsBetween, toEpochDay } from '../../../src/rules/calculations/dates.js';
import { calculateLoonkostenvoordeel } from '../../../src/rules/calculations/loonkostenvoordeel.js';
import { quotaStatus, type TargetGroupHours } from '../../../src/rules/calculations/quota.js';
import { calculateWageCostSubsidy } from '../../../src/rules/calculations/wage-cost-subsidy.js';
import { nationalParameterSource } from '../../../src/rules/reference/national-parameters.js';

const national = nationalParameterSource();
const RUNS = { numRuns: 300 };

// National parameters change on the first of a month only, so each month has one set of values.
const month = fc.constantFrom(...monthsBetween('2017-01', '2026-06'));
const hoursPerWeek = fc.integer({ min: 1, max: 80 }).map((halfHours) => halfHours / 2);
const hourlyWage = fc.integer({ min: 0, max: 5000 }).map((cents) => cents / 100);
const wageValuePercent = fc.integer({ min: 0, max: 100 });

function subsidy(m: string, hours: number, wage: number, percent: number, employmentStart = '2010-01-01'): number {
  return calculateWageCostSubsidy({ month: m, hoursPerWeek: hours, hourlyWage: wage, wageValuePercent: percent, employmentStart }, national)
    .amountCents;
}

describe('wage-cost subsidy properties', () => {
  it('never exceeds the cap plus its employer-cost allowance', () => {
    fc.assert(
      fc.property(month, hoursPerWeek, hourlyWage, wageValuePercent, (m, hours, wage, percent) => {
        const on = `${m}-01`;
        const wml = national.valueOn('minimumWagePerHour', on).value;
        const withHolidayPay = 1 + national.valueOn('holidayPayRate', on).value;
        const cap = national.valueOn('subsidyCapRate', on).value;
        const allowance = national.valueOn('employerCostAllowanceRate', on).value;
        const boundCents = cap * wml * ((hours * 52) / 12) * withHolidayPay * (1 + allowance) * 100;
        // rounding to the cent may add at most half a cent
        expect(subsidy(m, hours, wage, percent)).toBeLessThanOrEqual(boundCents + 0.5 + 1e-6);
      }),
      RUNS,
    );
  });

  it('is zero at a wage value of 100% of a job paid at least the minimum wage', () => {
    fc.assert(
      fc.property(month, hoursPerWeek, fc.integer({ min: 0, max: 2000 }), (m, hours, extraCents) => {
        const wml = national.valueOn('minimumWagePerHour', `${m}-01`).value;
        expect(subsidy(m, hours, wml, 100)).toBe(0);
        expect(subsidy(m, hours, (Math.round(wml * 100) + extraCents) / 100, 100)).toBe(0);
      }),
      RUNS,
    );
  });

  it('never decreases as the wage value falls', () => {
    fc.assert(
      fc.property(month, hoursPerWeek, hourlyWage, wageValuePercent, wageValuePercent, (m, hours, wage, a, b) => {
        const [lower, higher] = a <= b ? [a, b] : [b, a];
        expect(subsidy(m, hours, wage, lower)).toBeGreaterThanOrEqual(subsidy(m, hours, wage, higher));
      }),
      RUNS,
    );
  });

  it('for part of a month is never more than for the whole month', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: 0, max: 27 }), hoursPerWeek, hourlyWage, wageValuePercent, (m, offset, hours, wage, percent) => {
        const start = addDays(`${m}-01`, offset);
        expect(subsidy(m, hours, wage, percent, start)).toBeLessThanOrEqual(subsidy(m, hours, wage, percent));
      }),
      RUNS,
    );
  });
});

describe('quota properties', () => {
  const entries = fc.array(
    fc.record({
      paidHours: fc.integer({ min: 0, max: 400_000 }).map((quarters) => quarters / 4),
      countsAt: fc.constantFrom<TargetGroupHours['countsAt']>('hiring', 'lending'),
    }),
    { maxLength: 20 },
  );
  const jobs = (targetGroup: TargetGroupHours[]) =>
    quotaStatus({ fiscalNumber: 'x', year: 2024, sector: 'public', totalPaidHours: 1_000_000, employeeCount: 500, targetGroup }, national)
      .jobsCounted;

  it('jobs are additive over employees', () => {
    fc.assert(
      fc.property(entries, entries, (a, b) => {
        expect(jobs([...a, ...b])).toBeCloseTo(jobs(a) + jobs(b), 9);
      }),
      RUNS,
    );
  });

  it('the levy never grows when target-group hours are added', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 10_000 }), (a, extra) => {
        const levy = (targetGroup: TargetGroupHours[]) =>
          quotaStatus(
            { fiscalNumber: 'x', year: 2024, sector: 'public', totalPaidHours: 500_000, employeeCount: 300, targetGroup },
            national,
          ).estimatedLevyCents ?? 0;
        expect(levy([...a, { paidHours: extra, countsAt: 'hiring' }])).toBeLessThanOrEqual(levy(a));
      }),
      RUNS,
    );
  });
});

describe('loonkostenvoordeel properties', () => {
  const start = fc.integer({ min: toEpochDay('2018-01-01'), max: toEpochDay('2026-12-31') }).map(fromEpochDay);
  const hours = fc.integer({ min: 0, max: 8_000 });

  it('never exceeds the yearly maximum and pays nothing outside the period', () => {
    fc.assert(
      fc.property(start, fc.array(hours, { minLength: 6, maxLength: 6 }), (contractStart, perYear) => {
        const firstYear = Number(contractStart.slice(0, 4)) - 1;
        const result = calculateLoonkostenvoordeel(
          { contractStart, paidHoursByYear: perYear.map((paidHours, i) => ({ year: firstYear + i, paidHours })) },
          national,
        );
        for (const year of result.perYear) {
          expect(year.amountCents).toBeLessThanOrEqual(200_000);
          if (year.year === firstYear || (result.eligibleUntil && year.year > Number(result.eligibleUntil.slice(0, 4)))) {
            expect(year.amountCents).toBe(0);
          }
        }
        if (contractStart < '2026-01-01') {
          // three years are 1,095 or 1,096 days, both ends included
          expect(toEpochDay(result.eligibleUntil!) - toEpochDay(contractStart) + 1).toBeGreaterThanOrEqual(1095);
          expect(toEpochDay(result.eligibleUntil!) - toEpochDay(contractStart) + 1).toBeLessThanOrEqual(1096);
        } else {
          // from 2026 the LKV runs for the whole employment: no end without a contract end
          expect(result.eligibleUntil).toBeNull();
        }
      }),
      RUNS,
    );
  });
});
