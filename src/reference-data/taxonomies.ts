/**
 * Reference data from Dutch re-integration research (DOMAIN.md, "Taxonomies").
 * Codes are stable identifiers stored in the database; labels are for people.
 */

export interface TaxonomyItem {
  code: string;
  nl: string;
  en: string;
}

export interface BarrierItem extends TaxonomyItem {
  group: BarrierGroupCode;
  /** What a coach does about it; personal obstacles lead to support, never to a lower match score. */
  supportAction?: string;
}

export const BARRIER_GROUPS = {
  A: { side: 'supply', nl: 'Persoonskenmerken', en: 'Person characteristics' },
  B: { side: 'supply', nl: 'Persoonlijke en sociale belemmeringen', en: 'Personal and social obstacles' },
  C: { side: 'supply', nl: 'Zwakke persoonlijke conditie', en: 'Weak personal condition' },
  D: { side: 'supply', nl: 'Werk- en arbeidsmarktvaardigheden', en: 'Work and labour-market skills' },
  E: { side: 'demand', nl: 'Negatieve beeldvorming', en: 'Negative image' },
  F: { side: 'demand', nl: 'Beperkt aanpassingsvermogen', en: 'Poor ability to adapt' },
  G: { side: 'match', nl: 'Informatie', en: 'Information' },
} as const;
export type BarrierGroupCode = keyof typeof BARRIER_GROUPS;

const b = (group: BarrierGroupCode, code: string, nl: string, en: string, supportAction?: string): BarrierItem => ({
  group,
  code,
  nl,
  en,
  supportAction,
});

export const BARRIERS: readonly BarrierItem[] = [
  b('A', 'A1_age', 'Leeftijd', 'Age'),
  b('A', 'A2_gender', 'Geslacht', 'Gender'),
  b('A', 'A3_ethnicity', 'Etniciteit', 'Ethnicity'),
  b('A', 'A4_occupational_disability', 'Arbeidsbeperking', 'Occupational disability', 'workplace_adaptation'),
  b('A', 'A5_detention_history', 'Detentieverleden', 'Detention history'),
  b('A', 'A6_benefit_history', 'Uitkeringsverleden', 'Benefit history'),
  b('B', 'B1_unstable_housing', 'Instabiele huisvesting', 'Unstable housing', 'referral_housing'),
  b('B', 'B2_disrupted_family', 'Verstoorde gezinssituatie', 'Disrupted family situation', 'referral_social_work'),
  b('B', 'B3_debts', 'Schulden', 'Debts', 'referral_debt_counselling'),
  b('B', 'B4_addiction', 'Verslaving', 'Addiction', 'referral_addiction_care'),
  b('B', 'B5_childcare', 'Zorg voor kinderen', 'Care for children', 'arrange_childcare'),
  b('B', 'B6_limited_integration', 'Beperkte integratie', 'Limited integration', 'language_course'),
  b('B', 'B7_psychological_problems', 'Psychische problemen', 'Psychological problems', 'referral_mental_health'),
  b('B', 'B8_illness', 'Ziekte', 'Illness', 'referral_health_care'),
  b('C', 'C1_behaviour_problems', 'Gedragsproblemen', 'Behaviour problems'),
  b('C', 'C2_self_confidence', 'Zelfvertrouwen', 'Self-confidence', 'empowerment_training'),
  b('C', 'C3_self_esteem', 'Zelfwaardering', 'Self-esteem', 'empowerment_training'),
  b('C', 'C4_self_efficacy', 'Zelfeffectiviteit', 'Self-efficacy', 'empowerment_training'),
  b('C', 'C5_motivation', 'Motivatie', 'Motivation', 'coaching_conversations'),
  b('C', 'C6_self_care', 'Zelfzorg', 'Self-care'),
  b('C', 'C7_physical_condition', 'Fysieke conditie', 'Physical condition'),
  b('D', 'D1_work_experience', 'Werkervaring', 'Work experience', 'work_experience_place'),
  b('D', 'D2_employee_skills', 'Werknemersvaardigheden', 'Employee skills', 'work_experience_place'),
  b('D', 'D3_work_rhythm', 'Werkritme', 'Work rhythm', 'work_experience_place'),
  b('D', 'D4_language', 'Taal', 'Language', 'language_course'),
  b('D', 'D5_job_application_skills', 'Sollicitatievaardigheden', 'Job application skills', 'job_application_training'),
  b('D', 'D6_education', 'Opleiding', 'Education', 'training'),
  b('D', 'D7_social_skills', 'Sociale vaardigheden', 'Social skills'),
  b('D', 'D8_presentation', 'Presentatie', 'Presentation'),
  b('D', 'D9_small_network', 'Klein netwerk', 'Small network', 'network_building'),
  b('D', 'D10_no_view_of_talents', 'Geen zicht op eigen talenten en wensen', 'No view of own talents and wishes', 'talent_analysis'),
  b('E', 'E1_statistical_discrimination', 'Statistische discriminatie', 'Statistical discrimination'),
  b('E', 'E2_benefit_prejudice', 'Vooroordelen over uitkeringsgerechtigden', 'Prejudice about benefit recipients'),
  b('F', 'F1_insufficient_means', 'Onvoldoende middelen', 'Insufficient means', 'wage_cost_subsidy'),
  b(
    'F',
    'F2_insufficient_knowledge',
    'Onvoldoende kennis van omgaan met beperkingen',
    'Insufficient knowledge of dealing with disabilities',
    'employer_information',
  ),
  b('G', 'G1_no_meeting', 'Vraag en aanbod vinden elkaar niet', 'Supply and demand do not find each other', 'vacancy_acquisition'),
  b(
    'G',
    'G2_employer_no_view_of_skills',
    'Werkgever heeft geen zicht op vaardigheden',
    'Employer has no view of skills',
    'trial_placement',
  ),
  b(
    'G',
    'G3_participant_no_view_of_fit',
    'Deelnemer heeft geen zicht op de match',
    'Participant has no view of the fit',
    'job_orientation',
  ),
];

