/**
 * Matching benchmark:
 *   npm run bench:matching -- --participants 1000000 --vacancies 100000 [--runs 40] [--exact-runs 5]
 *
 * Creates its own database (werkbrug_bench_matching_<pid>) on the PostgreSQL
 * server of BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * migrates it, seeds one organisation with the participants (profiles,
 * capacity, consent for 80%) and open vacancies, measures, and drops the
 * database again. Never touches another database. `--database <name> --keep`
 * keeps (and later reuses) a seeded database for repeated runs. Before measuring it reads the matching's tables into
 * PostgreSQL's cache (pg_prewarm) and warns when they do not fit shared_buffers.
 *
 * Measured per scenario (random anchors, the same for every column):
 * - service: MatchingService (fast top-k path, explanations in Dutch and English, audit);
 * - plain pg: the same SQL (the fast path's bounds and bucket queries) on a bare pg.Client;
 * - exact: the reference query (one statement over the whole pool, as before issue 16)
 *   on the bare client, fewer runs; each of its results is compared with the fast path's.
 * Writes bench/results/matching-<participants>.json.
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { migrateResolvedDatabase } from '../src/bootstrap.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { MatchingModule } from '../src/matching/matching.module.js';
import { type MatchAnchor, MatchingRepository, type QueryOptions, type TopKTrace } from '../src/matching/matching.repository.js';
import { MatchingService } from '../src/matching/matching.service.js';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '100000' },
    vacancies: { type: 'string' },
    runs: { type: 'string' },
    'exact-runs': { type: 'string', default: '5' },
    database: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const PARTICIPANTS = Number(args.participants);
const VACANCIES = Number(args.vacancies ?? Math.max(1, Math.round(PARTICIPANTS / 10)));
const RUNS = Number(args.runs ?? (PARTICIPANTS >= 500_000 ? 40 : 60));
const EXACT_RUNS = Number(args['exact-runs']);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = args.database ?? `werkbrug_bench_matching_${process.pid}`;
if (!/^[a-z0-9_]+$/.test(DATABASE)) throw new Error('--database: lower-case letters, digits and _ only');
if (!(PARTICIPANTS > 0 && VACANCIES > 0 && RUNS > 0)) throw new Error('--participants, --vacancies and --runs must be positive numbers');

class BenchModule {}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { runs: samples.length, p50: round(at(50)), p95: round(at(95)), max: round(sorted[sorted.length - 1]) };
}

const load = () => loadavg().map((n) => Math.round(n * 100) / 100);

/**
 * The machine's speed at the time, in one figure that does not depend on the data: the median of three runs of the
 * same CPU-bound statement on the PostgreSQL server (ms). This machine's speed drifted by a third within an hour
 * (docs/performance.md); runs are only comparable beside it.
 */
async function cpuReferenceMs(client: pg.Client): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await client.query('SELECT sum(sqrt(i)) FROM generate_series(1, 10000000) i');
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[1]);
}

/** The tables the matching reads, with their indexes: what must stay in PostgreSQL's cache at 1,000,000. */
const MATCHING_TABLES = ['participant_profile', 'match_candidate_key', 'consent', 'participant', 'vacancy', 'employer'];

/**
 * Reads the matching's tables and indexes into PostgreSQL's own cache (pg_prewarm, standard contrib), so that a run
 * right after seeding measures a running service, not the first reads after a restart; and says when they do not
 * fit shared_buffers (at 1,000,000 participants about 3 GB: docs/deployment.md).
 */
