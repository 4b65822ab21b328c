/**
 * Outcome reports benchmark: npm run bench:reports
 * Seeds ONE organisation (the worst case: a report reads one organisation)
 * with 100,000 participants (funders, target groups, registrations over three
 * years), profiles, matches with introductions, 30,000 placements and 500,000
 * check-ins, 20,000 help requests and 10,000 early-warning risks, then times the reports through
 * ReportsService: the outcome report (funnel, medians, retention) and the
 * aftercare delivery report, for the whole organisation (admin), one funder
 * (funder user, suppression on) and one team (team lead). Prints p50/p95 and
 * writes JSON to bench/results/. Database: BENCH_REPORTS_DATABASE_URL, else
 * `werkbrug_bench_reports` on the local PostgreSQL (its own database, so
 * bench:seed's truncation of werkbrug_bench does not touch it). The seeded
 * organisation is deleted afterwards unless BENCH_KEEP=1.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { migrateResolvedDatabase } from '../src/bootstrap.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { ReportsModule } from '../src/reports/reports.module.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { outcomeFigures } from '../src/reports/outcome-figures.js';
import { ParticipantFiguresService } from '../src/participants/participant-figures.service.js';
import { ProfileFiguresService } from '../src/profiles/profile-figures.service.js';
import { MatchFiguresService } from '../src/matching/match-figures.service.js';
import { type PlacementFigureRow, PlacementFiguresService } from '../src/placements/placement-figures.service.js';
import { ensureBenchDatabase, percentile, printTable, writeResult } from './common.js';

const URL = process.env.BENCH_REPORTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/werkbrug_bench_reports';
const SCALE = {
  participants: Number(process.env.BENCH_PARTICIPANTS ?? 100_000),
  placements: Number(process.env.BENCH_PLACEMENTS ?? 30_000),
  checkins: Number(process.env.BENCH_CHECKINS ?? 500_000),
  helpRequests: 20_000,
  risks: 10_000,
  coaches: 200,
  teams: 10,
  employers: 1_000,
  vacancies: 2_000,
};
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

class BenchModule {}

/** Each step one statement batch, generated inside PostgreSQL; $1::uuid is the organisation. */
const STEPS: Array<[string, string]> = [
  [
    'staff, funders, employers, vacancies',
    `
    CREATE TEMP TABLE bench_team AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.teams}) g;
    CREATE TEMP TABLE bench_coach AS SELECT g AS n, gen_random_uuid() AS id, gen_random_uuid() AS user_id FROM generate_series(1, ${SCALE.coaches}) g;
    CREATE TEMP TABLE bench_funder AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(0, 2) g;
    CREATE TEMP TABLE bench_employer AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.employers}) g;
    CREATE TEMP TABLE bench_vacancy AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.vacancies}) g;
    INSERT INTO team (id, organisation_id, name) SELECT id, $1::uuid, 'Team ' || n FROM bench_team;
    INSERT INTO user_account (id, email, display_name) SELECT user_id, 'rapport-coach' || n || '-' || $1::uuid || '@bench.test', 'Coach ' || n FROM bench_coach;
    INSERT INTO membership (id, organisation_id, user_id, role, team_id, status)
      SELECT c.id, $1::uuid, c.user_id, 'jobcoach', t.id, 'active' FROM bench_coach c JOIN bench_team t ON t.n = (c.n - 1) / 20 + 1;
    INSERT INTO funder (id, organisation_id, name, kind)
      SELECT id, $1::uuid, (ARRAY['Gemeente Noord', 'Gemeente Zuid', 'UWV'])[n + 1], (ARRAY['municipality', 'municipality', 'uwv'])[n + 1] FROM bench_funder;
    INSERT INTO employer (id, organisation_id, name, sector_type)
      SELECT id, $1::uuid, 'Werkgever ' || n, CASE WHEN n % 5 = 0 THEN 'public' ELSE 'private' END FROM bench_employer;
    INSERT INTO vacancy (id, organisation_id, employer_id, title, isco_code, hours_min, hours_max, postcode)
      SELECT v.id, $1::uuid, e.id, 'Vacature ' || v.n, '9412', 8, 24, '3511' FROM bench_vacancy v JOIN bench_employer e ON e.n = (v.n - 1) % ${SCALE.employers} + 1;
    CREATE UNIQUE INDEX ON bench_coach (n); CREATE UNIQUE INDEX ON bench_employer (n); CREATE UNIQUE INDEX ON bench_vacancy (n);`,
  ],
  [
    'participants',
    `
    CREATE TEMP TABLE bench_participant AS
      SELECT g AS n, gen_random_uuid() AS id, timestamptz '2024-01-01 09:00+01' + ((g % 1095) || ' days')::interval AS registered
        FROM generate_series(1, ${SCALE.participants}) g;
    CREATE UNIQUE INDEX ON bench_participant (n);
    INSERT INTO participant (id, organisation_id, coach_membership_id, first_name, last_name, funder_id, target_group, created_at)
      SELECT p.id, $1::uuid, c.id, 'Deelnemer', 'Nummer ' || p.n, f.id,
             (ARRAY['participatiewet','banenafspraak','wajong','wsw_indicatie','wia_wga','other'])[1 + p.n % 6], p.registered
        FROM bench_participant p JOIN bench_coach c ON c.n = (p.n - 1) % ${SCALE.coaches} + 1 JOIN bench_funder f ON f.n = p.n % 3;`,
  ],
  [
    'profiles',
    `
    INSERT INTO participant_profile (participant_id, organisation_id, occupation_wishes, hours_min, hours_max, max_travel_km, created_at)
      SELECT p.id, $1::uuid, CASE WHEN p.n % 10 < 8 THEN ARRAY['9412'] ELSE ARRAY[]::text[] END, 8, 24, 15,
             p.registered + ((5 + p.n % 20) || ' days')::interval
        FROM bench_participant p;`,
  ],
  [
    'matches and introductions',
    `
    CREATE TEMP TABLE bench_match AS
      SELECT p.n, gen_random_uuid() AS id, p.id AS participant_id, v.id AS vacancy_id, e.id AS employer_id,
             p.registered + ((25 + p.n % 30) || ' days')::interval AS matched
        FROM bench_participant p JOIN bench_vacancy v ON v.n = (p.n - 1) % ${SCALE.vacancies} + 1
        JOIN bench_employer e ON e.n = (v.n - 1) % ${SCALE.employers} + 1
       WHERE p.n % 10 < 6;
    INSERT INTO match (id, organisation_id, vacancy_id, participant_id, employer_id, status, created_by_user_id, created_at)
      SELECT m.id, $1::uuid, m.vacancy_id, m.participant_id, m.employer_id, CASE WHEN m.n % 10 < 4 THEN 'introduced' ELSE 'proposed' END,
             (SELECT user_id FROM bench_coach WHERE n = 1), m.matched FROM bench_match m;
    INSERT INTO match_event (organisation_id, match_id, at, to_status) SELECT $1::uuid, id, matched, 'proposed' FROM bench_match;
    INSERT INTO match_event (organisation_id, match_id, at, from_status, to_status)
      SELECT $1::uuid, id, matched + ((3 + n % 15) || ' days')::interval, 'proposed', 'introduced' FROM bench_match WHERE n % 10 < 4;`,
  ],
  [
    'placements',
    `
    CREATE TEMP TABLE bench_placement AS
      SELECT k AS n, gen_random_uuid() AS id, p.id AS participant_id, p.registered, (p.n - 1) % ${SCALE.coaches} + 1 AS coach_n
        FROM generate_series(1, ${SCALE.placements}) k JOIN bench_participant p ON p.n = k * 3 - 2;
    CREATE UNIQUE INDEX ON bench_placement (n);
    INSERT INTO placement (id, organisation_id, participant_id, employer_id, coach_membership_id, type, status, trial_start, trial_planned_end,
                           contract_start, contract_type, hours_per_week, closed_on, dropout_reason, risk_flag_raised_at, risk_flag_reasons)
      SELECT pl.id, $1::uuid, pl.participant_id, e.id, c.id, 'paid_job',
             (ARRAY['aftercare','aftercare','aftercare','aftercare','contract','dropped_out','dropped_out','closed','trial','no_match'])[1 + pl.n % 10],
             (pl.registered + interval '70 days')::date, (pl.registered + interval '130 days')::date,
             CASE WHEN pl.n % 10 < 8 THEN (pl.registered + interval '130 days')::date END,
             CASE WHEN pl.n % 10 < 8 THEN 'fixed_term' END, 24,
             CASE WHEN pl.n % 10 IN (5, 6, 7) THEN (pl.registered + interval '130 days' + ((pl.n % 500) || ' days')::interval)::date
                  WHEN pl.n % 10 = 9 THEN (pl.registered + interval '130 days')::date END,
             CASE WHEN pl.n % 10 IN (5, 6) THEN (ARRAY['health','employer_ended','participant_opted_out','dropped_out','other'])[1 + pl.n % 5] END,
             CASE WHEN pl.n % 7 = 0 THEN pl.registered + interval '200 days' END,
             CASE WHEN pl.n % 7 = 0 THEN ARRAY['lateness: repeated'] ELSE ARRAY[]::text[] END
        FROM bench_placement pl JOIN bench_employer e ON e.n = (pl.n - 1) % ${SCALE.employers} + 1 JOIN bench_coach c ON c.n = pl.coach_n;`,
  ],
  [
    'check-ins',
    `
    INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status, held_on)
      SELECT $1::uuid, pl.id, c.id, d.due_on,
             CASE WHEN d.due_on >= current_date THEN 'planned' WHEN k % 20 = 0 THEN 'missed' WHEN k % 50 = 1 THEN 'cancelled' ELSE 'done' END,
             CASE WHEN d.due_on < current_date AND k % 20 <> 0 THEN d.due_on END
        FROM generate_series(1, ${SCALE.checkins}) k
        JOIN bench_placement pl ON pl.n = (k - 1) % ${SCALE.placements} + 1
        JOIN bench_coach c ON c.n = pl.coach_n
        CROSS JOIN LATERAL (SELECT (pl.registered::date + 140 + ((k - 1) / ${SCALE.placements}) * 30)::date AS due_on) d;`,
  ],
  [
    'help requests',
    `
    INSERT INTO help_request (organisation_id, requester_user_id, requester_role, participant_id, category, urgency, body, status,
                              acknowledge_by, acknowledged_at, escalated_at, created_at)
      SELECT $1::uuid, (SELECT user_id FROM bench_coach WHERE n = 1), 'participant', pl.participant_id, 'work', 'normal', 'enc1.bench', 'resolved',
             pl.registered + interval '160 days' + interval '1 day',
             CASE WHEN k % 10 <> 0 THEN pl.registered + interval '160 days' + ((k % 40) || ' hours')::interval END,
             CASE WHEN k % 25 = 0 THEN pl.registered + interval '161 days' END,
             pl.registered + interval '160 days' + ((k % 300) || ' days')::interval
        FROM generate_series(1, ${SCALE.helpRequests}) k JOIN bench_placement pl ON pl.n = (k - 1) % ${SCALE.placements} + 1;`,
  ],
  [
    'early-warning risks',
    `
    INSERT INTO placement_risk (organisation_id, placement_id, participant_id, rule, occurrence, reason, next_action, raised_at, resolved_at, resolution)
      SELECT $1::uuid, pl.id, pl.participant_id, (ARRAY['low_hours','missed_checkins','contact_below_plan','renewal_talk_due','low_satisfaction'])[1 + k % 5],
             'bench-' || k, 'bench', 'bench', pl.registered + interval '200 days' + ((k % 400) || ' days')::interval,
             CASE WHEN k % 3 = 0 THEN pl.registered + interval '230 days' + ((k % 400) || ' days')::interval END,
             CASE WHEN k % 3 = 0 THEN 'coach' END
        FROM generate_series(1, ${SCALE.risks}) k JOIN bench_placement pl ON pl.n = (k * 7 - 1) % ${SCALE.placements} + 1;`,
  ],
  [
    'analyze',
    'ANALYZE participant; ANALYZE participant_profile; ANALYZE match; ANALYZE match_event; ANALYZE placement; ANALYZE checkin; ANALYZE help_request; ANALYZE placement_risk',
  ],
];

