import { describe, expect, it } from '@jest/globals';
import { greetingFor } from '../../../src/portal/greeting.js';

describe('the greeting fits the time of day in the Netherlands', () => {
  it.each([
    ['2026-12-07T05:30:00Z', 'Goedemorgen'], // 06:30 in winter (UTC+1)
    ['2026-12-07T10:59:00Z', 'Goedemorgen'], // 11:59
    ['2026-12-07T11:20:00Z', 'Goedemiddag'], // 12:20, the time a user was greeted with "Goedemorgen"
    ['2026-07-07T16:30:00Z', 'Goedenavond'], // 18:30 in summer (UTC+2)
    ['2026-07-07T15:30:00Z', 'Goedemiddag'], // 17:30 in summer
    ['2026-12-07T02:00:00Z', 'Goedenavond'], // 03:00 at night
  ])('at %s: %s', (instant, expected) => {
    expect(greetingFor(new Date(instant), 'nl')).toBe(expected);
  });

  it('in English too', () => {
    expect(greetingFor(new Date('2026-12-07T13:00:00Z'), 'en')).toBe('Good afternoon');
  });
});
