import { describe, expect, it } from '@jest/globals';
import { calculateLoonkostenvoordeel } from '../../../src/rules/calculations/loonkostenvoordeel.js';
import { nationalParameterSource } from '../../../src/rules/reference/national-parameters.js';
import { testParameters } from './test-parameters.js';

/* National values: EUR 1.01 per paid hour, at most EUR 2,000 a year, 3 years from the contract start. */
const national = nationalParameterSource();
const cents = (result: ReturnType<typeof calculateLoonkostenvoordeel>) =>
  result.perYear.map(({ year, amountCents }) => [year, amountCents]);

describe('loonkostenvoordeel banenafspraak (LKV): golden examples', () => {
  it('three full years, then it ends', () => {
    // start 1 January 2022: eligible to 31 December 2024; 1,000 h x 1.01 = 1,010.00 a year; 2025 nothing
    const result = calculateLoonkostenvoordeel(
      {
        contractStart: '2022-01-01',
        paidHoursByYear: [
          { year: 2022, paidHours: 1000 },
          { year: 2023, paidHours: 1000 },
          { year: 2024, paidHours: 1000 },
          { year: 2025, paidHours: 1000 },
        ],
      },
      national,
    );
    expect(result.eligibleUntil).toBe('2024-12-31');
    expect(cents(result)).toEqual([
      [2022, 101000],
      [2023, 101000],
      [2024, 101000],
      [2025, 0],
    ]);
    expect(result.totalCents).toBe(303000);
  });

  it('hits the EUR 2,000 cap', () => {
    // 2,000 h x 1.01 = 2,020.00 > 2,000 -> 2,000.00; 1,980 h x 1.01 = 1,999.80 stays under
    const result = calculateLoonkostenvoordeel(
      {
        contractStart: '2022-01-01',
        paidHoursByYear: [
          { year: 2022, paidHours: 2000 },
          { year: 2023, paidHours: 1980 },
        ],
      },
      national,
    );
    expect(result.perYear.map(({ amountCents, capped }) => [amountCents, capped])).toEqual([
      [200000, true],
      [199980, false],
    ]);
  });

  it('a mid-year start: the last year counts only up to the end of the third year', () => {
    // start 1 July 2021, eligible to 30 June 2024
    // 2020 before the start: 0; 2021: 900 h x 1.01 = 909.00; 2022 and 2023: 1,800 h x 1.01 = 1,818.00
    // 2024: 1,800 h x 182/366 days = 895.0820 h x 1.01 = 904.0328 -> 904.03; 2025: 0
    const result = calculateLoonkostenvoordeel(
      {
        contractStart: '2021-07-01',
        paidHoursByYear: [
          { year: 2024, paidHours: 1800 },
          { year: 2020, paidHours: 500 },
          { year: 2021, paidHours: 900 },
          { year: 2022, paidHours: 1800 },
          { year: 2023, paidHours: 1800 },
          { year: 2025, paidHours: 1800 },
        ],
      },
      national,
    );
    expect(result.eligibleUntil).toBe('2024-06-30');
    expect(cents(result)).toEqual([
      [2020, 0],
      [2021, 90900],
      [2022, 181800],
      [2023, 181800],
      [2024, 90403],
      [2025, 0],
    ]);
    expect(result.perYear[4]).toMatchObject({ eligibleFrom: '2024-01-01', eligibleTo: '2024-06-30' });
    expect(result.perYear[4]!.eligibleHours).toBeCloseTo((1800 * 182) / 366, 9);
    expect(result.totalCents).toBe(544903);
  });

  it('a start on 29 February ends on 28 February three years later', () => {
    // eligible to 28 February 2027; 2027: 600 h x 59/365 = 96.9863 h x 1.01 = 97.956 -> 97.96
    const result = calculateLoonkostenvoordeel(
      { contractStart: '2024-02-29', paidHoursByYear: [{ year: 2027, paidHours: 600 }] },
      national,
    );
    expect(result.eligibleUntil).toBe('2027-02-28');
    expect(result.perYear[0]!.amountCents).toBe(9796);
  });

  it('uses the hourly amount valid in each year (test values: 1.00 until 2023, 1.50 from 2024)', () => {
    // 2023: 1,500 h x 1.00 = 1,500.00; 2024: 1,500 h x 1.50 = 2,250.00 -> capped at 2,000.00
    const result = calculateLoonkostenvoordeel(
      {
        contractStart: '2023-01-01',
        paidHoursByYear: [
          { year: 2023, paidHours: 1500 },
          { year: 2024, paidHours: 1500 },
        ],
      },
      testParameters,
    );
    expect(cents(result)).toEqual([
      [2023, 150000],
      [2024, 200000],
    ]);
    expect(result.parametersUsed.filter((row) => row.key === 'loonkostenvoordeelPerHour').map((row) => row.value)).toEqual([1, 1.5]);
  });
});

describe('loonkostenvoordeel: explanation and validation', () => {
  it('explains every year', () => {
    const result = calculateLoonkostenvoordeel(
      {
        contractStart: '2021-07-01',
        paidHoursByYear: [
          { year: 2022, paidHours: 2000 },
          { year: 2024, paidHours: 1800 },
          { year: 2025, paidHours: 10 },
        ],
      },
      national,
    );
    expect(result.explanation.filter((line) => !line.nl.startsWith('Gebruikt: ')).map((line) => line.nl)).toEqual([
      'Het loonkostenvoordeel banenafspraak (LKV) is een vast bedrag per verloond uur met een maximum per kalenderjaar, gedurende 3 jaar vanaf de start van het dienstverband: van 1 juli 2021 tot en met 30 juni 2024.',
      '2022: 2.000 uur × € 1,01 = € 2.020,00, begrensd op het maximum van € 2.000,00 per jaar: € 2.000,00.',
      '2024: alleen de uren tot en met 30 juni 2024 tellen (182 van 366 dagen): 1.800 × 182/366 = 895,08 uur × € 1,01 = € 904,03.',
      '2025: na de LKV-periode, geen LKV.',
      'Totaal LKV: € 2.904,03.',
    ]);
    expect(result.explanation[1]!.en).toBe('2022: 2,000 hours × €1.01 = €2,020.00, limited to the maximum of €2,000.00 a year: €2,000.00.');
  });

  it('rejects a year given twice or negative hours', () => {
    const twice = { contractStart: '2022-01-01', paidHoursByYear: [2022, 2022].map((year) => ({ year, paidHours: 1 })) };
    expect(() => calculateLoonkostenvoordeel(twice, national)).toThrow(RangeError);
    expect(() =>
      calculateLoonkostenvoordeel({ contractStart: '2022-01-01', paidHoursByYear: [{ year: 2022, paidHours: -1 }] }, national),
    ).toThrow(RangeError);
  });
});
