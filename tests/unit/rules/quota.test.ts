import { describe, expect, it } from '@jest/globals';
import { monthlyProgression, type QuotaInput, quotaStatus, type TargetGroupHours } from '../../../src/rules/calculations/quota.js';
import { nationalParameterSource } from '../../../src/rules/reference/national-parameters.js';
import { testParameters } from './test-parameters.js';

const national = nationalParameterSource();

/*
 * Test parameters: one job = 25 h/week = 1,300 h/year (so N h/week = N x 52
 * h/year); threshold 25 employees or 25 x 1,600 = 40,000 h; levy and bonus
 * EUR 5,000 per job; quota percentage (public) 2% in 2024, 2.5% in 2025,
 * 3% in 2026; the inclusiveness regime starts on 1 January 2026.
 */
const base: QuotaInput = {
  fiscalNumber: '001234567L01',
  year: 2024,
  sector: 'public',
  totalPaidHours: 0,
  employeeCount: 0,
  targetGroup: [],
};

const own = (paidHours: number): TargetGroupHours => ({ paidHours, countsAt: 'hiring', origin: 'placement' });
const hiredIn = (paidHours: number): TargetGroupHours => ({ paidHours, countsAt: 'hiring', origin: 'employer' });
const lentOut = (paidHours: number): TargetGroupHours => ({ paidHours, countsAt: 'lending', origin: 'employer' });

// 2025: 208,000 h x 2.5% = 5,200 h required = 4 jobs.
// Counted: own 1,300 + seconded worker hired in 1,040 = 2,340 h = 1.8 jobs; the 2,600 h of a worker lent out count at the hirer.
const secondedCase: QuotaInput = {
  ...base,
  year: 2025,
  employeeCount: 60,
  totalPaidHours: 208_000,
  targetGroup: [own(1300), hiredIn(1040), lentOut(2600)],
};

