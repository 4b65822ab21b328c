import { registerMessages } from '../i18n.js';
import { REPORT_LABELS } from '../../reports/report-labels.js';

/** Texts of the report pages, Dutch first, B1, formal "u". */
registerMessages({
  nl: {
    'reports.title': 'Resultaten',
    'reports.intro':
      'Hoeveel mensen vinden werk, en blijven ze aan het werk? Hier ziet u de cijfers van de mensen die in deze periode zijn aangemeld.',
    'reports.introFunder': 'Dit zijn de cijfers van de trajecten die {funder} betaalt. U ziet alleen aantallen, nooit namen.',
    'reports.small':
      'Gaat een aantal over minder dan {threshold} mensen? Dan staat er "<\u00a0{threshold}". Gaat een percentage of een aantal dagen over minder dan {threshold} mensen? Dan tonen we het niet en staat er "–". Zo kan niemand zien over wie het gaat.',
    'reports.notShownLegend': '"–" betekent: niet getoond, want het gaat om minder dan {threshold} mensen.',
    'reports.notShownCell': 'niet getoond',
    'reports.filter.title': 'Kies wat u wilt zien',
    'reports.filter.from': 'Aangemeld vanaf',
    'reports.filter.to': 'Aangemeld tot en met',
    'reports.filter.team': 'Team',
    'reports.filter.coach': 'Coach',
    'reports.filter.funder': 'Financier',
    'reports.filter.targetGroup': 'Doelgroep',
    'reports.filter.sector': 'Sector van de werkgever',
    'reports.filter.all': 'Alle',
    'reports.filter.show': 'Toon cijfers',
    'reports.export.title': 'Downloaden',
    'reports.export.csv': 'Download als CSV',
    'reports.export.xlsx': 'Download als Excel',
    'reports.funnel.title': 'Van aanmelding tot werk',
    'reports.funnel.description':
      'Er {registered, plural, one {is # persoon} other {zijn # mensen}} aangemeld. Daarvan {contract, plural, one {kreeg # persoon} other {kregen # mensen}} een contract.',
    'reports.funnel.caption': 'Aantal mensen per stap, en hoeveel van de vorige stap doorgingen',
    'reports.funnel.note': 'Bij "nog aan het werk" tellen alleen mensen van wie het contract lang genoeg geleden begon.',
    'reports.funnel.skipped':
      'Sloeg iemand een stap over? Bijvoorbeeld meteen een contract, zonder proefplaatsing. Dan telt die persoon ook mee bij de overgeslagen stap.',
    'reports.steps.title': 'Hoe lang duurt elke stap?',
    'reports.steps.caption': 'Het middelste aantal dagen tussen twee stappen',
    'reports.steps.note':
      'Was de tweede stap eerder dan de eerste? Bijvoorbeeld een proefplaatsing die al begon voor de aanmelding. Dan telt die persoon niet mee bij de dagen. Hoeveel mensen dat zijn, staat in de laatste kolom.',
    'reports.reasons.title': 'Waarom stopte het werk?',
    'reports.reasons.caption': 'Reden van het einde, per persoon',
    'reports.reasons.none': 'Er is nog bij niemand werk gestopt.',
    'reports.reasons.few': 'Per reden gaat het om minder dan {threshold} mensen. Daarom tonen we hier geen cijfers.',
    'reports.retention.title': 'Hoeveel mensen blijven aan het werk?',
    'reports.retention.description': 'Nog aan het werk na 6 maanden: {six}. Na 12 maanden: {twelve}.',
    'reports.retention.none': 'Er is nog niemand met een contract.',
    'reports.retention.few': 'Dit gaat over minder dan {threshold} mensen met een contract. Daarom tonen we hier geen cijfers.',
    'reports.retention.notYet': 'nog niet bekend',
    'reports.retention.note':
      'Werkt iemand nog? Dan telt die persoon mee tot vandaag, en niet daarna. Zo telt werk dat nog loopt niet als succes voordat het zo ver is.',
    'reports.retention.caption': 'Deel van de mensen dat nog werkt, per maand na de start van het contract',
    'reports.retention.axis': 'Maanden na de start van het contract',
    'reports.aftercare.title': 'Nazorg: gesprekken',
    'reports.aftercare.description':
      'In deze periode: {held, plural, one {# gesprek} other {# gesprekken}} gehouden en {missed, plural, one {# gesprek} other {# gesprekken}} gemist.',
    'reports.aftercare.legend': 'Donker: gehouden. Licht: gemist.',
    'reports.aftercare.descriptionSuppressed':
      'Maanden met minder dan {threshold} gesprekken tonen we niet. Die staan in de tabel als "<\u00a0{threshold}".',
    'reports.aftercare.caption': 'Gesprekken per maand',
    'reports.aftercare.none': 'Er waren geen gesprekken gepland in deze periode.',
    'reports.aftercare.few': 'Per maand gaat het om minder dan {threshold} gesprekken. Daarom tonen we hier geen cijfers.',
    'reports.aftercare.noCoach': 'Geen coach',
    'reports.help.title': 'Nazorg: hulpvragen',
    'reports.help.caption': 'Hulpvragen per maand, en hoe snel er contact was',
    'reports.help.none': 'Er waren geen hulpvragen in deze periode.',
    'reports.help.few': 'Per maand gaat het om minder dan {threshold} hulpvragen. Daarom tonen we hier geen cijfers.',
    'reports.risks.title': 'Nazorg: risico’s',
    'reports.risks.caption': 'Plaatsingen waar in deze periode een risico is gezien, en wat de coach zag bij een nazorggesprek',
    'reports.warnings.caption': 'Waarschuwingen van Werkbrug in deze periode: plaatsingen per soort',
    'reports.warnings.none': 'Werkbrug gaf in deze periode geen waarschuwingen.',
    'reports.risks.note':
      'Een plaatsing met een risico uit een nazorggesprek én een waarschuwing, of met meer dan één reden, telt in het totaal maar één keer.',
  },
  en: {
    'reports.title': 'Results',
    'reports.intro': 'How many people find work, and do they stay in work? These are the figures of the people registered in this period.',
    'reports.introFunder': 'These are the figures of the trajectories {funder} pays for. You see numbers only, never names.',
    'reports.small':
      'Is a count about fewer than {threshold} people? Then it shows "<\u00a0{threshold}". Is a percentage or a number of days about fewer than {threshold} people? Then it is not shown and reads "–". So nobody can tell who it is about.',
    'reports.notShownLegend': '"–" means: not shown, because it is about fewer than {threshold} people.',
    'reports.notShownCell': 'not shown',
    'reports.filter.title': 'Choose what you want to see',
    'reports.filter.from': 'Registered from',
    'reports.filter.to': 'Registered until',
    'reports.filter.team': 'Team',
    'reports.filter.coach': 'Coach',
    'reports.filter.funder': 'Funder',
    'reports.filter.targetGroup': 'Target group',
    'reports.filter.sector': "Employer's sector",
    'reports.filter.all': 'All',
    'reports.filter.show': 'Show figures',
    'reports.export.title': 'Download',
    'reports.export.csv': 'Download as CSV',
    'reports.export.xlsx': 'Download as Excel',
    'reports.funnel.title': 'From registration to work',
    'reports.funnel.description':
      '{registered, plural, one {# person was} other {# people were}} registered. Of them, {contract, plural, one {# person} other {# people}} got a contract.',
    'reports.funnel.caption': 'People per step, and how many of the previous step went on',
    'reports.funnel.note': 'For "still working", only people whose contract started long enough ago count.',
    'reports.funnel.skipped':
      'Did someone skip a step? For example a contract straight away, without a trial. Then that person also counts at the step they skipped.',
    'reports.steps.title': 'How long does each step take?',
    'reports.steps.caption': 'The median number of days between two steps',
    'reports.steps.note':
      'Was the second step dated before the first? For example a trial that started before the registration. Then that person does not count for the days. The last column says how many people that is.',
    'reports.reasons.title': 'Why did work end?',
    'reports.reasons.caption': 'Why work ended, per person',
    'reports.reasons.none': 'Nobody’s work has ended yet.',
    'reports.reasons.few': 'Each reason is about fewer than {threshold} people, so no figures are shown here.',
    'reports.retention.title': 'How many people stay in work?',
    'reports.retention.description': 'Still working after 6 months: {six}. After 12 months: {twelve}.',
    'reports.retention.none': 'Nobody has a contract yet.',
    'reports.retention.few': 'This is about fewer than {threshold} people with a contract, so no figures are shown here.',
    'reports.retention.notYet': 'not known yet',
    'reports.retention.note':
      'Someone still working counts until today and no further, so work still running never counts as a success before its time.',
    'reports.retention.caption': 'Share of people still working, per month after the contract started',
    'reports.retention.axis': 'Months after the contract started',
    'reports.aftercare.title': 'Aftercare: check-ins',
    'reports.aftercare.description':
      'In this period: {held, plural, one {# check-in} other {# check-ins}} held and {missed, plural, one {# check-in} other {# check-ins}} missed.',
    'reports.aftercare.legend': 'Dark: held. Light: missed.',
    'reports.aftercare.descriptionSuppressed':
      'Months with fewer than {threshold} check-ins are not drawn. The table shows them as "<\u00a0{threshold}".',
    'reports.aftercare.caption': 'Check-ins per month',
    'reports.aftercare.none': 'No check-ins were planned in this period.',
    'reports.aftercare.few': 'Each month is about fewer than {threshold} check-ins, so no figures are shown here.',
    'reports.aftercare.noCoach': 'No coach',
    'reports.help.title': 'Aftercare: help requests',
    'reports.help.caption': 'Help requests per month, and how soon there was contact',
    'reports.help.none': 'There were no help requests in this period.',
    'reports.help.few': 'Each month is about fewer than {threshold} help requests, so no figures are shown here.',
    'reports.risks.title': 'Aftercare: risks',
    'reports.risks.caption': 'Placements where a risk was seen in this period, and what the coach saw at a check-in',
    'reports.warnings.caption': 'Warnings from Werkbrug in this period: placements per kind',
    'reports.warnings.none': 'Werkbrug gave no warnings in this period.',
    'reports.risks.note':
      'A placement with a risk from a check-in and a warning, or with more than one reason, counts only once in the total.',
  },
});

/** The reports' own words (stages, columns), shared with the exports, as "reportLabel.<key>". */
const prefixed = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([key, text]) => [`reportLabel.${key}`, text]));
registerMessages({ nl: prefixed(REPORT_LABELS.nl), en: prefixed(REPORT_LABELS.en) });
