import {
  type AnyParameterValue,
  InMemoryParameterSource,
  type NumericParameterKey,
  type ParameterValue,
} from '../calculations/parameters.js';

/**
 * National reference values shipped with Werkbrug, each with its source and
 * the date of that source. They are authoritative: an organisation can only
 * add a value for a period these rows do not cover (see
 * GovernedParameterSource). Rows here are never edited once a calculation
 * may have used them.
 *
 * The statutory minimum wage is closed at the end of each known half year on
 * purpose: a later half-year is computed with the last known value, marked
 * provisional, and corrected once the value is added.
 */

function row(
  key: NumericParameterKey,
  value: number,
  validFrom: string,
  validTo: string | null,
  source: string,
  scope?: string,
): ParameterValue {
  return scope === undefined ? { key, value, validFrom, validTo, source } : { key, scope, value, validFrom, validTo, source };
}

const WML_MONTHLY_DERIVED =
  'afgeleid uit het bruto wettelijk minimumloon per maand voor 21+ (tot 1 juli 2019: 22+) op een 38-urige werkweek: maandbedrag × 12 / 52 / 38, afgerond op centen (vóór 2024 kende de WML alleen maand-, week- en dagbedragen)';

const minimumWage: ParameterValue[] = (
  [
    ['2017-01-01', '2017-06-30', 9.42, 1551.6],
    ['2017-07-01', '2017-12-31', 9.51, 1565.4],
    ['2018-01-01', '2018-06-30', 9.58, 1578.0],
    ['2018-07-01', '2018-12-31', 9.68, 1594.2],
    ['2019-01-01', '2019-06-30', 9.81, 1615.8],
    ['2019-07-01', '2019-12-31', 9.93, 1635.6],
    ['2020-01-01', '2020-06-30', 10.04, 1653.6],
    ['2020-07-01', '2020-12-31', 10.2, 1680.0],
    ['2021-01-01', '2021-06-30', 10.23, 1684.8],
    ['2021-07-01', '2021-12-31', 10.33, 1701.0],
    ['2022-01-01', '2022-06-30', 10.48, 1725.0],
    ['2022-07-01', '2022-12-31', 10.67, 1756.2],
    ['2023-01-01', '2023-06-30', 11.75, 1934.4],
    ['2023-07-01', '2023-12-31', 12.12, 1995.0],
  ] as const
).map(([from, to, hourly, monthly]) =>
  row(
    'minimumWagePerHour',
    hourly,
    from,
    to,
    `Wet minimumloon en minimumvakantiebijslag, halfjaarlijkse indexering per ${from}: € ${monthly.toFixed(2).replace('.', ',')} per maand; uurbedrag ${WML_MONTHLY_DERIVED}.`,
  ),
);

minimumWage.push(
  row(
    'minimumWagePerHour',
    13.27,
    '2024-01-01',
    '2024-06-30',
    'Wet minimumloon en minimumvakantiebijslag: wettelijk minimumuurloon per 1 januari 2024 (sinds 2024 één uurbedrag voor 21+).',
  ),
  row(
    'minimumWagePerHour',
    13.68,
    '2024-07-01',
    '2024-12-31',
    'Wet minimumloon en minimumvakantiebijslag: wettelijk minimumuurloon per 1 juli 2024 (21+).',
  ),
  row(
    'minimumWagePerHour',
    14.06,
    '2025-01-01',
    '2025-06-30',
    'Wet minimumloon en minimumvakantiebijslag: wettelijk minimumuurloon per 1 januari 2025 (21+), € 14,06; bron: Rijksoverheid, bedragen minimumloon 2025 (gepubliceerd september 2024).',
  ),
  row(
    'minimumWagePerHour',
    14.4,
    '2025-07-01',
    '2025-12-31',
    'Wet minimumloon en minimumvakantiebijslag: wettelijk minimumuurloon per 1 juli 2025 (21+), € 14,40; bron: Rijksoverheid, bedragen minimumloon per 1 juli 2025 (gepubliceerd mei 2025).',
  ),
  row(
    'minimumWagePerHour',
    14.71,
    '2026-01-01',
    '2026-06-30',
    'Wet minimumloon en minimumvakantiebijslag: wettelijk minimumuurloon per 1 januari 2026 (21+), € 14,71; bron: Rijksoverheid, bedragen minimumloon per 1 januari 2026 (gepubliceerd september 2025). Het bedrag per 1 juli 2026 is nog niet opgenomen.',
  ),
);

