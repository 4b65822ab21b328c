export interface RetentionRule {
  /** Stable key. */
  category: string;
  /** ISO 8601 duration, or null when kept as long as the installation runs (anonymised counts). */
  retention: string | null;
  /** The law or standard that sets the period, or why we keep the data. */
  legalBasis: string;
  /** When the period starts. */
  startsAt: { nl: string; en: string };
  explanation: { nl: string; en: string };
}

/**
 * What Werkbrug keeps after a trajectory ends or after erasure, for how long,
 * and why. Erasure (POST /participants/{id}/erasure) removes everything else
 * at once; retention jobs remove these when their period has passed.
 *
 * The periods follow Dutch law and common practice for re-integration
 * services; an organisation's privacy officer should confirm them against its
 * contracts with municipalities and UWV.
 */
export const RETENTION_POLICY: readonly RetentionRule[] = [
  {
    category: 'audit_log',
    retention: 'P5Y',
    legalBasis: 'AVG art. 5(2) en 32 (verantwoordingsplicht, beveiliging); NEN 7513 (logging van toegang tot persoonsgegevens)',
    startsAt: { nl: 'vanaf het moment van de handeling', en: 'from the moment of the action' },
    explanation: {
      nl: 'We bewaren 5 jaar wie uw gegevens heeft bekeken of gewijzigd, en wanneer. Zo kunnen we laten zien dat er zorgvuldig met uw gegevens is omgegaan. In dit logboek staat niet wat er in uw gegevens stond, alleen wie, wat en wanneer.',
      en: 'For 5 years we keep who looked at or changed your data, and when, so we can show that your data was handled with care. The log holds no content of your data, only who, what and when.',
    },
  },
  {
    category: 'wage_cost_subsidy',
    retention: 'P7Y',
    legalBasis: 'Algemene wet inzake rijksbelastingen (AWR) art. 52 (fiscale bewaarplicht); Participatiewet (loonkostensubsidie)',
    startsAt: {
      nl: 'vanaf het einde van het jaar waarin de subsidie is betaald',
      en: 'from the end of the year in which the subsidy was paid',
    },
    explanation: {
      nl: 'Gegevens over loonkostensubsidie, zoals de loonwaarde en de bedragen, bewaren we 7 jaar. Dat moet volgens de belastingwet, zodat de administratie gecontroleerd kan worden.',
      en: 'Data about wage-cost subsidy, such as the assessed wage value and the amounts, is kept for 7 years, as tax law requires, so the accounts can be audited.',
    },
  },
  {
    category: 'trial_placements_and_coach_decisions',
    retention: 'P7Y',
    legalBasis: 'AWR art. 52 en verantwoording aan gemeente en UWV over gefinancierde begeleiding (proefplaatsing, jobcoaching)',
    startsAt: { nl: 'vanaf het einde van het traject', en: 'from the end of the trajectory' },
    explanation: {
      nl: 'Gegevens over een proefplaatsing en over besluiten van de jobcoach bewaren we 7 jaar. Gemeente en UWV betalen voor de begeleiding en mogen achteraf controleren wat er is gedaan.',
      en: 'Data about a trial placement and about the job coach’s decisions is kept for 7 years. The municipality and UWV pay for the support and may check afterwards what was done.',
    },
  },
  {
    category: 'mail_delivery_records',
    retention: 'P1Y',
    legalBasis: 'AVG art. 5(1)(e) (opslagbeperking) en art. 6(1)(f) (gerechtvaardigd belang: kunnen aantonen dat een bericht is verstuurd)',
    startsAt: { nl: 'vanaf het versturen', en: 'from the moment of sending' },
    explanation: {
      nl: 'Van e-mails die we u stuurden, bewaren we 1 jaar dat ze zijn verstuurd en wanneer. Na verwijdering van uw gegevens bewaren we niet meer aan wie of wat erin stond.',
      en: 'For e-mails we sent you, we keep for 1 year that they were sent and when. After your data is erased, we no longer keep to whom they went or what they said.',
    },
  },
  {
    category: 'consent_history',
    retention: 'P5Y',
    legalBasis: 'AVG art. 7(1) (aantonen dat toestemming is gegeven) en art. 5(2) (verantwoordingsplicht)',
    startsAt: { nl: 'vanaf het intrekken van de toestemming', en: 'from the withdrawal of the consent' },
    explanation: {
      nl: 'We bewaren 5 jaar welke toestemming u gaf en wanneer u die introk. Zo kunnen we laten zien dat we alleen deelden wat u goedvond.',
      en: 'For 5 years we keep which consent you gave and when you withdrew it, so we can show we only shared what you agreed to.',
    },
  },
  {
    category: 'anonymised_participant_record',
    retention: null,
    legalBasis: 'Geen persoonsgegevens meer: naam en contactgegevens zijn gewist; alleen nodig voor tellingen en statistiek',
    startsAt: { nl: 'vanaf de verwijdering', en: 'from the erasure' },
    explanation: {
      nl: 'Na verwijdering blijft een lege regel zonder naam, contactgegevens of notities over, zodat tellingen (hoeveel mensen aan het werk kwamen) blijven kloppen.',
      en: 'After erasure an empty record remains, without name, contact details or notes, so that counts (how many people found work) stay correct.',
    },
  },
];
