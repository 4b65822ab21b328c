import { describe, expect, it } from '@jest/globals';
import { InMemoryParameterSource, MissingParameterError } from '../../../src/rules/calculations/parameters.js';
import { calculateWageCostSubsidy, type WageCostSubsidyInput } from '../../../src/rules/calculations/wage-cost-subsidy.js';
import { nationalParameterSource } from '../../../src/rules/reference/national-parameters.js';
import { param, testParameters, testRows } from './test-parameters.js';

const national = nationalParameterSource();

interface Golden {
  name: string;
  input: WageCostSubsidyInput;
  expectedCents: number;
}

/*
 * Test parameters (test-parameters.ts): WML 10.00/h until 30 June 2024,
 * 12.00/h from 1 July, 12.50/h from 16 September; holiday pay 8%; cap 70%;
 * employer-cost allowance 25%. Monthly hours = hours per week x 52 / 12,
 * so 30 h/week = 130 h/month and 12 h/week = 52 h/month; 130 x 1.08 = 140.4.
 */
const testGoldens: Golden[] = [
  {
    // WML  = 10 x 130 x 1.08                 = 1,404.00
    // wage value = 50% x 10 x 130 x 1.08       =   702.00
    // difference 702.00 < cap 70% x 1,404 = 982.80
    // total = 702.00 x 1.25                   =   877.50
    name: 'full month, job at WML, loonwaarde 50%',
    input: { month: '2024-02', hoursPerWeek: 30, hourlyWage: 10, wageValuePercent: 50, employmentStart: '2023-01-01' },
    expectedCents: 87750,
  },
  {
    // wage value = 100% x 10 x 140.4 = 1,404.00 = WML, difference 0
    name: 'loonwaarde 100% of a WML job gives no subsidy',
    input: { month: '2024-02', hoursPerWeek: 30, hourlyWage: 10, wageValuePercent: 100, employmentStart: '2023-01-01' },
    expectedCents: 0,
  },
  {
    // wage value = 20% x 1,404.00 = 280.80; difference 1,123.20 > cap 982.80, so the cap applies
    // total = 982.80 x 1.25 = 1,228.50
    name: 'loonwaarde so low that the 70% cap applies',
    input: { month: '2024-02', hoursPerWeek: 30, hourlyWage: 10, wageValuePercent: 20, employmentStart: '2023-01-01' },
    expectedCents: 122850,
  },
  {
    // part time 12 h/week: 52 h/month
    // WML  = 10 x 52 x 1.08            = 561.60
    // wage value = 60% x 11 x 52 x 1.08  = 370.656
    // difference = 190.944 < cap 393.12; allowance 25% = 47.736
    // total = 238.68
    name: 'part-time contract with a wage above WML',
    input: { month: '2024-03', hoursPerWeek: 12, hourlyWage: 11, wageValuePercent: 60, employmentStart: '2024-01-01' },
    expectedCents: 23868,
  },
  {
    // employment starts 15 April: days 15..30 = 16 of 30; 877.50 x 16/30 = 468.00
    name: 'partial month: start on the 15th',
    input: { month: '2024-04', hoursPerWeek: 30, hourlyWage: 10, wageValuePercent: 50, employmentStart: '2024-04-15' },
    expectedCents: 46800,
  },
  {
    // employment ends 10 May: 10 of 31 days; 877.50 x 10/31 = 283.0645... -> 283.06
    name: 'partial month: employment ends on the 10th',
    input: {
      month: '2024-05',
      hoursPerWeek: 30,
      hourlyWage: 10,
      wageValuePercent: 50,
      employmentStart: '2023-01-01',
      employmentEnd: '2024-05-10',
    },
    expectedCents: 28306,
  },
  {
    // June, WML 10: WML 1,404.00; wage value 40% x 12.50 x 140.4 = 702.00; difference 702.00
    // total = 702.00 x 1.25 = 877.50
    name: 'parameter change mid-year: June uses the old WML',
    input: { month: '2024-06', hoursPerWeek: 30, hourlyWage: 12.5, wageValuePercent: 40, employmentStart: '2024-01-01' },
    expectedCents: 87750,
  },
  {
    // July, WML 12: WML 12 x 140.4 = 1,684.80; wage value still 702.00; difference 982.80 < cap 1,179.36
    // total = 982.80 x 1.25 = 1,228.50
    name: 'parameter change mid-year: July uses the new WML',
    input: { month: '2024-07', hoursPerWeek: 30, hourlyWage: 12.5, wageValuePercent: 40, employmentStart: '2024-01-01' },
    expectedCents: 122850,
  },
  {
    // WML changes on 16 September; wage value = 50% x 13 x 140.4 = 912.60 throughout
    // 1-15 Sep:  WML 12 x 140.4 = 1,684.80; difference 772.20; x 1.25 = 965.25;  x 15/30 = 482.625
    // 16-30 Sep: WML 12.5 x 140.4 = 1,755.00; difference 842.40; x 1.25 = 1,053.00; x 15/30 = 526.50
    // total 1,009.125 -> rounded half up once at the end: 1,009.13
    name: 'parameter change mid-month: the month is split by days',
    input: { month: '2024-09', hoursPerWeek: 30, hourlyWage: 13, wageValuePercent: 50, employmentStart: '2024-01-01' },
    expectedCents: 100913,
  },
  {
    // start on the 15th and a WML change on the 16th:
    // 15 Sep: 965.25 x 1/30 = 32.175; 16-30 Sep: 526.50; total 558.675 -> 558.68
    name: 'start on the 15th in a month with a mid-month change',
    input: { month: '2024-09', hoursPerWeek: 30, hourlyWage: 13, wageValuePercent: 50, employmentStart: '2024-09-15' },
    expectedCents: 55868,
  },
];

