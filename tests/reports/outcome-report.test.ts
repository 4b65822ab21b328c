import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { type ReportWorld, seedReportWorld, TODAY } from './report-world.js';

const PERIOD = { from: '2025-01-01', to: '2026-12-01' };

type Figure = { value: number | null; display: string };
type Body = Record<string, unknown> & {
  funnel: Array<{ stage: string; count: Figure; base: Figure | null; conversion: Figure | null }>;
  steps: Array<{ from: string; to: string; people: Figure; leftOut: Figure; medianDays: Figure }>;
  dropoutReasons: Array<{ reason: string; count: Figure }>;
  retention: Array<{ month: number; share: Figure; atRisk: Figure; ended: Figure | null; censored: Figure | null }>;
};

const stage = (body: Body, name: string) => body.funnel.find((row) => row.stage === name)!;
const step = (body: Body, from: string, to: string) => body.steps.find((row) => row.from === from && row.to === to)!;

describe('outcome reports: funnel, median days, retention (hand-counted on the seeded world)', () => {
  let testApp: TestApp;
  let world: ReportWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set(TODAY);
    world = await seedReportWorld(testApp);
  });
  afterAll(() => testApp.close());

  const outcomes = (auth: Record<string, string>, query: Record<string, string> = {}) =>
    request(testApp.http)
      .get('/v1/reports/outcomes')
      .query({ ...PERIOD, ...query })
      .set(auth);

  it("counts one funder's trajectories stage by stage, with conversion between stages", async () => {
    const response = await outcomes(world.admin.auth, { funderId: world.noordFunderId });
    expect(response.status).toBe(200);
    const body = response.body as Body;
    // Registered P1-P9; profile P1-P7, P9; matched the same; introduced P1-P6, P9; trial P1-P6; contract P1-P5, P9.
    // A stage counts "this stage or further": P9 got a contract without a trial, so P9 counts at the trial too.
    expect(body.funnel.map((row) => [row.stage, row.count.value])).toEqual([
      ['registered', 9],
      ['profileComplete', 8],
      ['matched', 8],
      ['introduced', 7],
      ['trialPlacement', 7],
      ['contract', 6],
      // Contracts started at least 6 / 12 months before 2026-12-01: P1-P5. P2 stopped after 4 months, P4 after 7.
      ['working6Months', 4],
      ['working12Months', 3],
      ['working36Months', 0],
    ]);
    expect(stage(body, 'profileComplete').conversion).toEqual({ value: 0.889, display: '89%' }); // 8 of 9
    expect(stage(body, 'matched').conversion).toEqual({ value: 1, display: '100%' }); // 8 of 8
    expect(stage(body, 'introduced').conversion).toEqual({ value: 0.875, display: '88%' }); // 7 of 8
    // All 7 introduced got a trial or went past it (P9 straight to a contract).
    expect(stage(body, 'trialPlacement')).toMatchObject({ base: { value: 7 }, conversion: { value: 1, display: '100%' } });
    // Of the 7 at the trial stage or further, 6 got a contract (P6's trial ended without a match).
    expect(stage(body, 'contract')).toMatchObject({ base: { value: 7 }, conversion: { value: 0.857, display: '86%' } });
    expect(stage(body, 'working6Months')).toMatchObject({ base: { value: 5 }, conversion: { value: 0.8, display: '80%' } });
    expect(stage(body, 'working12Months')).toMatchObject({ base: { value: 5 }, conversion: { value: 0.6, display: '60%' } });
    // Nobody followed 3 years: no rate, an empty cell (not "-", which a spreadsheet export guarded as a formula).
    expect(stage(body, 'working36Months')).toMatchObject({ base: { value: 0 }, conversion: { value: null, display: '' } });
  });

  it('gives the median days between stages (the middle two averaged for an even count)', async () => {
    const body = (await outcomes(world.admin.auth, { funderId: world.noordFunderId })).body as Body;
    expect(step(body, 'registered', 'profileComplete')).toMatchObject({ people: { value: 8 }, medianDays: { value: 10 } });
    // 9 9 10 10 | 10 11 12 12
    expect(step(body, 'profileComplete', 'matched')).toMatchObject({ people: { value: 8 }, medianDays: { value: 10 } });
    // 9 10 10 11 11 12 14
    expect(step(body, 'matched', 'introduced')).toMatchObject({ people: { value: 7 }, medianDays: { value: 11 } });
    // 18 21 26 | 29 30 30: (26 + 29) / 2
    expect(step(body, 'introduced', 'trialPlacement')).toMatchObject({ people: { value: 6 }, medianDays: { value: 27.5 } });
    expect(step(body, 'trialPlacement', 'contract')).toMatchObject({ people: { value: 5 }, medianDays: { value: 61 } });
    // 111 115 120 | 120 122 488
    expect(step(body, 'registered', 'contract')).toMatchObject({ people: { value: 6 }, medianDays: { value: 120 } });
    // Every later stage in the seeded world is on or after the earlier one: nobody left out.
    expect(body.steps.map((row) => row.leftOut.value)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('leaves a step out of the median days when its later stage is dated before the earlier one, and says how many', async () => {
    // P9 registered again on 2026-10-01 (say the record was made anew), after the profile (2025-05-11) and the contract (2026-09-01).
    await testApp.dataSource.query("UPDATE participant SET created_at = '2026-10-01T09:00:00Z' WHERE id = $1", [world.participantIds.P9]);
    const body = (await outcomes(world.admin.auth, { funderId: world.noordFunderId })).body as Body;
    // Registered to contract: 111 115 120 | 120 122 without P9's -30 days: 120 (with it the median would be 117.5).
    expect(step(body, 'registered', 'contract')).toMatchObject({ people: { value: 5 }, leftOut: { value: 1 }, medianDays: { value: 120 } });
    expect(step(body, 'registered', 'profileComplete')).toMatchObject({
      people: { value: 7 },
      leftOut: { value: 1 },
      medianDays: { value: 10 },
    });
    expect(body.steps.every((row) => row.medianDays.value === null || row.medianDays.value >= 0)).toBe(true);
  });

  it('draws the retention curve Kaplan-Meier style: running work is censored at today, never a success beyond it', async () => {
    const body = (await outcomes(world.admin.auth, { funderId: world.noordFunderId })).body as Body;
    // Spells in whole months: P1 19 (running), P2 4 (ended), P3 18 (running), P4 7 (ended), P5 17 (running), P9 3 (running).
    const points = body.retention.map((point) => [
      point.month,
      point.share.value,
      point.atRisk.value,
      point.ended?.value,
      point.censored?.value,
    ]);
    expect(points.slice(0, 9)).toEqual([
      [0, 1, 6, 0, 0],
      [1, 1, 6, 0, 0],
      [2, 1, 6, 0, 0],
      [3, 1, 6, 0, 1], // P9 followed 3 months, no further
      [4, 1, 5, 1, 0], // P2 ends: 1 of 5
      [5, 0.8, 4, 0, 0],
      [6, 0.8, 4, 0, 0],
      [7, 0.8, 4, 1, 0], // P4 ends: 1 of 4
      [8, 0.6, 3, 0, 0],
    ]);
    expect(points.slice(17)).toEqual([
      [17, 0.6, 3, 0, 1],
      [18, 0.6, 2, 0, 1],
      [19, 0.6, 1, 0, 1],
    ]);
    // Counting running work as a success would say 4 of 6 at 12 months; the curve says 60%.
    expect(body.retention.find((point) => point.month === 12)!.share).toEqual({ value: 0.6, display: '60%' });
  });

  it('counts drop-out reasons per person', async () => {
    const body = (await outcomes(world.admin.auth, { funderId: world.noordFunderId })).body as Body;
    expect(body.dropoutReasons.map((row) => [row.reason, row.count.value])).toEqual([
      ['employer_ended', 1],
      ['health', 1],
    ]);
  });

  it('filters by target group and by the employer sector, and scopes a team lead to the team', async () => {
    const byGroup = (await outcomes(world.admin.auth, { targetGroup: 'participatiewet' })).body as Body;
    // P7 (profile, matched) and P8 (registered only).
    expect(byGroup.funnel.slice(0, 4).map((row) => row.count.value)).toEqual([2, 1, 1, 0]);
    const bySector = (await outcomes(world.admin.auth, { sector: 'public' })).body as Body;
    // Placed at the public employer: P5 and P9 (P9 without a trial counts at the trial stage too).
    expect(bySector.funnel.map((row) => row.count.value)).toEqual([2, 2, 2, 2, 2, 2, 1, 1, 0]);
    const whole = (await outcomes(world.admin.auth)).body as Body;
    expect(stage(whole, 'registered').count.value).toBe(12);
    expect(stage(whole, 'contract').count.value).toBe(7);
    // The team lead of Team Noord sees the nine people of coach Noord, not Team Zuid's three.
    const team = (await outcomes(world.teamLead.auth)).body as Body;
    expect(stage(team, 'registered').count.value).toBe(9);
    const coachFilter = await outcomes(world.teamLead.auth, { coachMembershipId: world.otherCoach.membershipId });
    expect(coachFilter.status).toBe(404);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const response = await outcomes(world.admin.auth, { from: '2026-01-01', to: '2025-01-01' });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: 'to' })]);
    const bad = await outcomes(world.admin.auth, { targetGroup: 'everyone' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('targetGroup');
  });

  it('counts aftercare delivery per coach and month: check-ins, first contact on help requests, escalations, risk flags', async () => {
    const response = await request(testApp.http).get('/v1/reports/aftercare-delivery').query(PERIOD).set(world.admin.auth);
    expect(response.status).toBe(200);
    const rows = (response.body.checkins as Array<Record<string, Figure | string | null>>).map((row) => [
      row.month,
      row.coachMembershipId,
      (row.planned as Figure).value,
      (row.held as Figure).value,
      (row.missed as Figure).value,
      (row.overdue as Figure).value,
    ]);
    // June: 3 planned (2 held, 1 missed) for coach Noord, 1 held for coach Zuid; July: 2 (the cancelled one left out), 1 held, 1 still planned past its day.
    expect(rows).toEqual(
      expect.arrayContaining([
        ['2025-06', world.coach.membershipId, 3, 2, 1, 0],
        ['2025-06', world.otherCoach.membershipId, 1, 1, 0, 0],
        ['2025-07', world.coach.membershipId, 2, 1, 0, 1],
      ]),
    );
    expect(rows).toHaveLength(3);
    // Three requests in June 2025: 4 hours (in time), 30 hours (late, escalated), none yet past the deadline; median of 4 and 30.
    expect(response.body.helpRequests).toEqual([
      {
        month: '2025-06',
        requests: { value: 3, display: '3' },
        inTime: { value: 1, display: '1' },
        late: { value: 1, display: '1' },
        openPastDeadline: { value: 1, display: '1' },
        escalated: { value: 1, display: '1' },
        medianHoursToContact: { value: 17, display: '17' },
      },
    ]);
    expect(response.body.riskFlags).toEqual({
      raised: { value: 2, display: '2' },
      byReason: [
        { reason: 'lateness', count: { value: 2, display: '2' } },
        { reason: 'relapse', count: { value: 1, display: '1' } },
      ],
      // No early-warning risk in the seeded world.
      byRule: [],
    });
    // The team lead's figures leave out coach Zuid.
    const team = await request(testApp.http).get('/v1/reports/aftercare-delivery').query(PERIOD).set(world.teamLead.auth);
    expect(team.body.checkins.map((row: { coachMembershipId: string }) => row.coachMembershipId)).toEqual([
      world.coach.membershipId,
      world.coach.membershipId,
    ]);
  });

  it('counts the early-warning risks raised in the period per rule, and each placement with a risk once (flag, warning or both)', async () => {
    const risk = (key: string, rule: string, occurrence: string, raisedAt: string) =>
      testApp.dataSource.query(
        `INSERT INTO placement_risk (organisation_id, placement_id, participant_id, rule, occurrence, details, reason, next_action, raised_at)
         VALUES ($1, $2, $3, $4, $5, '{}', 'Reden', 'Volgende stap', $6)`,
        [world.organisationId, world.placementIds[key], world.participantIds[key], rule, occurrence, raisedAt],
      );
    // P1 already has a risk flag (August 2025): its warning adds no placement to the total.
    await risk('P1', 'low_hours', 'contract.2025-05-01', '2025-08-15T09:00:00Z');
    await risk('P2', 'missed_checkins', 'run.a', '2025-08-20T09:00:00Z');
    // P5 (public employer): two runs of missed check-ins (one placement for the rule) and less contact than planned.
    await risk('P5', 'missed_checkins', 'run.b', '2025-10-01T09:00:00Z');
    await risk('P5', 'missed_checkins', 'run.c', '2025-11-01T09:00:00Z');
    await risk('P5', 'contact_below_plan', 'since.start', '2025-10-05T09:00:00Z');
    // P3 (flagged too): 00:30 on 1 January 2025 in Amsterdam, so in the period.
    await risk('P3', 'low_satisfaction', 'answer.participant.2024-12-31', '2024-12-31T23:30:00Z');
    // P4: 23:30 on 31 December 2024 in Amsterdam, before the period: not counted.
    await risk('P4', 'low_hours', 'contract.2025-06-10', '2024-12-31T22:30:00Z');
    // Q1 (UWV, coach Zuid).
    await risk('Q1', 'renewal_talk_due', 'end.2026-04-01', '2025-09-01T09:00:00Z');
    const aftercare = (auth: Record<string, string>, query: Record<string, string> = {}) =>
      request(testApp.http)
        .get('/v1/reports/aftercare-delivery')
        .query({ ...PERIOD, ...query })
        .set(auth);
    const counts = (rows: Array<{ reason: string; count: Figure }>) => rows.map((row) => [row.reason, row.count.value]);

    const whole = (await aftercare(world.admin.auth)).body;
    // Flags: P1, P3. Warnings in the period: P1, P2, P3, P5, Q1. Together, each once: P1, P2, P3, P5, Q1.
    expect(whole.riskFlags.raised).toEqual({ value: 5, display: '5' });
    expect(counts(whole.riskFlags.byRule)).toEqual([
      ['missed_checkins', 2], // P2, P5 (P5's two runs count once)
      ['contact_below_plan', 1], // P5
      ['low_hours', 1], // P1 (P4's was before the period)
      ['low_satisfaction', 1], // P3
      ['renewal_talk_due', 1], // Q1
    ]);
    // The check-in signals are as before.
    expect(counts(whole.riskFlags.byReason)).toEqual([
      ['lateness', 2],
      ['relapse', 1],
    ]);

    // The team lead of Team Noord: without Q1.
    const team = (await aftercare(world.teamLead.auth)).body;
    expect(team.riskFlags.raised.value).toBe(4);
    expect(counts(team.riskFlags.byRule)).toEqual([
      ['missed_checkins', 2],
      ['contact_below_plan', 1],
      ['low_hours', 1],
      ['low_satisfaction', 1],
    ]);
    // One coach: coach Zuid has Q1 only.
    const zuid = (await aftercare(world.admin.auth, { coachMembershipId: world.otherCoach.membershipId })).body;
    expect(zuid.riskFlags.raised.value).toBe(1);
    expect(counts(zuid.riskFlags.byRule)).toEqual([['renewal_talk_due', 1]]);
    // The public employer: P5 only (P9 has no risk).
    const publicSector = (await aftercare(world.admin.auth, { sector: 'public' })).body;
    expect(publicSector.riskFlags.raised.value).toBe(1);
    expect(counts(publicSector.riskFlags.byRule)).toEqual([
      ['contact_below_plan', 1],
      ['missed_checkins', 1],
    ]);
    // A period after all of them: nothing.
    const later = (await aftercare(world.admin.auth, { from: '2026-01-01', to: '2026-12-01' })).body;
    expect(later.riskFlags).toEqual({ raised: { value: 0, display: '0' }, byReason: [], byRule: [] });

    // A funder: every rule in one order, each "< 5" (Noord: P1, P2, P3, P5), nothing of UWV's.
    const noord = (await aftercare(world.noordUser.auth)).body;
    expect(noord.riskFlags.raised).toEqual({ value: null, display: '< 5' });
    expect(noord.riskFlags.byRule).toEqual(
      ['low_hours', 'missed_checkins', 'contact_below_plan', 'renewal_talk_due', 'low_satisfaction'].map((reason) => ({
        reason,
        count: { value: null, display: '< 5' },
      })),
    );

    // The page says it in words, the total included.
    const page = await request(testApp.http).get('/portal/reports').query(PERIOD).set(world.admin.auth);
    const risks = page.text.slice(page.text.indexOf('id="risks-title"'));
    const row = (label: string) =>
      [...(risks.split('<tr').find((part) => part.includes(`scope="row">${label}</th>`)) ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map(
        (match) => match[1],
      );
    expect(row('Plaatsingen met een risico')).toEqual(['5']);
    expect(row('Nazorggesprekken op rij gemist')).toEqual(['2']);
    expect(row('Minder contact dan afgesproken')).toEqual(['1']);
    expect(page.text).not.toContain('>missed_checkins<');
  });

  it('writes the funnel sentence on the page in the singular or plural of each number', async () => {
    const sentence = async (query: Record<string, string>) => {
      const page = await request(testApp.http).get('/portal/reports').query(query).set(world.admin.auth);
      expect(page.status).toBe(200);
      return /<figcaption class="utrecht-paragraph">(Er [^.]*\. Daarvan [^.]*\.)/.exec(page.text)?.[1];
    };
    const zuid = world.otherCoach.membershipId;
    // Coach Zuid's Q1 (registered 1 February 2025, a contract) and Q2 (2 February, none).
    await expect(sentence({ coachMembershipId: zuid, from: '2025-02-01', to: '2025-02-01' })).resolves.toBe(
      'Er is 1 persoon aangemeld. Daarvan kreeg 1 persoon een contract.',
    );
    await expect(sentence({ coachMembershipId: zuid, from: '2025-02-02', to: '2025-02-02' })).resolves.toBe(
      'Er is 1 persoon aangemeld. Daarvan kregen 0 mensen een contract.',
    );
    await expect(sentence({ coachMembershipId: zuid, ...PERIOD })).resolves.toBe(
      'Er zijn 3 mensen aangemeld. Daarvan kreeg 1 persoon een contract.',
    );
  });
});