const subsidy: ParameterValue[] = [
  row(
    'holidayPayRate',
    0.08,
    '2015-01-01',
    null,
    'Wet minimumloon en minimumvakantiebijslag art. 15: minimumvakantiebijslag 8% van het loon.',
  ),
  row(
    'employerCostAllowanceRate',
    0.23,
    '2015-01-01',
    '2017-12-31',
    'Participatiewet art. 10d met Regeling Participatiewet, IOAW en IOAZ: forfaitaire tegemoetkoming in de werkgeverslasten 23% tot en met 2017.',
  ),
  row(
    'employerCostAllowanceRate',
    0.235,
    '2018-01-01',
    null,
    'Participatiewet art. 10d met Regeling Participatiewet, IOAW en IOAZ: forfaitaire tegemoetkoming in de werkgeverslasten 23,5% vanaf 1 januari 2018.',
  ),
  row(
    'subsidyCapRate',
    0.7,
    '2015-01-01',
    null,
    'Participatiewet art. 10d: loonkostensubsidie ten hoogste 70% van het wettelijk minimumloon inclusief vakantiebijslag (vóór de tegemoetkoming in de werkgeverslasten).',
  ),
];

/**
 * Quota percentages only where a source confirms them. Not confirmed, so deliberately absent:
 * sector overheid 2019-2023 and 2025 onwards, and every year of sector markt (the quota was
 * never activated for it). A year without a row is explained as "niet bevestigd".
 */
const LEVY_NOT_CONFIRMED =
  'Geen bron bevestigt een geactiveerde quotumheffing voor deze sector en dit jaar (UWV, veelgestelde vragen quotumregeling, 2024: over 2024 wordt geen heffing opgelegd); daarom onwaar.';

const quota: ParameterValue[] = [
  row(
    'quotaJobHoursPerWeek',
    25.5,
    '2018-01-01',
    null,
    'Wet banenafspraak en quotum arbeidsbeperkten: één baan (arbeidsplaats) is 25,5 verloonde uren per week.',
  ),
  row(
    'quotaJobHoursPerYear',
    1331,
    '2018-01-01',
    null,
    'Wet banenafspraak en quotum arbeidsbeperkten: één baan is 1.331 verloonde uren per jaar (25,5 uur per week).',
  ),
  row(
    'averageJobHoursPerYear',
    1623,
    '2018-01-01',
    null,
    'Wet banenafspraak en quotum arbeidsbeperkten: gemiddeld aantal verloonde uren per werknemer 1.623; drempel 25 × 1.623 = 40.575 verloonde uren per jaar.',
  ),
  row(
    'quotaThresholdEmployees',
    25,
    '2018-01-01',
    null,
    'Wet banenafspraak en quotum arbeidsbeperkten: de quotumregeling geldt voor werkgevers met 25 of meer werknemers.',
  ),
  row(
    'quotaLevyPerMissingJob',
    5000,
    '2018-01-01',
    null,
    'Wet financiering sociale verzekeringen (quotumheffing): € 5.000 per niet-ingevulde arbeidsplaats per jaar.',
  ),
  row(
    'quotaPercentage',
    0.0193,
    '2018-01-01',
    '2018-12-31',
    'Quotumpercentage sector overheid 2018: 1,93% (activering quotumregeling sector overheid per 1 januari 2018; heffing over 2018 uitgesteld).',
    'public',
  ),
  row(
    'quotaPercentage',
    0.0276,
    '2024-01-01',
    '2024-12-31',
    'Quotumpercentage sector overheid 2024: 2,76%, vastgesteld door SZW (UWV, veelgestelde vragen quotumregeling); over 2024 wordt geen quotumheffing opgelegd.',
    'public',
  ),
  row('quotaLevyImposed', 0, '2018-01-01', null, LEVY_NOT_CONFIRMED, 'public'),
  row('quotaLevyImposed', 0, '2018-01-01', null, LEVY_NOT_CONFIRMED, 'private'),
  row(
    'inclusivenessBonusPerJob',
    5000,
    '2018-01-01',
    null,
    'Wetsvoorstel vereenvoudiging banenafspraak (Kamerstuk 36 449): bonus € 5.000 per baan van 25,5 uur in het nieuwe stelsel; geldt pas vanaf de ingangsdatum van dat stelsel; bedrag bij inwerkingtreding bevestigen.',
  ),
];