describe('quota (banenafspraak): golden examples', () => {
  it('just under the threshold: 24 employees and 39,999 hours', () => {
    // 39,999 < 40,000 and 24 < 25: the quota does not apply, no levy
    const status = quotaStatus({ ...base, employeeCount: 24, totalPaidHours: 39_999 }, testParameters);
    expect(status).toMatchObject({ quotaApplies: false, thresholdHours: 40_000, estimatedLevyCents: 0, regime: 'levy' });
    expect(status.requirement?.requiredHours).toBeCloseTo(799.98, 9); // 2% x 39,999
  });

  it('just over the threshold by hours: 24 employees and 40,000 hours', () => {
    // required 2% x 40,000 = 800 h; counted 0; missing 800 / 1,300 = 0.615384... jobs
    // levy 0.615384... x 5,000 = 3,076.923... -> 3,076.92
    const status = quotaStatus({ ...base, employeeCount: 24, totalPaidHours: 40_000 }, testParameters);
    expect(status.quotaApplies).toBe(true);
    expect(status.requirement?.missingJobs).toBeCloseTo(800 / 1300, 12);
    expect(status.estimatedLevyCents).toBe(307692);
  });

  it('headcount alone does not decide: 25 employees and 30,000 hours stay under the 40,000-hour threshold', () => {
    // 30,000 < 25 x 1,600 = 40,000 paid hours: not applicable, so no missing jobs, no levy and no gap advice
    const status = quotaStatus({ ...base, employeeCount: 25, totalPaidHours: 30_000 }, testParameters);
    expect(status.quotaApplies).toBe(false);
    expect(status.requirement).toMatchObject({ missingJobs: 0, missingHours: 0 });
    expect(status.estimatedLevyCents).toBe(0);
    expect(status.closingTheGap).toEqual([]);
  });

  it('seconded workers count at the hirer; shortfall, levy and what closes the gap', () => {
    // missing 5,200 - 2,340 = 2,860 h = 2.2 jobs; levy 2.2 x 5,000 = 11,000.00
    // one more person at N h/week adds N x 52 h: 12 -> 624 h: 2,860/624 = 4.58 -> 5; 16 -> 832 h: 3.44 -> 4;
    // 20 -> 1,040 h: 2.75 -> 3; 25.5 -> 1,326 h: 2.16 -> 3
    const status = quotaStatus(secondedCase, testParameters);
    expect(status).toMatchObject({ targetGroupHours: 2340, lentOutHours: 2600, jobsCounted: 1.8, quotaApplies: true, regime: 'levy' });
    expect(status.requirement).toEqual({
      quotaPercentage: 0.025,
      requiredHours: 5200,
      jobsRequired: 4,
      shortfallJobs: 2.2,
      missingJobs: 2.2,
      surplusJobs: 0,
      missingHours: 2860,
    });
    expect(status.estimatedLevyCents).toBe(1_100_000);
    expect(status.bonusCents).toBeNull();
    expect(status.closingTheGap).toEqual([
      { hoursPerWeek: 12, hoursPerPerson: 624, additionalPeople: 5 },
      { hoursPerWeek: 16, hoursPerPerson: 832, additionalPeople: 4 },
      { hoursPerWeek: 20, hoursPerPerson: 1040, additionalPeople: 3 },
      { hoursPerWeek: 25.5, hoursPerPerson: 1326, additionalPeople: 3 },
    ]);
  });

  it('the same employer under the inclusiveness regime from 2026: no levy, a bonus per counted job', () => {
    // 2026: 3% x 208,000 = 6,240 h = 4.8 jobs; counted 1.8; missing 3 jobs
    // the surcharge is not calculated; bonus 1.8 x 5,000 = 9,000.00
    const status = quotaStatus({ ...secondedCase, year: 2026 }, testParameters);
    expect(status).toMatchObject({ regime: 'inclusiveness', estimatedLevyCents: null, bonusCents: 900_000, jobsCounted: 1.8 });
    expect(status.requirement?.missingJobs).toBeCloseTo(3, 12);
  });

  it('a surplus: no levy and nothing to close', () => {
    // 2% x 65,000 = 1,300 h = 1 job required; counted 2,600 h = 2 jobs; surplus 1
    const status = quotaStatus({ ...base, employeeCount: 100, totalPaidHours: 65_000, targetGroup: [own(2600)] }, testParameters);
    expect(status.requirement).toMatchObject({ jobsRequired: 1, shortfallJobs: -1, missingJobs: 0, surplusJobs: 1 });
    expect(status.estimatedLevyCents).toBe(0);
    expect(status.closingTheGap).toEqual([]);
  });

  it('month-by-month projection: six months extrapolated, the gap closed over the remaining six', () => {
    // year to date: 104,000 h total, 650 + 520 h counted, 1,300 h lent out; x 12/6 gives the seconded case
    // one more person at N h/week adds N x 52 x 6/12 = N x 26 h this year:
    // 12 -> 312 h: 2,860/312 = 9.17 -> 10; 16 -> 416 h: 6.875 -> 7; 20 -> 520 h: 5.5 -> 6; 25.5 -> 663 h: 4.31 -> 5
    const status = quotaStatus(
      { ...secondedCase, totalPaidHours: 104_000, targetGroup: [own(650), hiredIn(520), lentOut(1300)], monthsElapsed: 6 },
      testParameters,
    );
    expect(status).toMatchObject({ monthsBasis: 6, totalPaidHours: 208_000, targetGroupHours: 2340, estimatedLevyCents: 1_100_000 });
    expect(status.closingTheGap.map((option) => option.additionalPeople)).toEqual([10, 7, 6, 5]);
  });

  it('a sector without a quota percentage for the year has no requirement and no levy estimate', () => {
    const status = quotaStatus(
      { ...base, sector: 'private', employeeCount: 80, totalPaidHours: 120_000, targetGroup: [own(650)] },
      testParameters,
    );
    expect(status).toMatchObject({ quotaApplies: true, requirement: null, estimatedLevyCents: null, jobsCounted: 0.5, closingTheGap: [] });
    expect(status.explanation.map((line) => line.en)).toContain(
      'No source confirms a quota percentage for the private sector for 2024, so Werkbrug calculates no required number of jobs.',
    );
  });

  it('national: public sector 2024 at 2.76%', () => {
    // counted 1,331 + 1,331 + 665.5 = 3,327.5 h = 2.5 jobs; required 2.76% x 200,000 = 5,520 h = 4.1473 jobs
    // missing 2,192.5 h = 1.64726 jobs; no levy is imposed over 2024, so none is estimated
    const status = quotaStatus(
      { ...base, employeeCount: 150, totalPaidHours: 200_000, targetGroup: [own(1331), own(1331), own(665.5)] },
      national,
    );
    expect(status.jobsCounted).toBe(2.5);
    expect(status.requirement?.requiredHours).toBeCloseTo(5520, 9);
    expect(status.requirement?.missingJobs).toBeCloseTo(2192.5 / 1331, 12);
    expect(status).toMatchObject({ levyImposed: false, estimatedLevyCents: null });
  });

  it('national: 2018 at 1.93%, exactly on the 40,575-hour threshold and one hour under it', () => {
    // 20 employees, 40,575 h: applies; required 1.93% x 40,575 = 783.0975 h; nothing counted
    // missing 783.0975 / 1,331 = 0.58835 jobs; no source confirms a levy over 2018, so none is estimated
    const on = quotaStatus({ ...base, year: 2018, employeeCount: 20, totalPaidHours: 40_575 }, national);
    expect(on).toMatchObject({ quotaApplies: true, thresholdHours: 40_575, levyImposed: false, estimatedLevyCents: null });
    expect(on.requirement?.missingJobs).toBeCloseTo(783.0975 / 1331, 12);
    const under = quotaStatus({ ...base, year: 2018, employeeCount: 24, totalPaidHours: 40_574 }, national);
    expect(under).toMatchObject({ quotaApplies: false, estimatedLevyCents: null, closingTheGap: [] });
    expect(under.requirement?.missingJobs).toBe(0);
  });

  it('national: no activation decision for the new regime, so 2028 stays under the levy regime, with no levy imposed', () => {
    // no quota percentage is known for 2028, and no start date of the inclusiveness regime is in the data
    const status = quotaStatus({ ...base, year: 2028, employeeCount: 30, totalPaidHours: 50_000, targetGroup: [own(1331)] }, national);
    expect(status).toMatchObject({ regime: 'levy', requirement: null, estimatedLevyCents: null, bonusCents: null });
    expect(status.parametersUsed.find((row) => row.key === 'inclusivenessRegimeStart')).toBeUndefined();
  });
});

