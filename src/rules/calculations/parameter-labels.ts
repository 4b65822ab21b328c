import type { RuleParameterKey } from './parameters.js';
import { type ExplanationLine, formatEuro, formatLongDate, formatNumber, formatPercent } from './explain.js';

type Unit = 'euro' | 'rate' | 'percent' | 'hours' | 'count' | 'months' | 'years' | 'flag' | 'date';

/** What each rule parameter is called in the pages and explanations, and how its value reads. */
const LABELS: Record<RuleParameterKey, { nl: string; en: string; unit: Unit }> = {
  minimumWagePerHour: {
    nl: 'wettelijk minimumloon per uur (21 jaar en ouder)',
    en: 'statutory minimum wage per hour (21 and older)',
    unit: 'euro',
  },
  holidayPayRate: { nl: 'vakantiegeld', en: 'holiday pay', unit: 'rate' },
  employerCostAllowanceRate: {
    nl: 'opslag werkgeverslasten op de loonkostensubsidie',
    en: 'employer-cost allowance on the subsidy',
    unit: 'rate',
  },
  subsidyCapRate: {
    nl: 'maximale loonkostensubsidie (deel van het minimumloon)',
    en: 'subsidy cap (share of the minimum wage)',
    unit: 'rate',
  },
  quotaJobHoursPerYear: { nl: 'uren per jaar van één baan (banenafspraak)', en: 'hours a year of one job (banenafspraak)', unit: 'hours' },
  quotaJobHoursPerWeek: { nl: 'uren per week van één baan (banenafspraak)', en: 'hours a week of one job (banenafspraak)', unit: 'hours' },
  averageJobHoursPerYear: {
    nl: 'gemiddelde jaaruren per werknemer (Quotumwet)',
    en: 'average yearly hours per employee (Quotumwet)',
    unit: 'hours',
  },
  quotaThresholdEmployees: { nl: 'drempel quotumheffing (werknemers)', en: 'quota threshold (employees)', unit: 'count' },
  quotaLevyPerMissingJob: { nl: 'quotumheffing per ontbrekende baan', en: 'quota levy per missing job', unit: 'euro' },
  quotaLevyImposed: { nl: 'quotumheffing geactiveerd', en: 'quota levy activated', unit: 'flag' },
  quotaPercentage: { nl: 'quotumpercentage', en: 'quota percentage', unit: 'rate' },
  inclusivenessBonusPerJob: { nl: 'bonus per baan (inclusiviteitsregeling)', en: 'bonus per job (inclusiveness regime)', unit: 'euro' },
  inclusivenessRegimeStart: { nl: 'start inclusiviteitsregeling', en: 'start of the inclusiveness regime', unit: 'date' },
  loonkostenvoordeelPerHour: { nl: 'loonkostenvoordeel per verloond uur', en: 'loonkostenvoordeel per paid hour', unit: 'euro' },
  loonkostenvoordeelMaxPerYear: { nl: 'loonkostenvoordeel per jaar ten hoogste', en: 'loonkostenvoordeel maximum per year', unit: 'euro' },
  loonkostenvoordeelYears: { nl: 'duur loonkostenvoordeel (jaren)', en: 'loonkostenvoordeel duration (years)', unit: 'years' },
  loonkostenvoordeelWholeEmployment: {
    nl: 'loonkostenvoordeel voor het hele dienstverband',
    en: 'loonkostenvoordeel for the whole employment',
    unit: 'flag',
  },
  noRiskPolicyYears: { nl: 'duur no-riskpolis (jaren)', en: 'no-risk policy duration (years)', unit: 'years' },
  reassessmentIntervalMonths: {
    nl: 'herbeoordeling loonwaarde na (maanden)',
    en: 'wage value reassessment after (months)',
    unit: 'months',
  },
  durablePlacementMonths: { nl: 'duurzame plaatsing na (maanden)', en: 'durable placement after (months)', unit: 'months' },
  reportSmallCellThreshold: {
    nl: 'kleinste aantal mensen in een cel voor financiers',
    en: 'smallest number of people in a cell for funders',
    unit: 'count',
  },
  trialPlacementNormalMonths: {
    nl: 'proefplaatsing, gewone duur (maanden)',
    en: 'trial placement, normal length (months)',
    unit: 'months',
  },
  trialPlacementMaxMonths: { nl: 'proefplaatsing, langste duur (maanden)', en: 'trial placement, longest (months)', unit: 'months' },
  jobcoachGrantPeriodMonths: { nl: 'jobcoachperiode (maanden)', en: 'jobcoach grant period (months)', unit: 'months' },
  jobcoachMaxMonths: { nl: 'jobcoaching ten hoogste (maanden)', en: 'jobcoaching at most (months)', unit: 'months' },
  jobcoachMinContractMonths: { nl: 'jobcoach: contract ten minste (maanden)', en: 'jobcoach: contract at least (months)', unit: 'months' },
  jobcoachMinHoursPerWeek: { nl: 'jobcoach: uren per week ten minste', en: 'jobcoach: hours a week at least', unit: 'hours' },
  jobcoachExceptionMinHoursPerWeek: {
    nl: 'jobcoach: uren per week ten minste (uitzondering)',
    en: 'jobcoach: hours a week at least (exception)',
    unit: 'hours',
  },
  jobcoachMinWageValuePercent: { nl: 'jobcoach: loonwaarde ten minste', en: 'jobcoach: wage value at least', unit: 'percent' },
  jobcoachExceptionMinWageValuePercent: {
    nl: 'jobcoach: loonwaarde ten minste (uitzondering)',
    en: 'jobcoach: wage value at least (exception)',
    unit: 'percent',
  },
  jobcoachSatisfactionMinimum: {
    nl: 'jobcoach: gemiddeld tevredenheidscijfer ten minste (UWV)',
    en: 'jobcoach: average satisfaction score at least (UWV)',
    unit: 'count',
  },
  satisfactionLowScore: {
    nl: 'tevredenheid: taak voor de jobcoach bij een cijfer van ten hoogste',
    en: 'satisfaction: task for the coach at a score of at most',
    unit: 'count',
  },
  surveyMinimumAnswers: {
    nl: 'tevredenheid: een gemiddelde alleen over ten minste zoveel antwoorden',
    en: 'satisfaction: an average only over at least this many answers',
    unit: 'count',
  },
  surveyMinIntervalMonths: {
    nl: 'tevredenheid: ten minste zoveel maanden tussen twee vragenlijsten',
    en: 'satisfaction: at least this many months between two surveys',
    unit: 'months',
  },
  earlyWarningMaxHoursPerWeek: {
    nl: 'signaal: weinig uren bij start contract (uren per week of minder)',
    en: 'early warning: few hours at contract start (hours a week or fewer)',
    unit: 'hours',
  },
  earlyWarningMissedCheckinsInARow: {
    nl: 'signaal: gemiste nazorggesprekken op rij',
    en: 'early warning: check-ins missed in a row',
    unit: 'count',
  },
  earlyWarningRenewalTalkWeeks: {
    nl: 'signaal: verlengingsgesprek voor einde contract (weken)',
    en: 'early warning: renewal talk before the contract ends (weeks)',
    unit: 'count',
  },
  earlyWarningContactGraceDays: {
    nl: 'signaal: contact achter op het plan na (dagen)',
    en: 'early warning: contact behind the plan after (days)',
    unit: 'count',
  },
};

/** The parameter's name in plain words. */
export function parameterLabel(key: string, language: 'nl' | 'en'): string {
  return LABELS[key as RuleParameterKey]?.[language] ?? key;
}

/** The parameter's value as people write it: "€ 14,71", "8%", "ja", "1 januari 2026". */
export function parameterValue(key: string, value: number | string, language: 'nl' | 'en'): string {
  const unit = LABELS[key as RuleParameterKey]?.unit;
  if (typeof value === 'string') return formatLongDate(value, language);
  switch (unit) {
    case 'euro':
      return formatEuro(value, language);
    case 'rate':
      return formatPercent(value, language, 4);
    case 'percent':
      return `${formatNumber(value, language)}%`;
    case 'flag':
      return value === 1 ? (language === 'nl' ? 'ja' : 'yes') : language === 'nl' ? 'nee' : 'no';
    default:
      return formatNumber(value, language, 4);
  }
}

/** Both languages at once, for explanation lines. */
export function labelled(key: string, value: number | string): ExplanationLine {
  return {
    nl: `${parameterLabel(key, 'nl')}: ${parameterValue(key, value, 'nl')}`,
    en: `${parameterLabel(key, 'en')}: ${parameterValue(key, value, 'en')}`,
  };
}