const loonkostenvoordeel: ParameterValue[] = [
  row('loonkostenvoordeelPerHour', 1.01, '2018-01-01', null, 'Wet tegemoetkomingen loondomein: LKV banenafspraak € 1,01 per verloond uur.'),
  row(
    'loonkostenvoordeelMaxPerYear',
    2000,
    '2018-01-01',
    null,
    'Wet tegemoetkomingen loondomein: LKV banenafspraak ten hoogste € 2.000 per jaar.',
  ),
  row(
    'loonkostenvoordeelYears',
    3,
    '2018-01-01',
    '2025-12-31',
    'Wet tegemoetkomingen loondomein: LKV banenafspraak ten hoogste 3 jaar vanaf de aanvang van de dienstbetrekking; blijft gelden voor dienstbetrekkingen die vóór 1 januari 2026 begonnen (overgangsrecht).',
  ),
  row(
    'loonkostenvoordeelWholeEmployment',
    1,
    '2026-01-01',
    null,
    'Wet tegemoetkomingen loondomein zoals gewijzigd per 1 januari 2026 (Belastingplan 2026): LKV banenafspraak voor de hele duur van de dienstbetrekking van een werknemer in het doelgroepregister, zonder aparte doelgroepverklaring; dienstbetrekkingen van vóór 2026 houden de oude regels (overgangsrecht). Bron: Belastingdienst, loonkostenvoordelen 2026 (gepubliceerd 2025).',
  ),
];

const placements: ParameterValue[] = [
  row(
    'noRiskPolicyYears',
    5,
    '2015-01-01',
    null,
    'Ziektewet art. 29b: no-riskpolis gedurende 5 jaar na aanvang van de dienstbetrekking; groepen met een afwijkende termijn krijgen een eigen rij.',
    'default',
  ),
  row(
    'reassessmentIntervalMonths',
    12,
    '2015-01-01',
    null,
    'Werkbrug-standaard: loonwaarde jaarlijks opnieuw vaststellen; de organisatie kan een eigen termijn instellen.',
  ),
  row(
    'durablePlacementMonths',
    6,
    '2015-01-01',
    null,
    'Werkbrug-standaard: een plaatsing is duurzaam na 6 maanden onafgebroken betaald werk; de organisatie kan 12 maanden instellen.',
  ),
  row(
    'satisfactionLowScore',
    5,
    '2015-01-01',
    null,
    'Werkbrug-standaard: een tevredenheidscijfer van 5 of lager geeft de jobcoach een taak; de organisatie kan een eigen grens instellen.',
  ),
  row(
    'surveyMinIntervalMonths',
    2,
    '2015-01-01',
    null,
    'Werkbrug-standaard: iemand krijgt voor dezelfde plaatsing pas 2 maanden na de vorige vragenlijst een nieuwe; de organisatie kan een eigen termijn instellen.',
  ),
  row(
    'surveyMinimumAnswers',
    5,
    '2015-01-01',
    null,
    'Werkbrug-standaard: een gemiddeld tevredenheidscijfer wordt pas getoond over 5 of meer antwoorden, zodat het niet naar één deelnemer of werkgever wijst; de organisatie kan een eigen grens instellen.',
  ),
];

