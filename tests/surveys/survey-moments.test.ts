import { describe, expect, it } from '@jest/globals';
import { latestDueMoment, wholeMonthsBetween } from '../../src/surveys/survey.constants.js';

describe('survey moments', () => {
  it('counts whole months the way addMonths does (a missing day is the month’s last)', () => {
    expect(wholeMonthsBetween('2026-02-02', '2026-05-01')).toBe(2);
    expect(wholeMonthsBetween('2026-02-02', '2026-05-02')).toBe(3);
    expect(wholeMonthsBetween('2026-01-31', '2026-02-27')).toBe(0);
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-02-02', '2027-02-01')).toBe(11);
    expect(wholeMonthsBetween('2026-02-02', '2027-02-02')).toBe(12);
  });

  it('finds the latest due moment: 3 and 12 months, then every 12', () => {
    const due = (months: number) => latestDueMoment([3, 12], 12, months);
    expect([0, 2, 3, 11, 12, 23, 24, 35, 36].map(due)).toEqual([undefined, undefined, 3, 3, 12, 12, 24, 24, 36]);
  });

  it('stops after the last moment without a repeat, and sorts the moments it is given', () => {
    expect(latestDueMoment([12, 6], 0, 5)).toBeUndefined();
    expect(latestDueMoment([12, 6], 0, 7)).toBe(6);
    expect(latestDueMoment([12, 6], 0, 40)).toBe(12);
  });
});
