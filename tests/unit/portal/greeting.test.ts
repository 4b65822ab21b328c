import { describe, expect, it } from '@jest/globals';
import { greetingFor } from '../../../src/portal/greeting.js';

describe('the greeting fits the time of day in the Netherlands', () => {
  it.each([
    ['2026-12-07T05:30:00Z', 'Goedemorgen'], // 06:30 in winter (UTC+1)
    ['2026-12-07T10:59:00Z', 'Goedemorgen'], // 11:59
    ['2026-12-07T11:20:00Z', 'Goedemiddag'], // 12:20, the time a user was greeted with "Goedemorgen"
    ['2026-07-07T16:30:00Z', 'Goedenavond'], // 18:30 in summer (UTC+2)
    ['2026-07-07T15:30:00Z', 'Goedemiddag'], // 17:30 in summer
    ['2026-12-07T02:00:00Z', 'Goedenacht'], // 03:00 at night
    ['2026-12-07T01:36:00Z', 'Goedenacht'], // 02:36, the time a user was greeted with "Goedenavond"
    ['2026-12-06T23:00:00Z', 'Goedenacht'], // midnight
    ['2026-12-06T22:59:00Z', 'Goedenavond'], // 23:59
    ['2026-07-07T03:59:00Z', 'Goedenacht'], // 05:59 in summer
    ['2026-07-07T04:00:00Z', 'Goedemorgen'], // 06:00 in summer
  ])('at %s: %s', (instant, expected) => {
    expect(greetingFor(new Date(instant), 'nl')).toBe(expected);
  });

  it('in English too', () => {
    expect(greetingFor(new Date('2026-12-07T13:00:00Z'), 'en')).toBe('Good afternoon');
    expect(greetingFor(new Date('2026-12-07T01:36:00Z'), 'en')).toBe('Hello');
  });
});
