import { type Fraction } from './fraction.js';

/**
 * Amounts are calculated exactly in euros (Fraction) and rounded once, at the
 * end, to whole euro cents, halves rounded up (away from zero). Intermediate
 * amounts shown to people are rounded for display only, so shown parts may
 * differ by a cent from the exactly calculated total.
 */
export function toCents(euros: Fraction): number {
  return Number(euros.times(100).roundHalfUp());
}