export const INTERMEDIATE_GOALS: readonly TaxonomyItem[] = [
  { code: 'motivation', nl: 'Motivatie', en: 'Motivation' },
  { code: 'health', nl: 'Gezondheid', en: 'Health' },
  { code: 'practical_obstacles', nl: 'Wegnemen praktische belemmeringen', en: 'Removing practical obstacles' },
  { code: 'orientation', nl: '(Her)oriëntatie', en: '(Re)orientation' },
  { code: 'searching_applying', nl: 'Zoeken en solliciteren', en: 'Searching and applying' },
  { code: 'employee_skills_rhythm', nl: 'Werknemersvaardigheden en werkritme', en: 'Employee skills and work rhythm' },
  { code: 'knowledge', nl: 'Kennis', en: 'Knowledge' },
  { code: 'vacancy_acquisition', nl: 'Vacatureverwerving', en: 'Vacancy acquisition' },
  { code: 'matching_mediation', nl: 'Matching en bemiddeling', en: 'Matching and mediation' },
  { code: 'compensation_adaptation', nl: 'Compensatie en aanpassing', en: 'Compensation and adaptation' },
  { code: 'guidance_at_work', nl: 'Begeleiding op de werkplek', en: 'Guidance at work' },
];

export interface InstrumentItem extends TaxonomyItem {
  goals: string[];
  /**
   * Its number(s) among the 34 basic re-integration instruments of the source
   * study ("Fit or Unfit", table 4.3; shared/seeds/002, around line 698).
   * Absent for the supported-employment instruments Werkbrug adds (trial
   * placement, no-risk policy, ...) and for the finer referrals that split
   * one study instrument.
   */
  study?: number[];
}