async function warmCache(client: pg.Client): Promise<{ prewarmedMb: number | null; workingSetMb: number }> {
  const [{ mb }] = (
    await client.query(
      `SELECT round(sum(pg_total_relation_size(c.oid)) / 1048576.0)::int AS mb FROM pg_class c
       WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`,
      [MATCHING_TABLES],
    )
  ).rows;
  const [{ buffersMb }] = (
    await client.query('SELECT (setting::bigint * 8192 / 1048576)::int AS "buffersMb" FROM pg_settings WHERE name = \'shared_buffers\'')
  ).rows;
  if (mb > buffersMb)
    console.warn(
      `The matching's tables and indexes (${mb} MB) do not fit shared_buffers (${buffersMb} MB): the figures will be those of a cache too small (ALTER SYSTEM SET shared_buffers, docs/deployment.md).`,
    );
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  } catch (error) {
    console.warn(`pg_prewarm is not available (${(error as Error).message}): measuring without warming the cache first.`);
    return { prewarmedMb: null, workingSetMb: mb };
  }
  const started = performance.now();
  const [{ blocks }] = (
    await client.query(
      `SELECT sum(pg_prewarm(i.oid))::bigint AS blocks FROM pg_class i
       WHERE i.relnamespace = 'public'::regnamespace AND i.relkind IN ('r', 'i')
         AND (i.relname = ANY($1) OR i.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relname = ANY($1) AND relnamespace = 'public'::regnamespace)))`,
      [MATCHING_TABLES],
    )
  ).rows;
  const prewarmedMb = Math.round((Number(blocks) * 8192) / 1048576);
  console.log(`cache warmed: ${prewarmedMb} MB in ${Math.round(performance.now() - started)} ms (pg_prewarm)`);
  return { prewarmedMb, workingSetMb: mb };
}

async function seed(client: pg.Client): Promise<void> {
  const [organisation] = (await client.query("INSERT INTO organisation (name, slug) VALUES ('Bench', 'bench-matching') RETURNING id")).rows;
  const organisationId: string = organisation.id;
  const [user] = (
    await client.query("INSERT INTO user_account (email, display_name) VALUES ('bench-matching@bench.test', 'Bench') RETURNING id")
  ).rows;
  await client.query(
    `INSERT INTO employer (organisation_id, name, target_group_experience)
     SELECT $1, 'Werkgever ' || g, (ARRAY['none','some','extensive'])[1 + g % 3] FROM generate_series(1, 500) g`,
    [organisationId],
  );
  // Coordinates spread over the Netherlands' bounding box; ISCO codes from a handful of common groups.
  await client.query(
    `WITH e AS (SELECT array_agg(id) ids FROM employer WHERE organisation_id = $1)
     INSERT INTO vacancy (organisation_id, employer_id, title, isco_code, skills, hours_min, hours_max, shifts, postcode, latitude, longitude,
       public_transport_reachable, stimulus_level, production_pressure, work_pace, supervision_on_floor, adaptations_possible, growth_possible, status)
     SELECT $1, e.ids[1 + g % 500], 'Vacature ' || g, (ARRAY['9321','9329','5223','9112','8189','4321','7411','9412'])[1 + g % 8],
       ARRAY['skill' || (g % 20), 'skill' || (g % 7)], 12 + g % 12, 24 + g % 14, CASE WHEN g % 5 = 0 THEN ARRAY['day','evening'] ELSE ARRAY['day'] END,
       '3511 AB', 51.5 + random() * 1.6, 4.2 + random() * 2.4, g % 2 = 0, 1 + g % 5, 1 + (g / 5) % 5, 1 + (g / 25) % 5, g % 3 = 0,
       ARRAY['extra_breaks','fixed_schedule'], g % 4 = 0, 'open'
     FROM generate_series(1, $2) g, e`,
    [organisationId, VACANCIES],
  );
  await client.query(
    `INSERT INTO participant (organisation_id, first_name, last_name)
     SELECT $1, 'Deelnemer', 'Nummer ' || g FROM generate_series(1, $2) g`,
    [organisationId, PARTICIPANTS],
  );
  await client.query(
    `INSERT INTO participant_profile (participant_id, organisation_id, occupation_wishes, occupation_minor_groups, occupation_sub_major_groups, skills,
       hours_min, hours_max, shifts_possible, latitude, longitude, max_travel_km, transport_modes, copes_stimulus, copes_pressure, copes_pace,
       needs_supervision, needs_adaptations, wants_growth, capacity_hours_per_week, capacity_assessed_on)
     SELECT p.id, $1, ARRAY[w], ARRAY[left(w, 3)], ARRAY[left(w, 2)], ARRAY['skill' || (n % 20), 'skill' || (n % 11)],
       8 + n % 16, 20 + n % 16, CASE WHEN n % 3 = 0 THEN ARRAY['day','evening','weekend'] ELSE ARRAY['day'] END,
       51.5 + random() * 1.6, 4.2 + random() * 2.4, 5 + n % 40, CASE n % 4 WHEN 0 THEN ARRAY['bike'] WHEN 1 THEN ARRAY['bike','public_transport'] WHEN 2 THEN ARRAY['car'] ELSE ARRAY['walk','bike'] END,
       1 + n % 5, 1 + (n / 5) % 5, 1 + (n / 25) % 5, n % 2 = 0, CASE WHEN n % 4 = 0 THEN ARRAY['quiet_workspace'] ELSE '{}'::text[] END, n % 3 = 0,
       16 + n % 24, date '2026-09-01'
     FROM (SELECT id, row_number() OVER () AS n, (ARRAY['9321','9329','5223','9112','8189','4321','7411','9412','2511'])[1 + (random() * 8)::int] AS w
           FROM participant WHERE organisation_id = $1) p`,
    [organisationId],
  );
  await client.query(
    `INSERT INTO participant_capacity (organisation_id, participant_id, assessed_on, hours_per_day, hours_per_week)
     SELECT organisation_id, participant_id, capacity_assessed_on, 6, capacity_hours_per_week FROM participant_profile WHERE organisation_id = $1`,
    [organisationId],
  );
  await client.query(
    `INSERT INTO consent (organisation_id, participant_id, purpose, given_at, given_by_user_id)
     SELECT $1, id, 'proposal_to_employers', now(), $2 FROM participant WHERE organisation_id = $1 AND random() < 0.8`,
    [organisationId, user.id],
  );
  await client.query('VACUUM ANALYZE participant, participant_profile, match_candidate_key, vacancy, consent, employer');
}