function summary(samples: number[]): { runs: number; p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value);
  return {
    runs: samples.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]!),
  };
}

async function main(): Promise<void> {
  process.env.WERKBRUG_ROLE = 'api';
  await ensureBenchDatabase(URL);
  await migrateResolvedDatabase({ url: URL, ownerUrl: URL });
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  const [organisation] = (
    await client.query(
      "INSERT INTO organisation (name, slug) VALUES ('Bench rapportage', 'bench-reports-' || extract(epoch from now())::bigint) RETURNING id",
    )
  ).rows as Array<{ id: string }>;
  const organisationId = organisation!.id;
  const timings: Array<{ step: string; seconds: number }> = [];
  console.log(
    `Seeding ${SCALE.participants} participants, ${SCALE.placements} placements, ${SCALE.checkins} check-ins in one organisation ...`,
  );
  for (const [step, sql] of STEPS) {
    const started = performance.now();
    // Several statements with a parameter: run them one by one.
    for (const statement of sql
      .split(/;\s*\n/)
      .map((part) => part.trim())
      .filter(Boolean)) {
      await client.query(statement, statement.includes('$1::uuid') ? [organisationId] : []);
    }
    timings.push({ step, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) });
  }
  printTable('Seeding', timings);
  const [ids] = (
    await client.query(
      `SELECT (SELECT id FROM funder WHERE organisation_id = $1::uuid AND name = 'Gemeente Noord') AS funder,
              (SELECT id FROM team WHERE organisation_id = $1::uuid ORDER BY name LIMIT 1) AS team`,
      [organisationId],
    )
  ).rows as Array<{ funder: string; team: string }>;
  const app = await NestFactory.createApplicationContext(
    { module: BenchModule, imports: [AppModule.forRoot({ databaseUrl: URL }), ReportsModule] },
    { logger: ['error'] },
  );
  try {
    const reports = app.get(ReportsService);
    const base: Actor = {
      userId: '00000000-0000-4000-8000-000000000001',
      membershipId: '00000000-0000-4000-8000-000000000002',
      organisationId,
      role: 'admin',
      teamId: null,
      employerId: null,
      participantId: null,
      sessionId: 'bench',
      via: 'bearer',
      displayName: 'Bench',
      locale: 'nl',
    };
    const [lead] = (
      await client.query(
        "SELECT m.id FROM membership m WHERE m.organisation_id = $1::uuid AND m.team_id = $2 AND m.role = 'jobcoach' ORDER BY m.id LIMIT 1",
        [organisationId, ids!.team],
      )
    ).rows as Array<{ id: string }>;
    const cases: Array<{ name: string; actor: Actor }> = [
      { name: 'organisation (admin)', actor: base },
      { name: 'one funder (funder user, suppression)', actor: { ...base, role: 'funder', funderId: ids!.funder } },
      { name: 'one team (team lead)', actor: { ...base, role: 'team_lead', teamId: ids!.team, membershipId: lead!.id } },
    ];
    const query = { from: '2024-01-01', to: '2026-12-31' };
    const results: Array<Record<string, unknown>> = [];
    for (const { name, actor } of cases) {
      // One warm-up run, as a running service has its connections and plans.
      const warm = await reports.outcomes(actor, query);
      await reports.aftercare(actor, query);
      const outcomes: number[] = [];
      const aftercare: number[] = [];
      const both: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await reports.outcomes(actor, query);
        const middle = performance.now();
        await reports.aftercare(actor, query);
        const ended = performance.now();
        outcomes.push(middle - started);
        aftercare.push(ended - middle);
        both.push(ended - started);
      }
      results.push({ report: `${name}: outcomes`, registered: warm.funnel[0]!.count.display, ...summary(outcomes) });
      results.push({ report: `${name}: aftercare delivery`, registered: '', ...summary(aftercare) });
      results.push({ report: `${name}: both (the page)`, registered: '', ...summary(both) });
    }
    printTable(`Reports over ${SCALE.participants} participants in one organisation (ms, ${RUNS} runs after one warm-up)`, results);
    // Where the admin's outcome report spends its time: each owner's read, then the counting in memory.
    const parts: Array<Record<string, unknown>> = [];
    const time = async (part: string, work: () => Promise<unknown>) => {
      const samples: number[] = [];
      let result: unknown;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        result = await work();
        samples.push(performance.now() - started);
      }
      parts.push({ part, ...summary(samples) });
      return result;
    };
    const filter = { coachMembershipIds: null, funderId: null, targetGroup: null };
    const cohort = (await time('participants: cohort', () =>
      app.get(ParticipantFiguresService).cohort(organisationId, query.from, query.to, filter),
    )) as Awaited<ReturnType<ParticipantFiguresService['cohort']>>;
    const profiles = (await time('profiles: complete on', () => app.get(ProfileFiguresService).completedOn(organisationId))) as Map<
      string,
      string
    >;
    const matches = (await time('matching: first match, introduction', () =>
      app.get(MatchFiguresService).stageDates(organisationId),
    )) as Map<string, { matchedOn: string; introducedOn: string | null }>;
    const placements = (await time('placements', () =>
      app.get(PlacementFiguresService).placements(organisationId),
    )) as PlacementFigureRow[];
    await time('counting (outcome-figures.ts)', async () => {
      const byParticipant = new Map<string, PlacementFigureRow[]>();
      for (const placement of placements)
        byParticipant.set(placement.participantId, [...(byParticipant.get(placement.participantId) ?? []), placement]);
      return outcomeFigures(
        cohort.map((participant) => ({
          registeredOn: participant.registeredOn,
          profileCompleteOn: profiles.get(participant.id) ?? null,
          matchedOn: matches.get(participant.id)?.matchedOn ?? null,
          introducedOn: matches.get(participant.id)?.introducedOn ?? null,
          placements: byParticipant.get(participant.id) ?? [],
        })),
        new Date().toISOString().slice(0, 10),
      );
    });
    printTable('The admin outcome report in parts (ms, 5 runs)', parts);
    results.push(...parts.map((part) => ({ report: `part: ${String(part.part)}`, ...part })));
    const file = await writeResult('reports', { command: 'npm run bench:reports', scale: SCALE, timings, results });
    console.log(`\nwritten to ${file}`);
  } finally {
    await app.close();
    await client.end();
    // Deleting the organisation cascades over millions of rows for an hour; its own database goes at once.
    if (process.env.BENCH_KEEP !== '1' && !process.env.BENCH_REPORTS_DATABASE_URL) {
      console.log('Dropping the bench database ...');
      const admin = new pg.Client({ connectionString: URL.replace(/\/werkbrug_bench_reports$/, '/postgres') });
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS werkbrug_bench_reports WITH (FORCE)');
      await admin.end();
    } else console.log(`The seeded organisation ${organisationId} is kept.`);
  }
}

await main();
