import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CRITERIA, displayScore, FILTERS } from '../../src/matching/criteria.js';
import { dayList, explainCriterion, explainFilter, type MatchRow } from '../../src/matching/explanations.js';
import { createOrganisation } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { createCandidate, createVacancy, staffAndEmployer } from './world.js';

/** A row as the matching query returns it: passing everything, every criterion at 1. */
function row(overrides: Partial<MatchRow> = {}): MatchRow {
  return {
    participant_id: 'p',
    vacancy_id: 'v',
    total: 74.2,
    distance_km: 8.44,
    reach_km: 15,
    p_hours_min: 20,
    p_hours_max: 25.5,
    p_shifts: ['day'],
    p_days: [],
    p_certificates: [],
    p_language_level: null,
    p_driving_licence: false,
    p_capacity_hours: 24,
    p_capacity_assessed_on: '2026-01-15',
    p_occupation_wishes: ['9311'],
    p_skills: [],
    p_copes_stimulus: 3,
    p_copes_pressure: 2,
    p_copes_pace: null,
    p_needs_supervision: false,
    p_needs_adaptations: [],
    p_wants_growth: false,
    p_excluded_sectors: [],
    p_excluded_tasks: [],
    v_hours_min: 24,
    v_hours_max: 24,
    v_shifts: ['day'],
    v_days: [],
    v_required_certificates: [],
    v_language_level: null,
    v_driving_licence_required: false,
    v_isco_code: '9321',
    v_skills: [],
    v_stimulus_level: 3,
    v_production_pressure: 4,
    v_work_pace: 2,
    v_supervision_on_floor: false,
    v_adaptations_possible: [],
    v_quiet_workspace_possible: false,
    v_growth_possible: false,
    v_sector: null,
    v_core_tasks: [],
    e_experience: 'some',
    has_consent: true,
    ...Object.fromEntries(CRITERIA.map((c) => [`s_${c}`, 1])),
    ...Object.fromEntries(FILTERS.map((f) => [`f_${f}`, true])),
    ...overrides,
  } as MatchRow;
}

const POSITIVE = /dezelfde|precies|dicht bij|lijkt een beetje/;