interface Scenario {
  name: string;
  side: 'vacancy' | 'participant';
  options: QueryOptions;
}

const SCENARIOS: Scenario[] = [
  { name: 'candidates for a vacancy (top 20)', side: 'vacancy', options: { limit: 20 } },
  { name: 'vacancies for a participant (top 20)', side: 'participant', options: { limit: 20 } },
  { name: 'candidates with near misses (includeExcluded)', side: 'vacancy', options: { limit: 20, includeExcluded: true } },
  {
    name: 'near misses only for a vacancy (nearMissesOnly)',
    side: 'vacancy',
    options: { limit: 20, includeExcluded: true, nearMissesOnly: true },
  },
  {
    name: 'near misses only for a participant (nearMissesOnly)',
    side: 'participant',
    options: { limit: 20, includeExcluded: true, nearMissesOnly: true },
  },
];

async function main(): Promise<void> {
  const startLoad = load();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 1;
  if (exists && !args.database) throw new Error(`database ${DATABASE} exists already`);
  if (!exists) await admin.query(`CREATE DATABASE ${DATABASE}`);
  const created = !exists;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  process.env.WERKBRUG_ROLE = 'api';
  process.env.DATABASE_URL = databaseUrl;
  const client = new pg.Client({ connectionString: databaseUrl });
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    await migrateResolvedDatabase({ url: databaseUrl, ownerUrl: databaseUrl });
    await client.connect();
    let seedSeconds: number | null = null;
    let [organisation] = (await client.query("SELECT id FROM organisation WHERE slug = 'bench-matching'")).rows;
    if (organisation) {
      const [counts] = (
        await client.query(
          "SELECT (SELECT count(*) FROM participant_profile WHERE organisation_id = $1)::int AS p, (SELECT count(*) FROM vacancy WHERE organisation_id = $1 AND status = 'open')::int AS v",
          [organisation.id],
        )
      ).rows;
      if (counts.p !== PARTICIPANTS || counts.v !== VACANCIES)
        throw new Error(`${DATABASE} holds ${counts.p} participants / ${counts.v} vacancies, not ${PARTICIPANTS} / ${VACANCIES}`);
      console.log(`Reusing ${DATABASE} (${PARTICIPANTS} participants, ${VACANCIES} vacancies)`);
    } else {
      console.log(
        `Seeding ${PARTICIPANTS} participants and ${VACANCIES} open vacancies into ${DATABASE} (load ${startLoad.join(' ')}) ...`,
      );
      const started = performance.now();
      await seed(client);
      seedSeconds = Math.round((performance.now() - started) / 100) / 10;
      console.log(`seeded in ${seedSeconds} s`);
      [organisation] = (await client.query("SELECT id FROM organisation WHERE slug = 'bench-matching'")).rows;
    }
    const organisationId: string = organisation.id;
    const cache = await warmCache(client);
    app = await NestFactory.createApplicationContext(
      { module: BenchModule, imports: [AppModule.forRoot({ databaseUrl }), MatchingModule] },
      { logger: ['error'] },
    );
    const matching = app.get(MatchingService);
    const repository = app.get(MatchingRepository);
    const actor: Actor = {
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
    const weights = await matching.weights(organisationId);
    const params = { scopeOrg: organisationId, org: organisationId };
    const scope = 'p.organisation_id = :scopeOrg';
    await client.query('SELECT setseed(0.16)');
    const vacancyIds: string[] = (
      await client.query("SELECT id FROM vacancy WHERE organisation_id = $1 AND status = 'open' ORDER BY random() LIMIT $2", [
        organisationId,
        RUNS,
      ])
    ).rows.map((r) => r.id);
    const participantIds: string[] = (
      await client.query('SELECT participant_id AS id FROM participant_profile WHERE organisation_id = $1 ORDER BY random() LIMIT $2', [
        organisationId,
        RUNS,
      ])
    ).rows.map((r) => r.id);
    const anchorOf = (scenario: Scenario, i: number): MatchAnchor =>
      scenario.side === 'vacancy'
        ? { vacancyId: vacancyIds[i % vacancyIds.length] }
        : { participantId: participantIds[i % participantIds.length] };
    const inSnapshot = async <T>(excluded: boolean, work: () => Promise<T>): Promise<T> => {
      await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY${excluded ? '; SET LOCAL jit = off' : ''}`);
      try {
        return await work();
      } finally {
        await client.query('COMMIT');
      }
    };
    const cpuBefore = await cpuReferenceMs(client);
    console.log(`CPU reference (SELECT sum(sqrt(i)) over 10,000,000 rows): ${cpuBefore} ms`);
    const results = [];
    for (const scenario of SCENARIOS) {
      const excluded = !!scenario.options.includeExcluded;
      const callService = (anchor: MatchAnchor) =>
        'vacancyId' in anchor && anchor.vacancyId
          ? matching.candidatesForVacancy(actor, anchor.vacancyId, scenario.options)
          : matching.vacanciesForParticipant(actor, anchor.participantId!, scenario.options);
      for (let i = 0; i < 5; i++) await callService(anchorOf(scenario, RUNS - 1 - i)); // warm-up (plans, caches)
      const service: number[] = [];
      let returned = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        returned += (await callService(anchorOf(scenario, i))).length;
        service.push(performance.now() - t0);
      }
      const plain: number[] = [];
      const buckets: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const trace: TopKTrace = { phases: [] };
        const t0 = performance.now();
        await inSnapshot(excluded, () =>
          repository.topKOver(client, anchorOf(scenario, i), params, scope, weights, scenario.options, trace),
        );
        plain.push(performance.now() - t0);
        buckets.push(trace.phases.reduce((sum, p) => sum + p.buckets.length, 0));
      }
      const exact: number[] = [];
      let same = 0;
      for (let i = 0; i < Math.min(EXACT_RUNS, RUNS); i++) {
        const anchor = anchorOf(scenario, i);
        const [sql, values] = repository.buildQuery(anchor, params, scope, weights, scenario.options);
        const t0 = performance.now();
        const reference = await inSnapshot(excluded, async () => (await client.query(sql, values)).rows);
        exact.push(performance.now() - t0);
        const fast = await inSnapshot(excluded, () => repository.topKOver(client, anchor, params, scope, weights, scenario.options));
        if (isDeepStrictEqual(fast, reference)) same++;
        else console.error(`DIFFERENT RESULT: ${scenario.name}, ${JSON.stringify(anchor)}`);
      }
      const result = {
        scenario: scenario.name,
        options: scenario.options,
        service: summary(service),
        plainPg: summary(plain),
        exactQueryPlainPg: exact.length ? summary(exact) : null,
        sameAsExact: `${same}/${exact.length}`,
        averageRowsReturned: Math.round((returned / RUNS) * 10) / 10,
        averageBucketQueries: Math.round((buckets.reduce((a, b) => a + b, 0) / RUNS) * 10) / 10,
        loadAfter: load(),
      };
      results.push(result);
      console.log(
        `${scenario.name}: service p50/p95/max ${result.service.p50}/${result.service.p95}/${result.service.max} ms, plain pg ${result.plainPg.p50}/${result.plainPg.p95}/${result.plainPg.max}, exact query ${result.exactQueryPlainPg?.p50}/${result.exactQueryPlainPg?.p95} (${result.sameAsExact} identical), ${result.averageBucketQueries} bucket queries, load ${result.loadAfter.join(' ')}`,
      );
    }
    const report = {
      command: `npm run bench:matching -- --participants ${PARTICIPANTS} --vacancies ${VACANCIES} --runs ${RUNS} --exact-runs ${EXACT_RUNS}`,
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      postgres: (await client.query('SHOW server_version')).rows[0].server_version,
      // The figures at 1,000,000 depend on whether the working set (profiles, candidate keys) fits PostgreSQL's own cache.
      sharedBuffers: (await client.query('SHOW shared_buffers')).rows[0].shared_buffers,
      cache,
      loadAverage: { start: startLoad, end: load() },
      cpuReferenceMs: { before: cpuBefore, after: await cpuReferenceMs(client) },
      participants: PARTICIPANTS,
      vacancies: VACANCIES,
      seedSeconds,
      targetsAt1M: { topP95Ms: 100, nearMissesP95Ms: 300 },
      results,
    };
    console.table(
      Object.fromEntries(
        results.map((r) => [
          r.scenario,
          {
            'service p50': r.service.p50,
            'service p95': r.service.p95,
            'service max': r.service.max,
            'plain pg p50': r.plainPg.p50,
            'plain pg p95': r.plainPg.p95,
            'plain pg max': r.plainPg.max,
            'exact query p50': r.exactQueryPlainPg?.p50,
            'same as exact': r.sameAsExact,
          },
        ]),
      ),
    );
    console.log(
      `seeding ${seedSeconds ?? '(reused)'} s; shared_buffers ${report.sharedBuffers}; load average ${startLoad.join(' ')} at the start, ${report.loadAverage.end.join(' ')} at the end; CPU reference ${report.cpuReferenceMs.before} / ${report.cpuReferenceMs.after} ms`,
    );
    await mkdir('bench/results', { recursive: true });
    const file = `bench/results/matching-${PARTICIPANTS}.json`;
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written to ${file}`);
  } finally {
    await app?.close();
    await client.end().catch(() => undefined);
    if (created && !args.keep) await admin.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
