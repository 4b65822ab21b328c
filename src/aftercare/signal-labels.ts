import type { Locale } from '../platform/mail/mail-template.service.js';
import type { SIGNALS } from './dto/checkin.dto.js';

export type Signal = (typeof SIGNALS)[number];

/**
 * The words for the check-in signals (which are also the reasons behind a risk flag), Dutch first (B1).
 * One place for the coach pages ("coach.signal.<code>") and the reports ("signal.<code>").
 */
export const SIGNAL_LABELS: Record<Locale, Record<Signal, string>> = {
  nl: {
    lateness: 'Te laat komen',
    sickness: 'Ziekte',
    unsure_about_reporting_sick: 'Twijfel over ziekmelden',
    conflict_about_hours: 'Onenigheid over uren',
    work_too_heavy: 'Werk te zwaar',
    work_too_light: 'Werk te licht',
    production_pressure: 'Productiedruk',
    pay_problems: 'Problemen met loon',
    relapse: 'Terugval',
    loss_of_contact: 'Contact verloren',
  },
  en: {
    lateness: 'Lateness',
    sickness: 'Sickness',
    unsure_about_reporting_sick: 'Unsure about reporting sick',
    conflict_about_hours: 'Conflict about hours',
    work_too_heavy: 'Work too heavy',
    work_too_light: 'Work too light',
    production_pressure: 'Production pressure',
    pay_problems: 'Pay problems',
    relapse: 'Relapse',
    loss_of_contact: 'Loss of contact',
  },
};

/** The signal words as messages under `prefix` ("coach.signal." gives "coach.signal.lateness"). */
export function signalMessages(locale: Locale, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(SIGNAL_LABELS[locale]).map(([code, text]) => [`${prefix}${code}`, text]));
}