/*
 * National reference data: 23.5% allowance from 2018 (23% before), 70% cap,
 * 8% holiday pay, WML per hour from the reference table.
 */
const nationalGoldens: Golden[] = [
  {
    // July 2024, WML 13.68/h, 24 h/week = 104 h/month. DOMAIN.md: 0.5 x 1.08 x WML(hours) x 1.235
    // = 0.5 x 1.08 x (13.68 x 104 = 1,422.72) x 1.235 = 768.2688 x 1.235 = 948.811968 -> 948.81
    name: 'national: July 2024, job at WML, loonwaarde 50%',
    input: { month: '2024-07', hoursPerWeek: 24, hourlyWage: 13.68, wageValuePercent: 50, employmentStart: '2024-01-01' },
    expectedCents: 94881,
  },
  {
    // December 2017, WML 9.51/h (derived from 1,565.40 a month), 38 h/week: 38 x 52/12 x 1.08 = 177.84 h incl. holiday pay
    // WML 9.51 x 177.84 = 1,691.2584; difference 60% = 1,014.75504 (< cap 1,183.88088)
    // allowance 23% = 233.3936592; total 1,248.1486992 -> 1,248.15
    name: 'national: December 2017 uses the 23% allowance',
    input: { month: '2017-12', hoursPerWeek: 38, hourlyWage: 9.51, wageValuePercent: 40, employmentStart: '2017-01-01' },
    expectedCents: 124815,
  },
  {
    // January 2018, WML 9.58/h: 9.58 x 177.84 = 1,703.7072; difference 60% = 1,022.22432
    // allowance 23.5% = 240.2227152; total 1,262.4470352 -> 1,262.45
    name: 'national: January 2018 uses the 23.5% allowance',
    input: { month: '2018-01', hoursPerWeek: 38, hourlyWage: 9.58, wageValuePercent: 40, employmentStart: '2017-01-01' },
    expectedCents: 126245,
  },
  {
    // wage value 100% of a job at WML 14.40: no difference, no subsidy
    name: 'national: loonwaarde 100% in July 2025 gives no subsidy',
    input: { month: '2025-07', hoursPerWeek: 36, hourlyWage: 14.4, wageValuePercent: 100, employmentStart: '2025-01-01' },
    expectedCents: 0,
  },
  {
    // January 2026, WML 14.71/h, 32 h/week: 32 x 52/12 x 1.08 = 149.76 h incl. holiday pay
    // WML 14.71 x 149.76 = 2,202.9696; wage value 70% x 15.00 x 149.76 = 1,572.48
    // difference 630.4896 (< cap 1,542.07872); allowance 23.5% = 148.165056; full month 778.654656
    // start 15 January: 17 of 31 days: 778.654656 x 17/31 = 427.0041... -> 427.00
    name: 'national: January 2026, start on the 15th, wage above WML',
    input: { month: '2026-01', hoursPerWeek: 32, hourlyWage: 15, wageValuePercent: 70, employmentStart: '2026-01-15' },
    expectedCents: 42700,
  },
];

describe('wage-cost subsidy (loonkostensubsidie): golden examples', () => {
  it.each(testGoldens)('$name', ({ input, expectedCents }) => {
    expect(calculateWageCostSubsidy(input, testParameters).amountCents).toBe(expectedCents);
  });

  it.each(nationalGoldens)('$name', ({ input, expectedCents }) => {
    expect(calculateWageCostSubsidy(input, national).amountCents).toBe(expectedCents);
  });
});

