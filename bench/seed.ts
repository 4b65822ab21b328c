/**
 * Seeds the benchmark database with a realistic region-sized data set,
 * generated inside PostgreSQL (INSERT … SELECT generate_series):
 * 10 organisations, 100 teams, 2,000 coaches, 100,000 participants with
 * profiles, 10,000 employers, 20,000 vacancies, 30,000 placements and
 * 500,000 check-ins. Also sessions for benchmark clients (tokens
 * `bench-coach-N`, `bench-participant-N`). Run: npm run bench:seed
 */
import pg from 'pg';
import { BENCH_DATABASE_URL, ensureBenchDatabase, printTable, writeResult } from './common.js';

export const SCALE = {
  organisations: 10,
  teams: 100,
  coaches: 2_000,
  employers: 10_000,
  participants: 100_000,
  vacancies: 20_000,
  placements: 30_000,
  checkins: 500_000,
  participantAccounts: 1_000,
};

const STEPS: Array<[string, string]> = [
  [
    'reset',
    `DO $$ DECLARE t text; BEGIN
      SELECT string_agg(format('%I', tablename), ', ') INTO t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations';
      EXECUTE 'TRUNCATE ' || t || ' CASCADE';
    END $$`,
  ],
  [
    'ids',
    `
    SELECT setseed(0.42);
    CREATE TEMP TABLE org_ids AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.organisations}) n;
    CREATE TEMP TABLE team_ids AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.teams}) n;
    CREATE TEMP TABLE coach_ids AS SELECT n, gen_random_uuid() AS user_id, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.coaches}) n;
    CREATE TEMP TABLE employer_ids AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.employers}) n;
    CREATE TEMP TABLE participant_ids AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.participants}) n;
    CREATE TEMP TABLE placement_ids AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${SCALE.placements}) n;
    CREATE UNIQUE INDEX ON coach_ids (n); CREATE UNIQUE INDEX ON employer_ids (n); CREATE UNIQUE INDEX ON participant_ids (n);
    CREATE UNIQUE INDEX ON placement_ids (n); CREATE UNIQUE INDEX ON team_ids (n); CREATE UNIQUE INDEX ON org_ids (n);`,
  ],
  [
    'organisations, teams, staff',
    `
    INSERT INTO organisation (id, name, slug) SELECT id, 'Regio ' || n, 'regio-' || n FROM org_ids;
    INSERT INTO team (id, organisation_id, name)
      SELECT t.id, o.id, 'Team ' || t.n FROM team_ids t JOIN org_ids o ON o.n = (t.n - 1) / 10 + 1;
    INSERT INTO user_account (id, email, display_name, locale)
      SELECT user_id, 'coach' || n || '@bench.test', 'Coach ' || n, 'nl' FROM coach_ids;
    INSERT INTO membership (id, organisation_id, user_id, role, team_id, status)
      SELECT c.id, o.id, c.user_id, 'jobcoach', t.id, 'active'
        FROM coach_ids c JOIN team_ids t ON t.n = (c.n - 1) / 20 + 1 JOIN org_ids o ON o.n = (c.n - 1) / 200 + 1;
    WITH leads AS (SELECT t.n, t.id AS team_id, o.id AS org_id, gen_random_uuid() AS user_id
                     FROM team_ids t JOIN org_ids o ON o.n = (t.n - 1) / 10 + 1),
         u AS (INSERT INTO user_account (id, email, display_name) SELECT user_id, 'lead' || n || '@bench.test', 'Teamleider ' || n FROM leads)
    INSERT INTO membership (organisation_id, user_id, role, team_id, status) SELECT org_id, user_id, 'team_lead', team_id, 'active' FROM leads;`,
  ],
  [
    'employers',
    `
    INSERT INTO employer (id, organisation_id, name, contact_coach_membership_id, sector_type, employee_count)
      SELECT e.id, o.id, 'Werkgever ' || e.n, c.id, CASE WHEN e.n % 5 = 0 THEN 'public' ELSE 'private' END, 5 + (e.n * 37) % 400
        FROM employer_ids e JOIN org_ids o ON o.n = (e.n - 1) / 1000 + 1
        JOIN coach_ids c ON c.n = (o.n - 1) * 200 + (e.n % 200) + 1;`,
  ],
  [
    'participants',
    `
    INSERT INTO participant (id, organisation_id, coach_membership_id, first_name, last_name, email)
      SELECT p.id, o.id, c.id, (ARRAY['Fatima','Daan','Sanne','Mohamed','Lotte','Kevin','Aylin','Jeroen'])[1 + p.n % 8],
             'Deelnemer ' || p.n, 'deelnemer' || p.n || '@bench.test'
        FROM participant_ids p JOIN org_ids o ON o.n = (p.n - 1) / 10000 + 1 JOIN coach_ids c ON c.n = (p.n - 1) / 50 + 1;`,
  ],
  [
    'profiles',
    `
    INSERT INTO participant_profile (participant_id, organisation_id, occupation_minor_groups, skills, hours_min, hours_max, postcode,
                                     latitude, longitude, max_travel_km, transport_modes, copes_stimulus, copes_pressure, copes_pace,
                                     days_available, language_level, driving_licence)
      SELECT p.id, o.id, ARRAY[lpad(((p.n * 7) % 900 + 100)::text, 3, '0')], ARRAY['skill-' || (p.n % 50), 'skill-' || (p.n % 13)],
             8, 16 + (p.n % 4) * 6, lpad((1000 + p.n % 8999)::text, 4, '0') || 'AB',
             50.8 + random() * 2.6, 3.6 + random() * 3.4, 5 + (p.n % 8) * 5,
             CASE p.n % 5 WHEN 0 THEN ARRAY['bike'] WHEN 1 THEN ARRAY['public_transport'] WHEN 2 THEN ARRAY['bike', 'public_transport']
                          WHEN 3 THEN ARRAY['car'] ELSE ARRAY['walk'] END,
             1 + p.n % 5, 1 + (p.n / 5) % 5, 1 + (p.n / 25) % 5, ARRAY['mon','tue','wed','thu','fri'], 'B1', p.n % 3 = 0
        FROM participant_ids p JOIN org_ids o ON o.n = (p.n - 1) / 10000 + 1;`,
  ],
  [
    'vacancies',
    `
    INSERT INTO vacancy (organisation_id, employer_id, title, isco_code, hours_min, hours_max, postcode, latitude, longitude,
                         skills, status, physical_load, stimulus_level, production_pressure, work_pace, language_level, days)
      SELECT o.id, e.id, 'Vacature ' || v, lpad(((v * 7) % 900 + 100)::text || (v % 10)::text, 4, '0'), 8, 16 + (v % 5) * 6,
             lpad((1000 + v % 8999)::text, 4, '0') || 'CD', 50.8 + random() * 2.6, 3.6 + random() * 3.4,
             ARRAY['skill-' || (v % 50), 'skill-' || (v % 17)], CASE WHEN v % 10 < 7 THEN 'open' ELSE 'filled' END,
             1 + v % 5, 1 + (v / 5) % 5, 1 + (v / 25) % 5, 1 + (v / 125) % 5, 'A2', ARRAY['mon','tue','wed','thu']
        FROM generate_series(1, ${SCALE.vacancies}) v JOIN org_ids o ON o.n = (v - 1) / 2000 + 1
        JOIN employer_ids e ON e.n = (o.n - 1) * 1000 + (v % 1000) + 1;`,
  ],
  [
    'placements',
    `
    INSERT INTO placement (id, organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type,
                           hours_per_week, gross_hourly_wage, contract_end, aftercare_end_on, monitoring_frequency, last_contact_at,
                           employer_contact_name, employer_contact_email)
      SELECT pl.id, o.id, p.id, e.id, c.id, 'paid_job',
             (ARRAY['aftercare','aftercare','aftercare','aftercare','aftercare','aftercare','contract','contract','trial','closed'])[1 + pl.n % 10],
             current_date - 400 + (pl.n % 200), 'fixed_term', 24, 14.71, current_date + 365, current_date + 200 + (pl.n % 100),
             CASE WHEN pl.n % 10 < 6 THEN 'monthly' END, now() - ((pl.n % 40) || ' days')::interval, 'Contactpersoon ' || pl.n,
             'contact' || pl.n || '@werkgever.test'
        FROM placement_ids pl JOIN participant_ids p ON p.n = pl.n * 3 - 2
        JOIN org_ids o ON o.n = (p.n - 1) / 10000 + 1 JOIN employer_ids e ON e.n = (o.n - 1) * 1000 + (pl.n % 1000) + 1
        JOIN coach_ids c ON c.n = (p.n - 1) / 50 + 1;`,
  ],
  [
    'check-ins',
    `
    INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status, held_on, channel, with_whom)
      SELECT pl.organisation_id, pl.id, pl.coach_membership_id, d.due_on,
             CASE WHEN d.due_on >= current_date THEN 'planned' WHEN k % 20 = 0 THEN 'missed' ELSE 'done' END,
             CASE WHEN d.due_on < current_date AND k % 20 <> 0 THEN d.due_on END,
             CASE WHEN d.due_on < current_date AND k % 20 <> 0 THEN 'visit' END,
             CASE WHEN d.due_on < current_date AND k % 20 <> 0 THEN 'both' END
        FROM generate_series(1, ${SCALE.checkins}) k
        JOIN placement_ids pi ON pi.n = (k - 1) % ${SCALE.placements} + 1
        JOIN placement pl ON pl.id = pi.id
        CROSS JOIN LATERAL (SELECT (current_date - 300 + ((k - 1) / ${SCALE.placements}) * 30 + (pi.n % 28))::date AS due_on) d;`,
  ],
  [
    'benchmark sessions',
    `
    INSERT INTO session (token_hash, user_id, membership_id, last_seen_at, expires_at, second_factor)
      SELECT sha256(convert_to('bench-coach-' || c.n, 'UTF8')), c.user_id, c.id, now(), now() + interval '7 days', false
        FROM coach_ids c WHERE c.n <= 100;
    WITH accounts AS (SELECT p.n, p.id AS participant_id, gen_random_uuid() AS user_id, gen_random_uuid() AS membership_id, o.id AS org_id
                        FROM participant_ids p JOIN org_ids o ON o.n = (p.n - 1) / 10000 + 1 WHERE p.n <= ${SCALE.participantAccounts}),
         u AS (INSERT INTO user_account (id, email, display_name) SELECT user_id, 'deelnemer' || n || '@account.bench.test', 'Deelnemer ' || n FROM accounts),
         m AS (INSERT INTO membership (id, organisation_id, user_id, role, participant_id, status)
                 SELECT membership_id, org_id, user_id, 'participant', participant_id, 'active' FROM accounts)
    INSERT INTO session (token_hash, user_id, membership_id, last_seen_at, expires_at, second_factor)
      SELECT sha256(convert_to('bench-participant-' || n, 'UTF8')), user_id, membership_id, now(), now() + interval '7 days', false FROM accounts;`,
  ],
  ['analyze', 'ANALYZE'],
];

export async function seed(url = BENCH_DATABASE_URL): Promise<Array<{ step: string; seconds: number }>> {
  await ensureBenchDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const timings: Array<{ step: string; seconds: number }> = [];
  try {
    for (const [step, sql] of STEPS) {
      const started = performance.now();
      await client.query(sql);
      timings.push({ step, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) });
    }
  } finally {
    await client.end();
  }
  return timings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const timings = await seed();
  const total = Number(((performance.now() - started) / 1000).toFixed(2));
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM participant) AS participants, (SELECT count(*) FROM employer) AS employers,
            (SELECT count(*) FROM vacancy) AS vacancies, (SELECT count(*) FROM placement) AS placements,
            (SELECT count(*) FROM checkin) AS checkins, pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  await client.end();
  printTable('Seeding (INSERT … SELECT generate_series, one connection)', [
    ...timings,
    { step: 'total (incl. migrations check)', seconds: total },
  ]);
  printTable('Rows', [rows[0]]);
  const file = await writeResult('seed', { command: 'npm run bench:seed', scale: SCALE, timings, totalSeconds: total, rows: rows[0] });
  process.stdout.write(`\nwritten to ${file}\n`);
}
