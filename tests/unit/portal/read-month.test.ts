import { describe, expect, it } from '@jest/globals';
import { readMonth } from '../../../src/portal/form.js';

describe('a month as people type it', () => {
  it.each([
    ['december 2026', '2026-12'],
    ['December 2026', '2026-12'],
    ['dec 2026', '2026-12'],
    ['dec. 2026', '2026-12'],
    ['mrt 2026', 'mrt 2026'],
    ['maart 2026', '2026-03'],
    ['3-2026', '2026-03'],
    ['03/2026', '2026-03'],
    ['2026-03', '2026-03'],
    ['march 2026', '2026-03'],
    ['13-2026', '13-2026'],
    ['ma 2026', 'ma 2026'],
    ['  juni   2027 ', '2027-06'],
  ])('reads %j as %j', (input, expected) => {
    expect(readMonth(input)).toBe(expected);
  });
});