describe('match explanations', () => {
  it('names the days when the days filter fails, as people say them', () => {
    const text = explainFilter('shifts', row({ p_days: ['mon', 'tue', 'wed', 'thu'], v_days: ['mon', 'tue', 'wed', 'thu', 'fri'] }));
    expect(text.nl).toBe('Kan maandag t/m donderdag; de vacature vraagt maandag t/m vrijdag');
    expect(text.en).toBe('Can work Monday to Thursday; the vacancy asks Monday to Friday');
    expect(text.nl).not.toMatch(/Kan werken: dag/);
  });

  it('names the missing shift, and both causes when both fail', () => {
    const both = explainFilter(
      'shifts',
      row({ p_shifts: ['day'], v_shifts: ['day', 'evening'], p_days: ['mon', 'wed', 'fri'], v_days: ['mon', 'tue'] }),
    );
    expect(both.nl).toBe(
      "Kan overdag werken; de vacature vraagt ook 's avonds; kan maandag, woensdag en vrijdag; de vacature vraagt maandag en dinsdag",
    );
  });

  it('writes week days in runs and single days', () => {
    expect(dayList(['fri', 'mon', 'tue', 'wed'], 'nl')).toBe('maandag t/m woensdag en vrijdag');
    expect(dayList(['sat', 'sun'], 'nl')).toBe('zaterdag en zondag');
  });

  it('never pairs a zero score with a positive sentence', () => {
    // The participant's wish 9311 shares the sub-major group with 9321, but the query scored 0 (the sentence follows the score).
    const zero = explainCriterion('occupation', row({ s_occupation: 0 }));
    expect(zero.nl).toBe('Geen beroepswens die op dit beroep lijkt');
    expect(zero.nl).not.toMatch(POSITIVE);
    expect(explainCriterion('occupation', row({ s_occupation: 0.3 })).nl).toMatch(/dezelfde beroepsgroep/);
    expect(explainCriterion('occupation', row({ s_occupation: 0.6 })).nl).toMatch(/dezelfde beroepsklasse/);
    expect(explainCriterion('occupation', row({ s_occupation: 1 })).nl).toBe('Een beroepswens is precies dit beroep');
  });

  it('uses Dutch numbers and dates, never a decimal point or an ISO date', () => {
    const hours = explainFilter('hours', row());
    expect(hours.nl).toBe('Wil 20 tot 25,5 uur per week werken; de vacature biedt 24 uur');
    expect(explainFilter('distance', row()).nl).toBe('Afstand 8,4 km; reisbereik 15 km');
    const capacity = explainFilter('capacity', row());
    expect(capacity.nl).toBe('Kan 24 uur per week aan (vastgesteld op 15 januari 2026); de vacature vraagt minstens 24 uur');
    expect(capacity.en).toContain('15 January 2026');
    for (const filter of FILTERS) expect(explainFilter(filter, row()).nl).not.toMatch(/\d\.\d|\d{4}-\d{2}-\d{2}/);
  });

  it('says what the workplace asks against what the participant can manage', () => {
    expect(explainCriterion('workplace', row()).nl).toBe(
      'prikkels: vraagt 3 van 5, kan 3 aan; werkdruk: vraagt 4 van 5, kan maar 2 aan; tempo: vraagt 2 van 5, aankunnen onbekend',
    );
  });

  it('rounds a score for display once, the same way everywhere', () => {
    expect([displayScore(74.2), displayScore(74.5), displayScore(0), displayScore(null)]).toEqual([74, 75, 0, null]);
  });
});

describe('includeExcluded: those who pass and the near misses', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api', imports: (await import('./world.js')).MODULES });
  });
  beforeEach(() => resetState(testApp));
  afterAll(() => testApp.close());

  it('lists the passing candidates first and then the near misses, each marked, with the same scores', async () => {
    const organisation = await createOrganisation(testApp.dataSource);
    const { coach, employerId } = await staffAndEmployer(testApp, organisation.id);
    const vacancyId = await createVacancy(testApp, coach, employerId, { days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    const first = await createCandidate(testApp, coach, { profile: { occupationWishes: ['9321'] } });
    const second = await createCandidate(testApp, coach);
    const fourDays = await createCandidate(testApp, coach, { profile: { daysAvailable: ['mon', 'tue', 'wed', 'thu'] } });
    const tooFar = await createCandidate(testApp, coach, { profile: { postcode: '1011 AB', daysAvailable: ['mon', 'tue', 'wed', 'thu'] } });
    const get = (query: string) => request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates${query}`).set(coach.auth);

    const plain = await get('');
    expect(plain.body.map((r: { participantId: string }) => r.participantId)).toEqual([first, second]);

    const all = await get('?includeExcluded=true');
    expect(all.status).toBe(200);
    const rows = all.body as Array<{
      participantId: string;
      failedFilters: string[];
      score: number;
      displayScore: number;
      filters: Array<{ filter: string; explanation: { nl: string } }>;
    }>;
    expect(rows.map((r) => [r.participantId, r.failedFilters])).toEqual([
      [first, []],
      [second, []],
      [fourDays, ['shifts']],
      [tooFar, ['shifts', 'distance']],
    ]);
    // The same score and the same display score as without near misses.
    expect(rows.slice(0, 2).map((r) => [r.score, r.displayScore])).toEqual(
      plain.body.map((r: { score: number; displayScore: number }) => [r.score, r.displayScore]),
    );
    expect(rows[2].filters.find((f) => f.filter === 'shifts')!.explanation.nl).toBe(
      'Kan maandag t/m donderdag; de vacature vraagt maandag t/m vrijdag',
    );
  });
});
