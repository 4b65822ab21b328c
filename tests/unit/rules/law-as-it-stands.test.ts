import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { estimateLoonkostenvoordeel } from '../../../src/rules/calculations/loonkostenvoordeel.js';
import type { AnyParameterValue } from '../../../src/rules/calculations/parameters.js';
import { quotaStatus } from '../../../src/rules/calculations/quota.js';
import { hasIllnessOrDisability } from '../../../src/rules/calculations/trial-placement.js';
import { calculateWageCostSubsidy, subsidyCorrection } from '../../../src/rules/calculations/wage-cost-subsidy.js';
import { GovernedParameterSource } from '../../../src/rules/governed-parameter-source.js';
import { nationalParameters } from '../../../src/rules/reference/national-parameters.js';
import { testRows } from './test-parameters.js';

/**
 * Golden examples for issue 13, each worked out by hand in the comments. "national" is the shipped
 * reference data as the governed source sees it, with no organisation values.
 */
const national = new GovernedParameterSource(nationalParameters, []);

function organisationRow(
  key: AnyParameterValue['key'],
  value: number,
  validFrom: string,
  validTo: string | null,
  scope?: string,
): AnyParameterValue {
  return {
    key: key as never,
    value,
    validFrom,
    validTo,
    source: `Besluit organisatie ${key}`,
    recordedBy: 'A. Admin',
    recordedAt: '2026-11-20T10:00:00.000Z',
    ...(scope ? { scope } : {}),
  };
}

// 36 h/week, paid at the minimum wage of 2026-01-01 (14.71), wage value 50%.
const job = { hoursPerWeek: 36, hourlyWage: 14.71, wageValuePercent: 50, employmentStart: '2025-01-01' };

describe('reference data as it stands', () => {
  it('has the minimum wage per hour of 2025 and 2026 with a dated source', () => {
    for (const [date, value] of [
      ['2025-01-01', 14.06],
      ['2025-07-01', 14.4],
      ['2026-01-01', 14.71],
    ] as const) {
      const row = national.valueOn('minimumWagePerHour', date);
      expect(row).toMatchObject({ value, validFrom: date, origin: 'national' });
      expect(row.source).toMatch(/bron: Rijksoverheid.*gepubliceerd/);
    }
  });

  it('has quota percentages only where confirmed and no levy imposed unless confirmed', () => {
    expect(national.findValueOn('quotaPercentage', '2024-01-01', 'public')?.value).toBe(0.0276);
    for (const year of [2019, 2020, 2021, 2022, 2023, 2025, 2026]) {
      expect(national.findValueOn('quotaPercentage', `${year}-01-01`, 'public')).toBeUndefined();
    }
    for (const sector of ['public', 'private']) {
      for (const year of [2018, 2024, 2026]) expect(national.findValueOn('quotaLevyImposed', `${year}-01-01`, sector)?.value).toBe(0);
    }
  });
});

