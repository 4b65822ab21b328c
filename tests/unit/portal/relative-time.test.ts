import { describe, expect, it } from '@jest/globals';
import { relativeTime } from '../../../src/portal/relative-time.js';

describe('relativeTime: how long ago, in words, on the Dutch calendar', () => {
  const now = new Date('2026-03-13T11:20:00Z'); // 12:20 in Amsterdam

  it('counts whole days for earlier days and dates', () => {
    expect(relativeTime(now, '2026-03-10T09:00:00Z', 'nl')).toBe('3 dagen geleden');
    expect(relativeTime(now, '2026-03-10', 'nl')).toBe('3 dagen geleden');
    expect(relativeTime(now, '2026-03-10', 'en')).toBe('3 days ago');
    expect(relativeTime(now, '2026-03-16', 'nl')).toBe('over 3 dagen');
  });

  it('says "gisteren" for last night and "vandaag" for a date that is today', () => {
    // 23:30 the evening before in Amsterdam is 22:30 UTC: yesterday, though less than a day ago.
    expect(relativeTime(now, '2026-03-12T22:30:00Z', 'nl')).toBe('gisteren');
    expect(relativeTime(now, '2026-03-13', 'nl')).toBe('vandaag');
  });

  it('counts hours and minutes within today', () => {
    expect(relativeTime(now, '2026-03-13T09:15:00Z', 'nl')).toBe('2 uur geleden');
    expect(relativeTime(now, '2026-03-13T11:15:00Z', 'nl')).toBe('5 minuten geleden');
    expect(relativeTime(now, now, 'nl')).toBe('1 minuut geleden');
  });
});
