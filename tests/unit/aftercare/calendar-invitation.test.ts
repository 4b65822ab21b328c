import { afterEach, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { calendarAttachment } from '../../../src/aftercare/calendar-invitation.js';

const originalTimeZone = process.env.TZ;

function invitationAt(start: Date): string {
  const attachment = calendarAttachment({
    uid: 'handover-1@werkbrug.test',
    sequence: 0,
    start,
    durationMinutes: 60,
    summary: 'Overdrachtsgesprek',
    description: 'Warme overdracht',
    location: 'Bakkerij De Korenschoof',
    url: null,
    organizer: { name: 'Sanne de Vries', email: 'coach@werkbrug.test' },
    attendees: [{ name: 'Karin Korenschoof', email: 'karin@korenschoof.test' }],
    cancelled: false,
  });
  return Buffer.from(attachment.content, 'base64').toString('utf8');
}

describe('handover calendar invitation', () => {
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  it.each(['UTC', 'America/New_York', 'Europe/Amsterdam'])('carries the meeting instant exactly with the server in %s', (zone) => {
    process.env.TZ = zone;
    // 10:00 in Amsterdam on 20 December 2026 (CET, UTC+1).
    const start = new Date('2026-12-20T09:00:00Z');
    const text = invitationAt(start);
    const dtstart = text.split(/\r?\n/).find((line) => line.startsWith('DTSTART'));
    // Either a UTC time or a time with its zone: never a floating local time.
    expect(dtstart).toMatch(/^DTSTART(:\d{8}T\d{6}Z|;TZID=[^:]+:\d{8}T\d{6})$/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.zone?.tzid).not.toBe('floating');
    expect(event.startDate.toJSDate().getTime()).toBe(start.getTime());
    expect(event.endDate.toJSDate().getTime()).toBe(start.getTime() + 60 * 60_000);
  });
});