describe('parameter governance: national data is authoritative', () => {
  it('an organisation row from 2016-12-31 cannot change the 2026-03 subsidy (stays EUR 1,530.38)', () => {
    // 36 x 52 / 12 = 156 h; WML 14.71 x 156 x 1.08 = 2,478.3408; minus 50% wage value = 1,239.1704; x 1.235 = 1,530.3754 -> 1,530.38
    const corrupting = new GovernedParameterSource(nationalParameters, [organisationRow('minimumWagePerHour', 5, '2016-12-31', null)]);
    const result = calculateWageCostSubsidy({ ...job, month: '2026-03' }, corrupting);
    expect(result.amountCents).toBe(153038);
    expect(result.provisional).toBe(false);
    expect(result.parametersUsed.find((row) => row.key === 'minimumWagePerHour')).toMatchObject({ value: 14.71, origin: 'national' });
    // it stops by itself the day before the first national value (2017-01-01)
    expect(corrupting.valueOn('minimumWagePerHour', '2016-12-31')).toMatchObject({
      value: 5,
      validTo: '2016-12-31',
      origin: 'organisation',
    });
  });

  it('an organisation quota percentage cannot replace a national one', () => {
    const corrupting = new GovernedParameterSource(nationalParameters, [
      organisationRow('quotaPercentage', 0.5, '2024-01-01', null, 'public'),
    ]);
    expect(corrupting.valueOn('quotaPercentage', '2024-06-01', 'public')).toMatchObject({ value: 0.0276, origin: 'national' });
  });

  it('never lets any organisation row change a result for a date national data covers (property)', () => {
    const day = fc
      .integer({ min: 0, max: 365 * 12 })
      .map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const row = fc
      .tuple(day, fc.option(fc.integer({ min: 0, max: 2000 })), fc.double({ min: 0, max: 100, noNaN: true }))
      .map(([from, length, value]) =>
        organisationRow(
          'minimumWagePerHour',
          value,
          from,
          length === null ? null : new Date(Date.parse(from) + length * 86_400_000).toISOString().slice(0, 10),
        ),
      );
    const month = fc.integer({ min: 0, max: 113 }).map((n) => `${2017 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(row, month, (organisation, m) => {
        const governed = new GovernedParameterSource(nationalParameters, [organisation]);
        expect(calculateWageCostSubsidy({ ...job, employmentStart: '2017-01-01', month: m }, governed).amountCents).toBe(
          calculateWageCostSubsidy({ ...job, employmentStart: '2017-01-01', month: m }, national).amountCents,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('an open-ended organisation minimum wage from 2026-07-01 stops where a later national value begins', () => {
    const nationalLater = [
      ...nationalParameters,
      {
        ...national.valueOn('minimumWagePerHour', '2026-01-01'),
        validFrom: '2027-01-01',
        validTo: '2027-06-30',
        value: 15.2,
        source: 'later national value',
      },
    ];
    const source = new GovernedParameterSource(nationalLater, [organisationRow('minimumWagePerHour', 15, '2026-07-01', null)]);
    expect(source.valueOn('minimumWagePerHour', '2026-12-31')).toMatchObject({ value: 15, origin: 'organisation', validTo: '2026-12-31' });
    expect(source.valueOn('minimumWagePerHour', '2027-01-01')).toMatchObject({ value: 15.2, origin: 'national' });
  });
});

describe('a minimum wage not yet published', () => {
  it('computes December 2026 with the last known value (14.71), marked provisional, explained in plain Dutch', () => {
    // same figures as 2026-03: EUR 1,530.38, but provisional
    const result = calculateWageCostSubsidy({ ...job, month: '2026-12' }, national);
    expect(result).toMatchObject({ amountCents: 153038, provisional: true });
    const wage = result.parametersUsed.find((row) => row.key === 'minimumWagePerHour')!;
    expect(wage).toMatchObject({
      value: 14.71,
      origin: 'provisional',
      provisional: { periodStart: '2026-07-01', lastKnownFrom: '2026-01-01' },
    });
    expect(result.explanation[0]!.nl).toMatch(/^Voorlopig: het minimumloon per 1 juli 2026 is nog niet bekend in Werkbrug\./);
    expect(result.explanation[0]!.nl).toContain('14,71');
    expect(result.explanation[0]!.nl).toContain('1 januari 2026');
  });

  it('a statement stored with the provisional value is corrected by a new one when the value arrives', () => {
    const stored = calculateWageCostSubsidy({ ...job, month: '2026-12' }, national);
    // the value arrives: 15.00 from 2026-07-01. WML 15 x 156 x 1.08 = 2,527.20; the wage value stays 50% of the
    // actual wage 14.71: 1,239.1704; difference 1,288.0296 (under the 70% cap 1,769.04); x 1.235 = 1,590.7166 -> 1,590.72
    const known = new GovernedParameterSource(nationalParameters, [organisationRow('minimumWagePerHour', 15, '2026-07-01', '2026-12-31')]);
    const corrected = calculateWageCostSubsidy({ ...job, month: '2026-12' }, known);
    expect(corrected).toMatchObject({ amountCents: 159072, provisional: false });
    const correction = subsidyCorrection({ month: '2026-12', amountCents: stored.amountCents }, corrected);
    // 1,590.72 - 1,530.38 = 60.34
    expect(correction).toMatchObject({ previousAmountCents: 153038, amountCents: 159072, differenceCents: 6034 });
    expect(correction.explanation[0]!.nl).toBe(
      'Correctie voor december 2026: eerder opgegeven met een voorlopige waarde € 1.530,38, nu € 1.590,72; verschil +€ 60,34.',
    );
  });

  it('uses the last known value for a later half-year too (2027-03 is also provisional, from 1 January 2027)', () => {
    const result = calculateWageCostSubsidy({ ...job, month: '2027-03' }, national);
    expect(result.amountCents).toBe(153038);
    expect(result.parametersUsed.find((row) => row.key === 'minimumWagePerHour')?.provisional).toEqual({
      periodStart: '2027-01-01',
      lastKnownFrom: '2026-01-01',
    });
  });
});

describe('quota rule fixes', () => {
  const employer = { fiscalNumber: '123456789L01', year: 2024, sector: 'public' as const, targetGroup: [] };

  it('30 employees and 30,000 paid hours: the quota does not apply, 0 missing jobs, no advice, no levy', () => {
    // threshold 25 x 1,623 = 40,575 paid hours; 30,000 is below it whatever the headcount
    const status = quotaStatus({ ...employer, employeeCount: 30, totalPaidHours: 30_000 }, national);
    expect(status).toMatchObject({
      quotaApplies: false,
      thresholdHours: 40_575,
      levyImposed: false,
      estimatedLevyCents: null,
      closingTheGap: [],
    });
    // 2.76% x 30,000 = 828 hours would be required if it applied; it does not, so nothing is missing
    expect(status.requirement).toMatchObject({ requiredHours: 828, missingJobs: 0, missingHours: 0 });
    const nl = status.explanation.map((line) => line.nl).join(' ');
    expect(nl).toContain('25 × 1.623 = 40.575 uur per jaar');
    expect(nl).toContain('Ter informatie: u heeft 30 werknemers');
    expect(nl).toContain('komt u geen banen tekort');
    expect(nl).not.toContain('Om het tekort te dichten');
  });

  it('over the hours threshold with few employees the quota applies (40,575 hours, 10 employees)', () => {
    // required 2.76% x 40,575 = 1,119.87 h = 0.84137 jobs of 1,331; none counted
    const status = quotaStatus({ ...employer, employeeCount: 10, totalPaidHours: 40_575 }, national);
    expect(status.quotaApplies).toBe(true);
    expect(status.requirement?.missingJobs).toBeCloseTo(1119.87 / 1331, 12);
    expect(status.closingTheGap.length).toBeGreaterThan(0);
  });

  it('estimates no levy for 2024 (none imposed), and does for a year and sector whose levy a source confirms', () => {
    const none = quotaStatus({ ...employer, employeeCount: 100, totalPaidHours: 100_000 }, national);
    expect(none).toMatchObject({ levyImposed: false, estimatedLevyCents: null });
    expect(none.explanation.map((line) => line.nl)).toContain(
      'Over 2024 is voor de overheid geen quotumheffing opgelegd, dus er is geen heffing.',
    );
    // test rows confirm a levy: required 2% x 100,000 = 2,000 h, missing 2,000 / 1,300 jobs x 5,000 = 7,692.3077 -> 7,692.31
    const imposed = quotaStatus({ ...employer, employeeCount: 100, totalPaidHours: 100_000 }, new GovernedParameterSource(testRows, []));
    expect(imposed).toMatchObject({ levyImposed: true, estimatedLevyCents: 769231 });
  });
});

describe('loonkostenvoordeel: the 2026 transition', () => {
  it('a contract from 2025-06-01 keeps 3 years (until 2028-05-31)', () => {
    // 2025: 20 x 52 x 214/365 = 609.75 h x 1.01 = 615.85; 2026, 2027: 1,040 h x 1.01 = 1,050.40;
    // 2028: 1,040 x 152/366 = 431.9126 h x 1.01 = 436.23
    const result = estimateLoonkostenvoordeel({ contractStart: '2025-06-01', hoursPerWeek: 20 }, national);
    expect(result).toMatchObject({ wholeEmployment: false, years: 3, eligibleUntil: '2028-05-31' });
    expect(result.perYear.map((year) => [year.year, year.paidHours, year.amountCents])).toEqual([
      [2025, 609.75, 61585],
      [2026, 1040, 105040],
      [2027, 1040, 105040],
      [2028, 1040, 43623],
    ]);
    expect(result.totalCents).toBe(315288);
  });

  it('a contract from 2026-02-01 runs for the whole employment', () => {
    // 2026: 20 x 52 x 334/365 = 951.67 h x 1.01 = 961.19; later years 1,050.40; no end
    const result = estimateLoonkostenvoordeel({ contractStart: '2026-02-01', hoursPerWeek: 20 }, national);
    expect(result).toMatchObject({ wholeEmployment: true, years: null, eligibleUntil: null });
    expect(result.perYear.map((year) => [year.year, year.paidHours, year.amountCents])).toEqual([
      [2026, 951.67, 96119],
      [2027, 1040, 105040],
      [2028, 1040, 105040],
    ]);
    expect(result.explanation.map((line) => line.nl).join(' ')).toContain('zolang het dienstverband duurt');
    // with an end in 2031 every year up to it counts, beyond the old 3 years: 2031 is 1 Jan - 30 Jun = 181 days
    const ended = estimateLoonkostenvoordeel({ contractStart: '2026-02-01', contractEnd: '2031-06-30', hoursPerWeek: 20 }, national);
    expect(ended.eligibleUntil).toBe('2031-06-30');
    // 20 x 52 x 181/365 = 515.73 h x 1.01 = 520.89
    expect(ended.perYear.at(-1)).toMatchObject({ year: 2031, paidHours: 515.73, amountCents: 52089 });
  });
});

describe('trial extension', () => {
  it('is for people with an illness or disability only', () => {
    const facts = { limitationKind: null, benefitType: null, targetGroupRegisterStatus: null };
    expect(hasIllnessOrDisability({ ...facts, benefitType: 'WW' })).toBe(false);
    expect(hasIllnessOrDisability(facts)).toBe(false);
    expect(hasIllnessOrDisability({ ...facts, benefitType: 'Wajong' })).toBe(true);
    expect(hasIllnessOrDisability({ ...facts, benefitType: 'WIA' })).toBe(true);
    expect(hasIllnessOrDisability({ ...facts, limitationKind: 'mental' })).toBe(true);
    expect(hasIllnessOrDisability({ ...facts, targetGroupRegisterStatus: 'registered' })).toBe(true);
  });
});
