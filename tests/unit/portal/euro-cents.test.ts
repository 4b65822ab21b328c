import { describe, expect, it } from '@jest/globals';
import { euroCents } from '../../../src/portal/coach/coach-subsidy.controller.js';

describe('an amount as people type it, in euro cents', () => {
  it('reads Dutch and plain amounts', () => {
    expect(euroCents('1.234,56')).toBe(123456);
    expect(euroCents('€ 987,6')).toBe(98760);
    expect(euroCents('1.234')).toBe(123400);
    expect(euroCents('980.50')).toBe(98050);
    expect(euroCents('980')).toBe(98000);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['veel', '12,345', '1,2,3', '-5', '']) expect(euroCents(text)).toBeNaN();
  });
});
