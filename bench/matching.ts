/**
 * Matching benchmark: npm run bench:matching
 * Seeds 100,000 participants (with profiles, capacity and consent) and 10,000
 * open vacancies in a fresh organisation, then measures the top 20 candidates
 * for a vacancy over 200 runs: through MatchingService (SQL + explanations +
 * audit) and the same SQL through plain pg. Prints a table and writes JSON to
 * bench/results/. Uses DATABASE_URL, or the embedded PostgreSQL. The seeded
 * organisation is deleted afterwards unless BENCH_KEEP=1.
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { migrateResolvedDatabase, resolveDatabase } from '../src/bootstrap.js';
import { MatchingModule } from '../src/matching/matching.module.js';
import { MatchingRepository } from '../src/matching/matching.repository.js';
import { MatchingService } from '../src/matching/matching.service.js';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const VACANCIES = Number(process.env.BENCH_VACANCIES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

class BenchModule {}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    runs: samples.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]),
  };
}

async function seed(client: pg.Client): Promise<{ organisationId: string; vacancyIds: string[] }> {
  const [organisation] = (
    await client.query("INSERT INTO organisation (name, slug) VALUES ('Bench', 'bench-' || extract(epoch from now())::bigint) RETURNING id")
  ).rows;
  const organisationId: string = organisation.id;
  const [user] = (
    await client.query(
      "INSERT INTO user_account (email, display_name) VALUES ('bench-' || gen_random_uuid() || '@bench.test', 'Bench') RETURNING id",
    )
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
  await client.query('ANALYZE participant; ANALYZE participant_profile; ANALYZE vacancy; ANALYZE consent; ANALYZE employer');
  const vacancyIds = (
    await client.query('SELECT id FROM vacancy WHERE organisation_id = $1 ORDER BY random() LIMIT $2', [organisationId, RUNS])
  ).rows.map((r) => r.id as string);
  return { organisationId, vacancyIds };
}

async function main(): Promise<void> {
  process.env.WERKBRUG_ROLE = 'api';
  const database = await resolveDatabase();
  const { url, embedded } = database;
  await migrateResolvedDatabase(database);
  // Seeding and ANALYZE as the owner, as a data load would; the service itself runs as the application role.
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  const started = performance.now();
  console.log(`Seeding ${PARTICIPANTS} participants and ${VACANCIES} vacancies ...`);
  const { organisationId, vacancyIds } = await seed(client);
  const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
  const app = await NestFactory.createApplicationContext(
    { module: BenchModule, imports: [AppModule.forRoot({ databaseUrl: url }), MatchingModule] },
    { logger: ['error'] },
  );
  try {
    const matching = app.get(MatchingService);
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
    const pick = (i: number) => vacancyIds[i % vacancyIds.length];
    for (let i = 0; i < 10; i++) await matching.candidatesForVacancy(actor, pick(i), { limit: 20 }); // warm-up
    const service: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const results = await matching.candidatesForVacancy(actor, pick(i), { limit: 20 });
      service.push(performance.now() - t0);
      found += results.length;
    }
    const weights = await matching.weights(organisationId);
    const repository = app.get(MatchingRepository);
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [sql, params] = repository.buildQuery(
        { vacancyId: pick(i) },
        { scopeOrg: organisationId, org: organisationId },
        'p.organisation_id = :scopeOrg',
        weights,
        { limit: 20 },
      );
      const t0 = performance.now();
      await client.query(sql, params);
      plain.push(performance.now() - t0);
    }
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      database: embedded ? 'embedded PostgreSQL' : 'DATABASE_URL',
      participants: PARTICIPANTS,
      vacancies: VACANCIES,
      seedSeconds,
      averageCandidatesReturned: Math.round((found / RUNS) * 10) / 10,
      service: summary(service),
      plainPg: summary(plain),
      targetP95Ms: 50,
    };
    console.table({ 'MatchingService (top 20 + explanations + audit)': result.service, 'same SQL via plain pg': result.plainPg });
    console.log(`average candidates returned: ${result.averageCandidatesReturned}; seeding took ${seedSeconds} s`);
    await mkdir('bench/results', { recursive: true });
    const file = `bench/results/matching-${result.at.replace(/[:.]/g, '-')}.json`;
    await writeFile(file, JSON.stringify(result, null, 2));
    console.log(`written to ${file}`);
  } finally {
    await app.close();
    if (process.env.BENCH_KEEP !== '1') await client.query('DELETE FROM organisation WHERE id = $1', [organisationId]);
    await client.end();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