/** Instruments and the intermediate goals they serve (many-to-many): the study's 34, then Werkbrug's own additions. */
export const INSTRUMENTS: readonly InstrumentItem[] = [
  { code: 'sanctions', nl: 'Verplichtingen en sancties', en: 'Obligations and sanctions', goals: ['motivation'], study: [1] },
  { code: 'financial_incentive', nl: 'Financiële stimulering', en: 'Financial incentive', goals: ['motivation'], study: [2] },
  {
    code: 'empowerment_training',
    nl: 'Zelfwaardering en zelfvertrouwen (empowerment)',
    en: 'Self-esteem and self-confidence (empowerment)',
    goals: ['motivation'],
    study: [3],
  },
  { code: 'social_appreciation', nl: 'Sociale waardering', en: 'Social appreciation', goals: ['motivation'], study: [4] },
  { code: 'meaning', nl: 'Zingeving', en: 'Sense of purpose', goals: ['motivation'], study: [5] },
  {
    code: 'referral_health_care',
    nl: 'Specialistische hulp (medisch of psychologisch)',
    en: 'Specialist help (medical or psychological)',
    goals: ['health'],
    study: [6],
  },
  {
    code: 'personal_care_support',
    nl: 'Hulp bij persoonlijke verzorging en hygiëne',
    en: 'Help with personal care and hygiene',
    goals: ['health'],
    study: [7],
  },
  { code: 'fitness', nl: 'Fitness', en: 'Fitness', goals: ['health'], study: [8] },
  {
    code: 'referral_social_work',
    nl: 'Maatschappelijke hulp (maatschappelijk werk)',
    en: 'Social support (social work)',
    goals: ['practical_obstacles'],
    study: [9],
  },
  {
    code: 'referral_debt_counselling',
    nl: 'Schuldsanering (doorverwijzing schuldhulpverlening)',
    en: 'Debt restructuring (referral to debt counselling)',
    goals: ['practical_obstacles'],
    study: [10],
  },
  { code: 'referral_housing', nl: 'Hulp bij huisvesting', en: 'Help with housing', goals: ['practical_obstacles'], study: [11] },
  { code: 'arrange_childcare', nl: 'Kinderopvang regelen', en: 'Arrange childcare', goals: ['practical_obstacles'], study: [12] },
  { code: 'transport_support', nl: 'Hulp bij vervoer', en: 'Help with transport', goals: ['practical_obstacles'], study: [13] },
  { code: 'job_orientation', nl: 'Loopbaan- en beroepsoriëntatie', en: 'Career and job orientation', goals: ['orientation'], study: [14] },
  { code: 'vocational_test', nl: 'Beroepskeuzetest', en: 'Vocational aptitude test', goals: ['orientation'], study: [15] },
  {
    code: 'talent_analysis',
    nl: 'Competentieprofiel (talentenanalyse)',
    en: 'Competence profile (talent analysis)',
    goals: ['orientation'],
    study: [16],
  },
  { code: 'job_search_training', nl: 'Zoektraining vacatures', en: 'Vacancy search training', goals: ['searching_applying'], study: [17] },
  {
    code: 'job_application_training',
    nl: 'Sollicitatietraining (brief, cv, gesprek)',
    en: 'Job application training (letter, CV, interview)',
    goals: ['searching_applying'],
    study: [18],
  },
  { code: 'presentation_training', nl: 'Presentatietraining', en: 'Presentation training', goals: ['searching_applying'], study: [19] },
  { code: 'network_building', nl: 'Netwerktraining', en: 'Networking training', goals: ['searching_applying'], study: [20] },
  { code: 'work_first', nl: 'Werktraject (WorkFirst)', en: 'Work trajectory (WorkFirst)', goals: ['employee_skills_rhythm'], study: [21] },
  {
    code: 'work_experience_place',
    nl: 'Werkervaringsplaats',
    en: 'Work-experience place',
    goals: ['employee_skills_rhythm', 'orientation'],
    study: [22],
  },
  // The study lists the internship under two goals (23 and 26): one instrument serving both.
  {
    code: 'internship',
    nl: 'Stage of leerwerktraject',
    en: 'Internship or work-based learning',
    goals: ['employee_skills_rhythm', 'knowledge'],
    study: [23, 26],
  },
  { code: 'training', nl: 'Scholing', en: 'Training', goals: ['knowledge'], study: [24] },
  { code: 'language_course', nl: 'Taalcursus', en: 'Language course', goals: ['knowledge', 'practical_obstacles'], study: [25] },
  {
    code: 'consultant_networking',
    nl: 'Netwerken door de consulent bij werkgevers',
    en: 'Networking with employers by the consultant',
    goals: ['vacancy_acquisition'],
    study: [27],
  },
  {
    code: 'vacancy_acquisition',
    nl: 'Vacaturejacht door de consulent',
    en: 'Vacancy hunting by the consultant',
    goals: ['vacancy_acquisition'],
    study: [28],
  },
  {
    code: 'matching',
    nl: 'Matching van deelnemer en vraag van de werkgever',
    en: 'Matching the participant with the employer’s demand',
    goals: ['matching_mediation'],
    study: [29],
  },
  {
    code: 'intensive_mediation',
    nl: '(Intensieve) bemiddeling, één-op-één',
    en: '(Intensive) one-to-one mediation',
    goals: ['matching_mediation'],
    study: [30],
  },
  {
    code: 'wage_cost_subsidy',
    nl: 'Subsidie (loonkostensubsidie)',
    en: 'Subsidy (wage-cost subsidy)',
    goals: ['compensation_adaptation'],
    study: [31],
  },
  { code: 'workplace_adaptation', nl: 'Aanpassing werkplek', en: 'Workplace adaptation', goals: ['compensation_adaptation'], study: [32] },
  {
    code: 'work_process_adaptation',
    nl: 'Aanpassing werkproces (jobcarving)',
    en: 'Work-process adaptation (job carving)',
    goals: ['compensation_adaptation', 'vacancy_acquisition'],
    study: [33],
  },
  { code: 'jobcoaching', nl: 'Jobcoaching', en: 'Jobcoaching', goals: ['guidance_at_work'], study: [34] },
  // Werkbrug's additions for supported employment, and finer referrals within study instrument 6.
  { code: 'trial_placement', nl: 'Proefplaatsing', en: 'Trial placement', goals: ['matching_mediation', 'employee_skills_rhythm'] },
  { code: 'no_risk_policy', nl: 'No-riskpolis', en: 'No-risk policy', goals: ['compensation_adaptation'] },
  { code: 'coaching_conversations', nl: 'Coachingsgesprekken', en: 'Coaching conversations', goals: ['motivation', 'orientation'] },
  { code: 'referral_addiction_care', nl: 'Doorverwijzing verslavingszorg', en: 'Referral to addiction care', goals: ['health'] },
  { code: 'referral_mental_health', nl: 'Doorverwijzing GGZ', en: 'Referral to mental health care', goals: ['health'] },
  {
    code: 'employer_information',
    nl: 'Voorlichting werkgever',
    en: 'Employer information',
    goals: ['compensation_adaptation', 'guidance_at_work'],
  },
  {
    code: 'job_interview_support',
    nl: 'Begeleiding bij sollicitatiegesprek',
    en: 'Support at job interviews',
    goals: ['matching_mediation'],
  },
];