describe('quota: parameters and explanation', () => {
  it('reports the parameter rows used', () => {
    const keys = quotaStatus(secondedCase, testParameters).parametersUsed.map((row) => (row.scope ? `${row.key}/${row.scope}` : row.key));
    expect(keys).toEqual([
      'quotaJobHoursPerYear',
      'quotaJobHoursPerWeek',
      'averageJobHoursPerYear',
      'quotaThresholdEmployees',
      'inclusivenessRegimeStart',
      'quotaPercentage/public',
      'quotaLevyImposed/public',
      'quotaLevyPerMissingJob',
    ]);
  });

  it('explains the status in Dutch', () => {
    expect(withoutSourceLines(quotaStatus(secondedCase, testParameters).explanation).map((line) => line.nl)).toEqual([
      'Banenafspraak: werkgevers zorgen samen voor banen voor mensen uit het doelgroepregister. Eén baan telt als 25 verloonde uren per week, 1.300 uur per jaar.',
      'Uw medewerkers uit de doelgroep werken 2.340 uur in 2025: 1,8 banen.',
      '2.600 uur van medewerkers die u uitleent tellen mee bij de werkgever die hen inleent, niet bij u.',
      'De quotumregeling geldt voor werkgevers met 25 of meer werknemers, geteld in verloonde uren: 25 × 1.600 = 40.000 uur per jaar. U heeft 208.000 verloonde uren, dus de regeling geldt voor u. Ter informatie: u heeft 60 werknemers; het aantal personen beslist niet.',
      'Het quotumpercentage voor de overheid in 2025 is 2,5% van uw verloonde uren: 5.200 uur, 4 banen.',
      'U komt 2,2 banen tekort.',
      'Geschatte quotumheffing: 2,2 × € 5.000,00 per ontbrekende baan = € 11.000,00.',
      'Om het tekort te dichten heeft u nodig: 5 mensen van 12 uur per week, of 4 van 16 uur, of 3 van 20 uur, of 3 van 25,5 uur.',
    ]);
  });

  it('explains the gap in English', () => {
    expect(withoutSourceLines(quotaStatus(secondedCase, testParameters).explanation).at(-1)!.en).toBe(
      'To close the gap you need 5 people at 12 hours a week, or 4 at 16 hours, or 3 at 20 hours, or 3 at 25.5 hours.',
    );
  });

  it('rejects impossible inputs', () => {
    expect(() => quotaStatus({ ...base, monthsElapsed: 0 }, testParameters)).toThrow(RangeError);
    expect(() => quotaStatus({ ...base, employeeCount: 2.5 }, testParameters)).toThrow(RangeError);
    expect(() => quotaStatus({ ...base, targetGroup: [own(-1)] }, testParameters)).toThrow(RangeError);
  });
});

