import { describe, expect, it } from '@jest/globals';
import {
  contactBelowPlan,
  evaluateEarlyWarning,
  lowHours,
  missedCheckins,
  type PlacementFacts,
  lowSatisfaction,
  renewalTalkDue,
} from '../../src/rules/calculations/early-warning.js';

const THRESHOLDS = { maxHoursPerWeek: 20, missedCheckinsInARow: 2, renewalTalkWeeks: 8, contactGraceDays: 7 };
const facts = (extra: Partial<PlacementFacts> = {}): PlacementFacts => ({
  status: 'aftercare',
  contractStart: '2026-02-02',
  contractEnd: null,
  hoursPerWeek: 24,
  monitoringFrequency: 'monthly',
  optedOutOfContact: false,
  settledCheckins: [],
  plannedContactDates: [],
  lastContactOn: null,
  renewalTalksFor: [],
  latestSatisfaction: null,
  ...extra,
});

describe('early-warning rules', () => {
  it('few hours: at or below the threshold from the contract start; not before it, not above it', () => {
    expect(lowHours(facts({ hoursPerWeek: 20 }), THRESHOLDS, '2026-02-02')?.occurrence).toBe('contract.2026-02-02');
    expect(lowHours(facts({ hoursPerWeek: 20 }), THRESHOLDS, '2026-02-01')).toBeUndefined();
    expect(lowHours(facts({ hoursPerWeek: 20.5 }), THRESHOLDS, '2026-03-01')).toBeUndefined();
    expect(lowHours(facts({ hoursPerWeek: 12.5 }), THRESHOLDS, '2026-03-01')?.reason).toContain('Werkt 12,5 uur per week');
    expect(lowHours(facts({ hoursPerWeek: 12, status: 'trial' }), THRESHOLDS, '2026-03-01')).toBeUndefined();
  });

  it('missed check-ins: the trailing run counts, named by its first miss; a held check-in ends the run', () => {
    const run = [
      { id: 'a', dueOn: '2026-03-01', status: 'missed' as const },
      { id: 'b', dueOn: '2026-04-01', status: 'done' as const },
      { id: 'c', dueOn: '2026-05-01', status: 'missed' as const },
    ];
    expect(missedCheckins(facts({ settledCheckins: run }), THRESHOLDS, '2026-05-02')).toBeUndefined();
    const two = [...run, { id: 'd', dueOn: '2026-06-01', status: 'missed' as const }];
    expect(missedCheckins(facts({ settledCheckins: two }), THRESHOLDS, '2026-06-02')).toMatchObject({
      occurrence: 'run.c',
      nextAction: 'Bel deelnemer: twee gemiste check-ins',
    });
    const three = [...two, { id: 'e', dueOn: '2026-07-01', status: 'missed' as const }];
    expect(missedCheckins(facts({ settledCheckins: three }), THRESHOLDS, '2026-07-02')).toMatchObject({
      occurrence: 'run.c',
      reason: 'Drie nazorggesprekken op rij gemist, de laatste op 1 juli 2026.',
    });
    expect(missedCheckins(facts({ settledCheckins: two }), { ...THRESHOLDS, missedCheckinsInARow: 3 }, '2026-06-02')).toBeUndefined();
  });

  it('contact below the plan: the first planned moment after the last contact, plus the grace days', () => {
    const plan = facts({ plannedContactDates: ['2026-04-10', '2026-05-10'], lastContactOn: '2026-04-12' });
    expect(contactBelowPlan(plan, THRESHOLDS, '2026-05-16')).toBeUndefined();
    expect(contactBelowPlan(plan, THRESHOLDS, '2026-05-17')?.occurrence).toBe('since.2026-04-12');
    expect(contactBelowPlan({ ...plan, optedOutOfContact: true }, THRESHOLDS, '2026-06-01')).toBeUndefined();
    expect(contactBelowPlan({ ...plan, monitoringFrequency: 'on_request' }, THRESHOLDS, '2026-06-01')).toBeUndefined();
    expect(contactBelowPlan({ ...plan, lastContactOn: '2026-05-10' }, THRESHOLDS, '2026-06-01')).toBeUndefined();
  });

  it('renewal talk: from the given number of weeks before the contract end, until a talk for that end date', () => {
    const ending = facts({ contractEnd: '2026-12-31' });
    expect(renewalTalkDue(ending, THRESHOLDS, '2026-11-04')).toBeUndefined();
    expect(renewalTalkDue(ending, THRESHOLDS, '2026-11-05')?.nextAction).toBe('Plan een verlengingsgesprek vóór 31 december 2026');
    expect(renewalTalkDue({ ...ending, renewalTalksFor: ['2026-12-31'] }, THRESHOLDS, '2026-11-05')).toBeUndefined();
    expect(renewalTalkDue({ ...ending, renewalTalksFor: ['2025-12-31'] }, THRESHOLDS, '2026-11-05')).toBeDefined();
  });

  it('low satisfaction: the newest answer at or below the low score, named by that answer; a better newer answer ends it', () => {
    const low = { score: 4, respondent: 'employer_contact' as const, answeredOn: '2026-05-04', low: true };
    expect(lowSatisfaction(facts({ latestSatisfaction: low }), THRESHOLDS, '2026-05-04')).toMatchObject({
      occurrence: 'answer.employer_contact.2026-05-04',
      reason: 'De werkgever gaf de begeleiding een 4 (op 4 mei 2026).',
      nextAction: 'Bel de werkgever over wat er beter kan in de begeleiding',
    });
    expect(
      lowSatisfaction(facts({ latestSatisfaction: { ...low, respondent: 'participant' } }), THRESHOLDS, '2026-05-04')?.nextAction,
    ).toBe('Bespreek met de deelnemer wat er beter kan in de begeleiding');
    expect(lowSatisfaction(facts({ latestSatisfaction: { ...low, score: 7, low: false } }), THRESHOLDS, '2026-06-01')).toBeUndefined();
    expect(lowSatisfaction(facts({ latestSatisfaction: low, status: 'closed' }), THRESHOLDS, '2026-06-01')).toBeUndefined();
    expect(lowSatisfaction(facts(), THRESHOLDS, '2026-06-01')).toBeUndefined();
  });

  it('names reasons with dates and counts only, and evaluates every rule', () => {
    const all = evaluateEarlyWarning(
      facts({
        hoursPerWeek: 16,
        contractEnd: '2026-06-30',
        settledCheckins: [
          { id: 'a', dueOn: '2026-03-02', status: 'missed' },
          { id: 'b', dueOn: '2026-04-02', status: 'missed' },
        ],
        plannedContactDates: ['2026-03-02', '2026-04-02'],
      }),
      THRESHOLDS,
      '2026-05-06',
    );
    expect(all.map((finding) => finding.rule)).toEqual(['low_hours', 'missed_checkins', 'contact_below_plan', 'renewal_talk_due']);
    for (const finding of all) expect(Object.values(finding.details).every((value) => /^[\d.-]*$/.test(String(value)))).toBe(true);
  });
});