const TRIAL =
  'UWV-beleid proefplaatsing (art. 30a Wet SUWI): normaal 2 maanden, met een reden tot 6 maanden in totaal voor mensen met een ziekte of handicap.';
const JOBCOACH =
  'UWV Beleidsregels jobcoaching: dienstverband van minstens 6 maanden en 12 uur per week, loonwaarde minstens 35% (uitzondering: 8 uur en 20%); toekenning per 6 maanden, ten hoogste 3 jaar.';

const trialAndJobcoach: ParameterValue[] = [
  row('trialPlacementNormalMonths', 2, '2015-01-01', null, TRIAL),
  row('trialPlacementMaxMonths', 6, '2015-01-01', null, TRIAL),
  row('jobcoachGrantPeriodMonths', 6, '2015-01-01', null, JOBCOACH),
  row('jobcoachMaxMonths', 36, '2015-01-01', null, JOBCOACH),
  row('jobcoachMinContractMonths', 6, '2015-01-01', null, JOBCOACH),
  row('jobcoachMinHoursPerWeek', 12, '2015-01-01', null, JOBCOACH),
  row('jobcoachExceptionMinHoursPerWeek', 8, '2015-01-01', null, JOBCOACH),
  row('jobcoachMinWageValuePercent', 35, '2015-01-01', null, JOBCOACH),
  row('jobcoachExceptionMinWageValuePercent', 20, '2015-01-01', null, JOBCOACH),
  row(
    'jobcoachSatisfactionMinimum',
    6.5,
    '2015-01-01',
    null,
    'UWV-erkenning van jobcoachorganisaties: werknemers en werkgevers beoordelen de jobcoach jaarlijks; het gemiddelde cijfer is ten minste 6,5.',
  ),
];

const reports: ParameterValue[] = [
  row(
    'reportSmallCellThreshold',
    5,
    '2015-01-01',
    null,
    'Werkbrug-standaard, naar de praktijk van CBS en UWV bij het publiceren van kleine aantallen: een cel met minder dan 5 personen wordt voor financiers onderdrukt ("< 5").',
  ),
];

const EARLY_WARNING =
  'Werkbrug-standaard voor de vroege waarschuwing, naar het onderzoek naar uitval bij begeleid werken (DOMAIN.md): wie 20 uur per week of minder werkt stopt vaker; gemiste check-ins, afnemend contact en een aflopend contract zonder verlengingsgesprek gaan vooraf aan uitval. De organisatie kan eigen waarden instellen.';

const earlyWarning: ParameterValue[] = [
  row('earlyWarningMaxHoursPerWeek', 20, '2015-01-01', null, EARLY_WARNING),
  row('earlyWarningMissedCheckinsInARow', 2, '2015-01-01', null, EARLY_WARNING),
  row('earlyWarningRenewalTalkWeeks', 8, '2015-01-01', null, EARLY_WARNING),
  row('earlyWarningContactGraceDays', 7, '2015-01-01', null, EARLY_WARNING),
];

export const nationalParameters: readonly AnyParameterValue[] = [
  ...minimumWage,
  ...subsidy,
  ...quota,
  // No inclusivenessRegimeStart: the new Wet banenafspraak regime (Kamerstuk 36 449) starts only after an
  // activation decision. Until a source confirms one, the levy regime (with its levyImposed flag) applies.
  ...loonkostenvoordeel,
  ...placements,
  ...trialAndJobcoach,
  ...reports,
  ...earlyWarning,
];

export function nationalParameterSource(): InMemoryParameterSource {
  return new InMemoryParameterSource(nationalParameters);
}