describe('quota: monthly progression', () => {
  // A: 25 h/week all year: 25 x 1,300/25 / 12 = 108.33 h a month.
  // B: 12 h/week from 15 July to 31 October: 52 h a full month, July 17/31 of that = 28.516 h.
  // C: lent out, so not counted here.
  const progression = monthlyProgression(
    2024,
    [
      { hoursPerWeek: 25, start: '2023-06-01', countsAt: 'hiring' },
      { hoursPerWeek: 12, start: '2024-07-15', end: '2024-10-31', countsAt: 'hiring' },
      { hoursPerWeek: 20, start: '2024-01-01', countsAt: 'lending' },
    ],
    testParameters,
  );

  it('has a row per month of the year', () => {
    expect(progression.months.map((month) => month.month)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
  });

  it('accumulates hours and jobs', () => {
    const at = (month: string) => progression.months.find((row) => row.month === month)!;
    expect(at('2024-06').cumulativeHours).toBeCloseTo(650, 9); // 6 x 108.33
    expect(at('2024-07').hours).toBeCloseTo(1300 / 12 + (52 * 17) / 31, 9); // 108.33 + 28.52
    expect(at('2024-10').hours).toBeCloseTo(1300 / 12 + 52, 9);
    // year: 1,300 + 28.516 + 3 x 52 = 1,484.516 h = 1.14194 jobs
    expect(at('2024-12').cumulativeHours).toBeCloseTo(1300 + (52 * 17) / 31 + 156, 9);
    expect(at('2024-12').cumulativeJobs).toBeCloseTo((1300 + (52 * 17) / 31 + 156) / 1300, 12);
  });

  it('a whole year at one job size counts as exactly one job', () => {
    const year = monthlyProgression(2024, [{ hoursPerWeek: 25, start: '2024-01-01', countsAt: 'hiring' }], testParameters);
    expect(year.months.at(-1)!.cumulativeJobs).toBeCloseTo(1, 12);
    const nationalYear = monthlyProgression(2024, [{ hoursPerWeek: 25.5, start: '2024-01-01', countsAt: 'hiring' }], national);
    expect(nationalYear.months.at(-1)!.cumulativeHours).toBeCloseTo(1331, 9);
  });
});

/** The explanation's closing lines name each value used and its source; tests/unit/rules/sources.test.ts checks those. */
function withoutSourceLines<T extends { nl: string }>(lines: readonly T[]): T[] {
  return lines.filter((line) => !line.nl.startsWith('Gebruikt: '));
}
