import type { Locale } from '../platform/mail/mail-template.service.js';
import type { RiskRule } from '../rules/calculations/early-warning.js';

/**
 * The early-warning rules in a few words, Dutch first (B1): the words of the reasons the coach reads on
 * "Vandaag" ("Minder contact dan afgesproken", "Er is nog geen gesprek over verlenging"), without the dates
 * and numbers of one placement. For the reports ("warning.<rule>").
 */
export const RISK_RULE_LABELS: Record<Locale, Record<RiskRule, string>> = {
  nl: {
    low_hours: 'Weinig uren per week',
    missed_checkins: 'Nazorggesprekken op rij gemist',
    contact_below_plan: 'Minder contact dan afgesproken',
    renewal_talk_due: 'Contract loopt af, nog geen gesprek over verlenging',
    low_satisfaction: 'Laag cijfer voor de begeleiding',
  },
  en: {
    low_hours: 'Few hours a week',
    missed_checkins: 'Check-ins missed in a row',
    contact_below_plan: 'Less contact than agreed',
    renewal_talk_due: 'Contract ends, no renewal talk yet',
    low_satisfaction: 'Low score for the support',
  },
};

/** The rule words as messages under `prefix` ("warning." gives "warning.low_hours"). */
export function riskRuleMessages(locale: Locale, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(RISK_RULE_LABELS[locale]).map(([rule, text]) => [`${prefix}${rule}`, text]));
}