describe('wage-cost subsidy: factors, parameters and explanation', () => {
  it('reports the intermediate factors of a full month', () => {
    const result = calculateWageCostSubsidy(testGoldens[0]!.input, testParameters);
    expect(result.segments).toEqual([
      {
        from: '2024-02-01',
        to: '2024-02-29',
        days: 29,
        daysInMonth: 29,
        monthlyHours: 130,
        minimumWagePerHour: 10,
        holidayPayRate: 0.08,
        subsidyCapRate: 0.7,
        employerCostAllowanceRate: 0.25,
        minimumWageMonthlyCents: 140400,
        wageValueMonthlyCents: 70200,
        differenceCents: 70200,
        capCents: 98280,
        capApplied: false,
        subsidyBeforeAllowanceCents: 70200,
        allowanceCents: 17550,
        fullMonthCents: 87750,
        amountCents: 87750,
      },
    ]);
  });

  it('marks the cap as applied when the difference exceeds it', () => {
    const [segment] = calculateWageCostSubsidy(testGoldens[2]!.input, testParameters).segments;
    expect(segment).toMatchObject({ differenceCents: 112320, capCents: 98280, capApplied: true, subsidyBeforeAllowanceCents: 98280 });
  });

  it('splits a month with a mid-month change into runs with their own parameters', () => {
    const result = calculateWageCostSubsidy(testGoldens[8]!.input, testParameters);
    expect(result.segments.map(({ from, to, minimumWagePerHour, amountCents }) => ({ from, to, minimumWagePerHour, amountCents }))).toEqual(
      [
        { from: '2024-09-01', to: '2024-09-15', minimumWagePerHour: 12, amountCents: 48263 },
        { from: '2024-09-16', to: '2024-09-30', minimumWagePerHour: 12.5, amountCents: 52650 },
      ],
    );
    expect(result.parametersUsed.filter((row) => row.key === 'minimumWagePerHour').map((row) => row.value)).toEqual([12, 12.5]);
  });

  it('reports each parameter row it used with its value, validity and source', () => {
    const result = calculateWageCostSubsidy(nationalGoldens[0]!.input, national);
    expect(result.parametersUsed.map(({ key, value, validFrom }) => ({ key, value, validFrom }))).toEqual([
      { key: 'minimumWagePerHour', value: 13.68, validFrom: '2024-07-01' },
      { key: 'holidayPayRate', value: 0.08, validFrom: '2015-01-01' },
      { key: 'subsidyCapRate', value: 0.7, validFrom: '2015-01-01' },
      { key: 'employerCostAllowanceRate', value: 0.235, validFrom: '2018-01-01' },
    ]);
    for (const row of result.parametersUsed) expect(row.source).toMatch(/\S/);
  });

  it('explains each factor in Dutch and English', () => {
    const { explanation } = calculateWageCostSubsidy(nationalGoldens[0]!.input, national);
    expect(explanation.filter((line) => !line.nl.startsWith('Gebruikt: ')).map((line) => line.nl)).toEqual([
      'Een maand telt 104 uur: 24 uur per week × 52 weken / 12 maanden.',
      'Het wettelijk minimumloon voor 24 uur per week is € 1.536,54 per maand, inclusief 8% vakantiegeld (€ 13,68 per uur, geldig vanaf 1 juli 2024).',
      'De loonwaarde (wat de werknemer in deze functie aan werk levert, vastgesteld door een deskundige) is 50% van het uurloon van € 13,68; voor deze uren is dat € 768,27 per maand inclusief vakantiegeld. Dat deel van het loon draagt u zelf.',
      'Het verschil tussen minimumloon en loonwaarde is € 768,27 per maand.',
      'De subsidie is ten hoogste 70% van het minimumloon inclusief vakantiegeld, € 1.075,58; het verschil blijft daaronder.',
      'Daarbovenop komt 23,5% tegemoetkoming in de werkgeverslasten: € 180,54. Samen € 948,81 voor een hele maand.',
      'Loonkostensubsidie voor juli 2024: € 948,81 (pas aan het eind afgerond op hele centen).',
    ]);
    expect(explanation[1]!.en).toBe(
      'The statutory minimum wage for 24 hours a week is €1,536.54 a month, including 8% holiday pay (€13.68 an hour, valid from 1 July 2024).',
    );
    expect(explanation.filter((line) => !line.en.startsWith('Used: ')).at(-1)!.en).toBe(
      'Wage-cost subsidy (loonkostensubsidie) for July 2024: €948.81 (rounded to whole cents only at the end).',
    );
  });

  it('explains a partial month and a mid-month change', () => {
    const { explanation } = calculateWageCostSubsidy(testGoldens[9]!.input, testParameters);
    const dutch = explanation.map((line) => line.nl);
    expect(dutch[0]).toBe('Het dienstverband begon op 15 september 2024; alleen de dagen vanaf dan tellen.');
    expect(dutch).toContain('Op 16 september 2024 veranderde het minimumloon; daarom is de maand naar dagen verdeeld.');
    expect(dutch).toContain(
      'Van 16 september 2024 tot en met 30 september 2024: dit geldt voor 15 van de 30 dagen van september 2024: € 1.053,00 × 15/30 = € 526,50.',
    );
    expect(explanation.map((line) => line.en)).toContain('On 16 September 2024 the minimum wage changed, so the month is split by days.');
  });

  it('names every parameter that changed on the same day', () => {
    const source = new InMemoryParameterSource([
      ...testRows.filter((row) => row.key !== 'employerCostAllowanceRate'),
      param('employerCostAllowanceRate', 0.25, '2020-01-01', '2024-09-15'),
      param('employerCostAllowanceRate', 0.3, '2024-09-16'),
    ]);
    const { explanation } = calculateWageCostSubsidy(testGoldens[8]!.input, source);
    expect(explanation).toContainEqual({
      nl: 'Op 16 september 2024 veranderden het minimumloon en de tegemoetkoming in de werkgeverslasten; daarom is de maand naar dagen verdeeld.',
      en: 'On 16 September 2024 the minimum wage and the employer-cost allowance changed, so the month is split by days.',
    });
  });

  it('explains why a wage value of 100% gives nothing', () => {
    const { explanation } = calculateWageCostSubsidy(testGoldens[1]!.input, testParameters);
    expect(explanation.map((line) => line.en)).toContain(
      'The wage value equals or exceeds the minimum wage, so there is no wage-cost subsidy.',
    );
  });

  it('gives zero for a month outside the employment', () => {
    const result = calculateWageCostSubsidy({ ...testGoldens[0]!.input, employmentStart: '2024-03-01' }, testParameters);
    expect(result).toMatchObject({ amountCents: 0, segments: [], parametersUsed: [] });
    expect(result.explanation[0]!.en).toBe('There was no employment in February 2024.');
  });

  it('fails clearly when no minimum wage is known for the month', () => {
    const input = { ...testGoldens[0]!.input, month: '2023-12', employmentStart: '2023-01-01' };
    expect(() => calculateWageCostSubsidy(input, testParameters)).toThrow(MissingParameterError);
    expect(() => calculateWageCostSubsidy(input, testParameters)).toThrow(
      'No value for rule parameter "minimumWagePerHour" valid on 2023-12-01',
    );
  });

  it('rejects impossible inputs', () => {
    const base = testGoldens[0]!.input;
    expect(() => calculateWageCostSubsidy({ ...base, wageValuePercent: 101 }, testParameters)).toThrow(RangeError);
    expect(() => calculateWageCostSubsidy({ ...base, hoursPerWeek: 0 }, testParameters)).toThrow(RangeError);
    expect(() => calculateWageCostSubsidy({ ...base, month: '2024-13' }, testParameters)).toThrow(RangeError);
  });
});

