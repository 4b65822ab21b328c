import { describe, expect, it } from '@jest/globals';
import { BARRIERS, INSTRUMENT_CODES, INSTRUMENTS, INTERMEDIATE_GOALS } from '../../../src/reference-data/taxonomies.js';

describe('reference taxonomies', () => {
  it('holds the 34 basic instruments of the source study, each number once', () => {
    const numbers = INSTRUMENTS.flatMap((instrument) => instrument.study ?? []).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
  });

  it('has unique instrument codes, each serving known intermediate goals', () => {
    expect(new Set(INSTRUMENT_CODES).size).toBe(INSTRUMENT_CODES.length);
    const goals = new Set(INTERMEDIATE_GOALS.map((goal) => goal.code));
    expect(goals.size).toBe(11);
    for (const instrument of INSTRUMENTS) {
      expect(instrument.goals.length).toBeGreaterThan(0);
      for (const goal of instrument.goals) expect(goals.has(goal) ? goal : `${instrument.code} → ${goal}`).toBe(goal);
    }
  });

  it('suggests only existing instruments as the support action for a barrier', () => {
    const unknown = BARRIERS.filter((barrier) => barrier.supportAction && !INSTRUMENT_CODES.includes(barrier.supportAction));
    expect(unknown).toEqual([]);
  });
});
