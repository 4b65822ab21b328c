import { describe, expect, it } from '@jest/globals';
import { outcomeFigures, type ParticipantStages, type PlacementInput } from '../../src/reports/outcome-figures.js';

/** Pure calculations, counted by hand: no database. Today is 2026-12-07 (the demo's day). */
const TODAY = '2026-12-07';

function placement(trialStart: string | null, contractStart: string | null): PlacementInput {
  return {
    participantId: 'x',
    status: contractStart ? 'aftercare' : 'trial',
    trialStart,
    contractStart,
    contractEnd: null,
    closedOn: null,
    outflowTo: null,
    dropoutReason: null,
  };
}

function person(stages: Partial<Omit<ParticipantStages, 'placements'>> & { registeredOn: string }, placements: PlacementInput[] = []) {
  return { profileCompleteOn: null, matchedOn: null, introducedOn: null, ...stages, placements } satisfies ParticipantStages;
}

const funnelOf = (people: ParticipantStages[]) =>
  Object.fromEntries(outcomeFigures(people, TODAY).funnel.map((row) => [row.stage, [row.count, row.base, row.converted]]));
const stepOf = (people: ParticipantStages[], from: string, to: string) =>
  outcomeFigures(people, TODAY).steps.find((step) => step.from === from && step.to === to)!;

describe('outcome figures: the funnel counts "this stage or further"', () => {
  // The demo: Jeroen was introduced to the bakery (no trial yet); Fatima had a trial and a contract there,
  // placed without a match, so no introduction was recorded. The trial row read 1 person, 1 of the previous
  // step, 0%: the 1 in the trial row was Fatima, the 1 it divided by was Jeroen, and 0 of him went on.
  const jeroen = person({
    registeredOn: '2026-12-07',
    profileCompleteOn: '2026-12-07',
    matchedOn: '2026-12-07',
    introducedOn: '2026-12-07',
  });
  const fatima = person({ registeredOn: '2026-12-07', profileCompleteOn: '2026-12-07' }, [placement('2025-12-01', '2026-02-02')]);

  it('counts someone with a trial but no recorded introduction at the introduction too: 1 of 2 went on to a trial, not 0 of 1', () => {
    const funnel = funnelOf([jeroen, fatima]);
    expect(funnel.registered).toEqual([2, null, null]);
    expect(funnel.profileComplete).toEqual([2, 2, 2]);
    // Fatima got further than a match, so she counts at "matched" and "introduced" as well.
    expect(funnel.matched).toEqual([2, 2, 2]);
    expect(funnel.introduced).toEqual([2, 2, 2]);
    expect(funnel.trialPlacement).toEqual([1, 2, 1]);
    expect(funnel.contract).toEqual([1, 1, 1]);
  });

  it('counts a contract without a trial at the trial stage, so no count is above the one before it', () => {
    const withTrial = person(
      { registeredOn: '2026-01-05', profileCompleteOn: '2026-01-10', matchedOn: '2026-01-12', introducedOn: '2026-01-20' },
      [placement('2026-02-01', '2026-04-01')],
    );
    const straightToContract = person(
      { registeredOn: '2026-01-06', profileCompleteOn: '2026-01-11', matchedOn: '2026-01-13', introducedOn: '2026-01-21' },
      [placement(null, '2026-03-01')],
    );
    const trialOnly = person(
      { registeredOn: '2026-01-07', profileCompleteOn: '2026-01-12', matchedOn: '2026-01-14', introducedOn: '2026-01-22' },
      [placement('2026-02-10', null)],
    );
    const funnel = funnelOf([withTrial, straightToContract, trialOnly]);
    // Trial or further: all three; contract: two of those three.
    expect(funnel.trialPlacement).toEqual([3, 3, 3]);
    expect(funnel.contract).toEqual([2, 3, 2]);
    const counts = outcomeFigures([withTrial, straightToContract, trialOnly], TODAY).funnel.slice(0, 6);
    for (const [index, row] of counts.entries()) if (index > 0) expect(row.count).toBeLessThanOrEqual(counts[index - 1]!.count);
  });
});

describe('outcome figures: median days between stages are never negative', () => {
  it('leaves out a pair whose later stage is dated before the earlier one, and counts it apart', () => {
    // Registered to contract: 10 days, 30 days, and the demo's Fatima: registered 2026-12-07, contract 2026-02-02 (-308).
    const people = [
      person({ registeredOn: '2026-01-01' }, [placement(null, '2026-01-11')]),
      person({ registeredOn: '2026-01-01' }, [placement(null, '2026-01-31')]),
      person({ registeredOn: '2026-12-07' }, [placement('2025-12-01', '2026-02-02')]),
    ];
    // Median of 10 and 30 is 20 (with the -308 it would be 10).
    expect(stepOf(people, 'registered', 'contract')).toEqual({ from: 'registered', to: 'contract', pairs: 2, leftOut: 1, medianDays: 20 });
    // Fatima's trial to contract: 2025-12-01 to 2026-02-02 is 31 + 31 + 1 = 63 days, the only pair.
    expect(stepOf(people, 'trialPlacement', 'contract')).toEqual({
      from: 'trialPlacement',
      to: 'contract',
      pairs: 1,
      leftOut: 0,
      medianDays: 63,
    });
  });

  it('counts a stage on the same day as the one before it as 0 days, not as left out', () => {
    const people = [
      person({ registeredOn: '2026-03-01', profileCompleteOn: '2026-03-01' }),
      person({ registeredOn: '2026-03-01', profileCompleteOn: '2026-02-27' }),
    ];
    expect(stepOf(people, 'registered', 'profileComplete')).toMatchObject({ pairs: 1, leftOut: 1, medianDays: 0 });
  });

  it('gives no median when every pair is left out', () => {
    const people = [person({ registeredOn: '2026-12-07' }, [placement('2025-12-01', '2026-02-02')])];
    expect(stepOf(people, 'registered', 'contract')).toMatchObject({ pairs: 0, leftOut: 1, medianDays: null });
  });
});