describe('wage-cost subsidy: a new parameter row leaves earlier months alone', () => {
  // The allowance rises from 25% to 30% on 1 September 2024: the old row gets a validTo, a new row follows.
  const changed = new InMemoryParameterSource([
    ...testRows.filter((row) => row.key !== 'employerCostAllowanceRate'),
    param('employerCostAllowanceRate', 0.25, '2020-01-01', '2024-08-31'),
    param('employerCostAllowanceRate', 0.3, '2024-09-01'),
  ]);
  const placement = { hoursPerWeek: 30, hourlyWage: 13, wageValuePercent: 50, employmentStart: '2024-01-01' };

  it.each(['2024-01', '2024-04', '2024-06', '2024-07', '2024-08'])('%s is unchanged', (month) => {
    const before = calculateWageCostSubsidy({ ...placement, month }, testParameters);
    const after = calculateWageCostSubsidy({ ...placement, month }, changed);
    expect(after.amountCents).toBe(before.amountCents);
    expect(after.segments).toEqual(before.segments);
    expect(after.explanation).toEqual(before.explanation);
  });

  it('the month of the change itself does use the new row', () => {
    // 1-15 Sep: 772.20 x 1.30 x 15/30 = 501.93; 16-30 Sep: 842.40 x 1.30 x 15/30 = 547.56; total 1,049.49
    expect(calculateWageCostSubsidy({ ...placement, month: '2024-09' }, changed).amountCents).toBe(104949);
  });
});
