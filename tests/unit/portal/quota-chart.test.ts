import { describe, expect, it } from '@jest/globals';
import '../../../src/portal/employer/employer.i18n.js';
import type { QuotaStatusDto } from '../../../src/quota/dto/quota.dto.js';
import { quotaChart } from '../../../src/portal/employer/quota-chart.js';

const status = (jobsRequired?: number) =>
  ({
    year: 2026,
    jobsCounted: 1.5,
    months: [
      { month: '2026-01', cumulativeJobs: 0.5 },
      { month: '2026-02', cumulativeJobs: 1.5 },
    ],
    requirement: jobsRequired === undefined ? undefined : { jobsRequired },
  }) as unknown as QuotaStatusDto;

describe('the quota chart', () => {
  it('draws the expected jobs as a line and names them in its description', () => {
    const chart = quotaChart(status(3), 'nl', 2026);
    expect(chart.target?.label).toBeDefined();
    expect(chart.description).toBe('In 2026 telt u tot nu toe 1,5 banen mee. Verwacht worden 3 banen.');
  });

  it('says in words that the expected number is not known yet, instead of a dash, and draws no line', () => {
    const chart = quotaChart(status(), 'nl', 2026);
    expect(chart.target).toBeUndefined();
    expect(chart.description).toBe('In 2026 telt u tot nu toe 1,5 banen mee. Hoeveel banen er van u verwacht worden, is nog niet bekend.');
  });

  it('speaks of a year that is over in the past tense, not "tot nu toe"', () => {
    expect(quotaChart(status(3), 'nl', 2027).description).toBe('In 2026 telde u 1,5 banen mee. Verwacht werden 3 banen.');
    expect(quotaChart(status(), 'nl', 2027).description).toBe(
      'In 2026 telde u 1,5 banen mee. Hoeveel banen er van u verwacht werden, is niet bekend.',
    );
  });
});