/** Observed work behaviour: 13 dimensions, scored 1-5 on a dated observation. */
export const WORK_BEHAVIOUR_DIMENSIONS: readonly TaxonomyItem[] = [
  { code: 'punctuality', nl: 'Op tijd komen en tijdsbesef', en: 'Punctuality and time' },
  { code: 'following_instructions', nl: 'Opdrachten opvolgen', en: 'Following instructions' },
  { code: 'quality_of_execution', nl: 'Kwaliteit van uitvoering', en: 'Quality of execution' },
  { code: 'colleagues', nl: 'Omgang met collega’s', en: 'Colleagues' },
  { code: 'ambition', nl: 'Ambitie', en: 'Ambition' },
  { code: 'social_skills', nl: 'Sociale vaardigheden', en: 'Social skills' },
  { code: 'concentration', nl: 'Concentratie', en: 'Concentration' },
  { code: 'learning_ability', nl: 'Leervermogen', en: 'Learning ability' },
  { code: 'insight_own_abilities', nl: 'Inzicht in eigen kunnen', en: 'Insight in own abilities' },
  { code: 'independence', nl: 'Zelfstandigheid', en: 'Independence' },
  { code: 'perseverance', nl: 'Doorzettingsvermogen', en: 'Perseverance' },
  { code: 'self_care', nl: 'Zelfverzorging', en: 'Self-care' },
  { code: 'dealing_with_manager', nl: 'Omgang met leidinggevende', en: 'Dealing with the manager' },
];

/** Adaptations a vacancy can offer and a participant can need, phrased as accommodations. */
export const ADAPTATIONS: readonly TaxonomyItem[] = [
  { code: 'quiet_workspace', nl: 'Rustige werkplek', en: 'Quiet workspace' },
  { code: 'fixed_schedule', nl: 'Vast rooster', en: 'Fixed schedule' },
  { code: 'extra_breaks', nl: 'Extra pauzes', en: 'Extra breaks' },
  { code: 'no_evening_work', nl: 'Geen avondwerk', en: 'No evening work' },
  { code: 'written_instructions', nl: 'Schriftelijke instructies', en: 'Written instructions' },
  { code: 'fixed_contact_person', nl: 'Vaste aanspreekpersoon', en: 'Fixed contact person' },
  { code: 'adjusted_workstation', nl: 'Aangepaste werkplek', en: 'Adjusted workstation' },
  { code: 'reduced_pace', nl: 'Lager werktempo', en: 'Reduced pace' },
  { code: 'step_by_step_tasks', nl: 'Taken stap voor stap', en: 'Step-by-step tasks' },
  { code: 'flexible_start', nl: 'Flexibele begintijd', en: 'Flexible start time' },
];

export const LIFE_DOMAINS = [
  'work',
  'home_family',
  'finances',
  'health',
  'day_structure',
  'social_network',
  'addiction',
  'housing',
  'transport',
] as const;
export const SHIFTS = ['day', 'evening', 'night', 'weekend'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const TRANSPORT_MODES = ['walk', 'bike', 'public_transport', 'car'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];
export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const EDUCATION_LEVELS = ['none', 'primary', 'vmbo', 'mbo1', 'mbo2', 'mbo3', 'mbo4', 'havo', 'vwo', 'hbo', 'wo'] as const;

export const BARRIER_CODES = BARRIERS.map((item) => item.code);
export const GOAL_CODES = INTERMEDIATE_GOALS.map((item) => item.code);
export const INSTRUMENT_CODES = INSTRUMENTS.map((item) => item.code);
export const WORK_BEHAVIOUR_CODES = WORK_BEHAVIOUR_DIMENSIONS.map((item) => item.code);
export const ADAPTATION_CODES = ADAPTATIONS.map((item) => item.code);

export function label(items: readonly TaxonomyItem[], code: string, locale: 'nl' | 'en'): string {
  return items.find((item) => item.code === code)?.[locale] ?? code;
}
