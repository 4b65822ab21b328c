import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MailAttachment } from '../platform/mail/entities/mail-message.entity.js';

export interface CalendarEventInput {
  uid: string;
  sequence: number;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  organizer: { name: string; email: string };
  attendees: Array<{ name: string; email: string }>;
  cancelled: boolean;
}

/**
 * An iTIP message for the handover: REQUEST for the invitation and every
 * update (same UID, higher SEQUENCE), CANCEL for the cancellation, so mail
 * clients update the one event instead of adding another.
 */
export function calendarAttachment(input: CalendarEventInput): MailAttachment {
  const method = input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  // Times go out in UTC (DTSTART:...Z): unambiguous in every client, whatever the server's own time zone.
  const calendar = ical({ prodId: { company: 'Werkbrug', product: 'werkbrug', language: 'NL' }, method });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    start: input.start,
    end: new Date(input.start.getTime() + input.durationMinutes * 60_000),
    stamp: new Date(),
    summary: input.summary,
    description: input.description,
    location: input.location ?? undefined,
    url: input.url ?? undefined,
    organizer: input.organizer,
    attendees: input.attendees.map((attendee) => ({ ...attendee, rsvp: true })),
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return {
    filename: input.cancelled ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; method=${method}; charset=utf-8`,
    content: Buffer.from(calendar.toString(), 'utf8').toString('base64'),
    method,
  };
}
