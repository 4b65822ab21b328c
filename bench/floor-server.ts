/**
 * The floor for the HTTP benchmark: a bare node:http server that does the
 * same database work per request as the Werkbrug endpoint, with plain pg and
 * no framework. Same statements in the same order (session lookup and its
 * once-a-minute touch, the policy's scope check, the reads, the rows written:
 * audit trail, contact log, outbox mail with its queue job, the encrypted help
 * request body), inside a transaction where the service uses one. What it
 * leaves out is everything that costs only CPU in the API process (routing,
 * middleware for request ids, logging and security headers, class-validator,
 * TypeORM's query building and entity mapping, building the answer's DTO)
 * and one round trip: the rate limiter's counter in Redis. The matching SQL
 * and the policy's scope check are built by the service classes themselves,
 * once per role at start-up, not per request.
 *
 * Queue jobs go to Redis with BullMQ as in the service, under their own key
 * prefix (bench-floor), so the floor's jobs never deduplicate against the
 * service's. Without a Redis URL the floor does the PostgreSQL work only.
 *
 * When a service statement changes, change it here too: the benchmark's
 * "floor ÷ werkbrug" ratio is only meaningful while both do the same work.
 *
 * Started by bench/http.ts: node … bench/floor-server.ts <port> <databaseUrl> [redisUrl]
 * ENCRYPTION_KEYS as for the service (the first key encrypts).
 */
import 'reflect-metadata';
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/platform/auth/actor.js';
import { PolicyService } from '../src/platform/auth/policy.service.js';
import {
  TODAY_CHECKINS_SQL,
  TODAY_HANDOVERS_SQL,
  TODAY_HELP_REQUESTS_SQL,
  TODAY_RISK_FLAGS_SQL,
} from '../src/coach-dashboard/coach-dashboard.sql.js';
import { addWorkingDays, localDate } from '../src/rules/calculations/working-days.js';
import { DEFAULT_HELP_RESPONSE_WORKING_DAYS, OPEN_HELP_STATUSES } from '../src/help-requests/help-request.constants.js';
import { INSERT_REQUEST_SQL } from '../src/help-requests/help-requests.repository.js';
import { type Criterion, effectiveWeights } from '../src/matching/criteria.js';
import { MatchingRepository } from '../src/matching/matching.repository.js';
import { JOB_QUEUES, jobDefaults, JobName, QueueName } from '../src/platform/queue/queue.constants.js';

const [port, databaseUrl, redisUrl] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
/** As the service's pool (src/platform/database/typeorm-options.ts). */
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000, application_name: 'werkbrug-floor' });
const PUBLIC_URL = `http://localhost:${port}`;
const MESSAGE_ID_DOMAIN = 'werkbrug.localhost';
const SESSION_IDLE_MS = 30 * 60_000;
const TOUCH_INTERVAL_MS = 60_000;
const STAFF = new Set(['admin', 'team_lead', 'jobcoach']);

// ---------------------------------------------------------------- encryption (src/platform/crypto/field-encryption.ts)

const [encryptionKeyId, encryptionKey] = (process.env.ENCRYPTION_KEYS ?? 'bench1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=')
  .split(',')[0]
  .split(':');
const KEY = Buffer.from(encryptionKey, 'base64');

function encrypt(plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['enc1', encryptionKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

// ---------------------------------------------------------------- queue (src/platform/queue/queue.service.ts, scheduler.service.ts)

const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: null }) : undefined;
const queues = new Map<QueueName, Queue>();
if (redis) {
  for (const name of [QueueName.Mail, QueueName.Scheduler]) {
    queues.set(name, new Queue(name, { connection: redis, prefix: 'bench-floor', defaultJobOptions: jobDefaults(2_000) }));
  }
}

async function enqueue(name: JobName, data: object, key: string, delay?: number): Promise<void> {
  await queues.get(JOB_QUEUES[name])?.add(name, data, { jobId: `${name}.${key}`.replace(/:/g, '_'), delay });
}

async function schedule(name: JobName, data: object, runAt: Date, key: string): Promise<void> {
  await enqueue(name, { ...data, runAt: runAt.toISOString() }, key, Math.max(0, runAt.getTime() - Date.now()));
}

// ---------------------------------------------------------------- session (src/identity/session.service.ts)

const SESSION_SQL = `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.second_factor,
              u.id AS user_id, u.display_name, u.locale,
              m.id AS membership_id, m.organisation_id, m.role, m.team_id, m.employer_id, m.participant_id
         FROM session s
         JOIN user_account u ON u.id = s.user_id AND u.disabled_at IS NULL
         JOIN membership m ON m.id = s.membership_id AND m.status = 'active'
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`;

interface Who {
  session_id: string;
  last_seen_at: Date;
  user_id: string;
  membership_id: string;
  organisation_id: string;
  role: Actor['role'];
  team_id: string | null;
  employer_id: string | null;
  participant_id: string | null;
  request_id: string;
}

async function authenticate(request: IncomingMessage): Promise<Who | undefined> {
  const header = String(request.headers.authorization ?? '');
  if (!header.startsWith('Bearer ')) return undefined;
  const now = new Date();
  const { rows } = await pool.query(SESSION_SQL, [createHash('sha256').update(header.slice(7).trim()).digest(), now]);
  const row = rows[0] as Who | undefined;
  if (!row) return undefined;
  const idle = now.getTime() - row.last_seen_at.getTime();
  if (idle > SESSION_IDLE_MS) {
    await pool.query('UPDATE "session" SET "revoked_at" = $1 WHERE ("id" = $2 AND "revoked_at" IS NULL)', [now, row.session_id]);
    return undefined;
  }
  if (idle > TOUCH_INTERVAL_MS) await pool.query('UPDATE session SET last_seen_at = $2 WHERE id = $1', [row.session_id, now]);
  return { ...row, request_id: randomUUID() };
}

// ---------------------------------------------------------------- audit (src/audit/audit.service.ts)

interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  subjectParticipantId?: string | null;
  fields?: string[];
}

const AUDIT_INSERT =
  'INSERT INTO audit_event (organisation_id, at, actor_user_id, actor_role, action, resource_type, resource_id, subject_participant_id, fields, request_id) VALUES ';

/** One row of ten parameters per entry, as AuditService writes them. */
async function audit(client: pg.Pool | pg.PoolClient, who: Who, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date();
  const values: unknown[] = [];
  const rows = entries.map((entry) => {
    const base = values.length;
    values.push(
      who.organisation_id,
      at,
      who.user_id,
      who.role,
      entry.action,
      entry.resourceType,
      entry.resourceId ?? null,
      entry.subjectParticipantId ?? null,
      entry.fields ?? [],
      who.request_id,
    );
    return `(${Array.from({ length: 10 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
  });
  await client.query(`${AUDIT_INSERT}${rows.join(', ')}`, values);
}

async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------- GET /v1/coach/today (src/coach-dashboard/coach-dashboard.service.ts)

async function today(who: Who) {
  const now = new Date();
  const day = localDate(now);
  const org = who.organisation_id;
  const me = who.membership_id;
  const checkins = (await pool.query(TODAY_CHECKINS_SQL, [org, me, day])).rows;
  const helpRequests = (await pool.query(TODAY_HELP_REQUESTS_SQL, [org, me, OPEN_HELP_STATUSES])).rows;
  const riskFlags = (await pool.query(TODAY_RISK_FLAGS_SQL, [org, me])).rows;
  const handovers = (await pool.query(TODAY_HANDOVERS_SQL, [org, me, now])).rows;
  const participants = new Set<string>(
    [...checkins, ...helpRequests, ...riskFlags, ...handovers].flatMap((row) => (row.participantId ? [row.participantId] : [])),
  );
  await audit(
    pool,
    who,
    [...participants].map((id) => ({ action: 'list', resourceType: 'coach_today', subjectParticipantId: id, fields: ['name'] })),
  );
  return { today: day, checkins, helpRequests, riskFlags, handovers };
}

// ---------------------------------------------------------------- GET /v1/vacancies/{id}/candidates (src/matching/matching.service.ts)

/**
 * The matching SQL comes from MatchingRepository.buildQuery itself, built once per
 * role and weights (its text depends on both) with placeholder values, so each
 * request only fills in the actor's values and runs the named prepared statement.
 */
const sqlOnly = new DataSource({ type: 'postgres', url: databaseUrl });
// Only the scope conditions are used here; the access check (canAccess) never runs.
const policies = new PolicyService(undefined as never);
const matching = new MatchingRepository(sqlOnly);
const MATCH_FIELDS = [
  'hoursMin',
  'hoursMax',
  'shiftsPossible',
  'postcode',
  'occupationWishes',
  'skills',
  'capacityHoursPerWeek',
  'needsAdaptations',
];
const matchStatements = new Map<string, { name: string; text: string; slots: unknown[] }>();

/** An actor whose values are named placeholders, to build a statement once and fill it per request. */
function placeholderActor(role: Actor['role']): Actor {
  return {
    userId: '@user',
    membershipId: '@member',
    organisationId: '@org',
    role,
    teamId: '@team',
    employerId: '@employer',
    participantId: '@participant',
    sessionId: '@session',
    via: 'bearer',
    displayName: '',
    locale: 'nl',
  };
}

/** The statement's values for this actor: each placeholder replaced, anything else (the weights) kept. */
function fill(slots: unknown[], who: Who, extra: Record<string, unknown>): unknown[] {
  const values: Record<string, unknown> = {
    '@user': who.user_id,
    '@member': who.membership_id,
    '@org': who.organisation_id,
    '@team': who.team_id,
    '@employer': who.employer_id,
    '@participant': who.participant_id,
    ...extra,
  };
  return slots.map((slot) => (typeof slot === 'string' && slot in values ? values[slot] : slot));
}

function matchStatement(role: Actor['role'], weights: Record<Criterion, number>) {
  const cacheKey = `${role}:${JSON.stringify(weights)}`;
  let statement = matchStatements.get(cacheKey);
  if (!statement) {
    const scope = policies.participantScope(placeholderActor(role), 'p');
    const [text, values] = matching.buildQuery({ vacancyId: '@vacancy' }, { ...scope.params, org: '@org' }, scope.sql, weights, {});
    statement = { name: `werkbrug_match_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, slots: values };
    matchStatements.set(cacheKey, statement);
  }
  return statement;
}

async function candidates(who: Who, vacancyId: string) {
  const { rows } = await pool.query(
    "SELECT v.id, o.settings -> 'matchingWeights' AS weights FROM organisation o LEFT JOIN vacancy v ON v.id = $1 AND v.organisation_id = o.id WHERE o.id = $2",
    [vacancyId, who.organisation_id],
  );
  if (!rows[0]?.id) return undefined;
  const weights = effectiveWeights(rows[0].weights);
  const statement = matchStatement(who.role, weights);
  const values = fill(statement.slots, who, { '@vacancy': vacancyId });
  const result = await pool.query({ name: statement.name, text: statement.text, values });
  await audit(
    pool,
    who,
    result.rows.map((row: { participant_id: string }) => ({
      action: 'list',
      resourceType: 'participant_profile',
      resourceId: row.participant_id,
      subjectParticipantId: row.participant_id,
      fields: MATCH_FIELDS,
    })),
  );
  return result.rows;
}

// ---------------------------------------------------------------- POST /v1/help-requests (src/help-requests/help-requests.service.ts)

interface Recipient {
  email: string;
  display_name: string;
  locale: string;
}

async function createHelpRequest(who: Who, input: Record<string, unknown>) {
  const now = new Date();
  const day = localDate(now);
  // creationContext: the participant (employer users read their employer instead), their coach, the response time.
  const [found] = (
    await pool.query(
      `SELECT r.id AS requester_id, o.settings -> 'helpResponseWorkingDays' AS response_days,
                  c.id AS coach_id, c.team_id AS coach_team_id,
                  (c.status = 'active' AND (c.absent_until IS NULL OR c.absent_until < $3)) AS coach_available,
                  c.status = 'active' AS coach_active
             FROM organisation o
             LEFT JOIN participant r ON r.id = $2 AND r.organisation_id = o.id AND r.erased_at IS NULL
             LEFT JOIN membership c ON c.id = r.coach_membership_id
            WHERE o.id = $1`,
      [who.organisation_id, who.participant_id, day],
    )
  ).rows;
  if (!found?.requester_id) return undefined;
  // route: the coach, else a team lead, else the absent coach
  let assignee: { id: string | null; notify: boolean } = { id: found.coach_id, notify: !!found.coach_active };
  if (!found.coach_available) {
    const [lead] = (
      await pool.query(
        `SELECT m.id
         FROM membership m
        WHERE m.organisation_id = $1 AND m.role = 'team_lead' AND m.status = 'active'
          AND (m.absent_until IS NULL OR m.absent_until < $2)
          AND ($3::uuid IS NULL OR m.team_id = $3) AND m.id IS DISTINCT FROM $4
        ORDER BY m.created_at, m.id LIMIT 1`,
        [who.organisation_id, day, found.coach_team_id, found.coach_id],
      )
    ).rows;
    if (lead) assignee = { id: lead.id, notify: true };
  }
  // MembershipsService.recipients (src/identity/identity.repository.ts): the assignee's address and the coach's name, one batched read.
  const people = [...new Set([assignee.id, found.coach_id].filter((id): id is string => !!id))];
  const recipients: Array<Recipient & { membership_id: string }> =
    people.length > 0
      ? (
          await pool.query(
            `SELECT m.id AS membership_id, m.user_id, m.organisation_id, m.role, m.status, m.team_id,
                    to_char(m.absent_until, 'YYYY-MM-DD') AS absent_until, u.email, u.display_name, u.locale, u.phone
               FROM membership m JOIN user_account u ON u.id = m.user_id
              WHERE m.id = ANY($1::uuid[])`,
            [people],
          )
        ).rows
      : [];
  const recipient = assignee.notify ? recipients.find((person) => person.membership_id === assignee.id) : undefined;
  const setting = found.response_days;
  const days = Number.isInteger(setting) && setting >= 0 && setting <= 30 ? setting : DEFAULT_HELP_RESPONSE_WORKING_DAYS;
  const acknowledgeBy = addWorkingDays(now, days);
  const { row, mailId } = await transaction(async (client) => {
    const [row] = (
      await client.query(INSERT_REQUEST_SQL, [
        who.organisation_id,
        who.user_id,
        who.role,
        found.requester_id,
        null,
        input.category,
        input.urgency,
        input.preferredChannel ?? null,
        input.preferredTime ?? null,
        encrypt(String(input.body)),
        assignee.id,
        acknowledgeBy,
        now,
      ])
    ).rows;
    await audit(client, who, [
      {
        action: 'create',
        resourceType: 'help_request',
        resourceId: row.id,
        subjectParticipantId: found.requester_id,
        fields: ['category', 'urgency', 'body'],
      },
    ]);
    const mailId = recipient ? await recordMail(client, who.organisation_id, recipient, row.id) : undefined;
    return { row, mailId };
  });
  await Promise.all([
    mailId ? enqueue(JobName.SendMail, { mailId }, mailId) : undefined,
    schedule(JobName.HelpRequestAcknowledgeDue, { helpRequestId: row.id }, acknowledgeBy, `${row.id}.${acknowledgeBy.getTime()}`),
  ]);
  return { ...row, body: input.body };
}

/** src/platform/mail/mail.service.ts record(): the outbox row, one per dedupe key. */
async function recordMail(client: pg.PoolClient, organisationId: string, recipient: Recipient, helpRequestId: string): Promise<string> {
  const dedupeKey = `help-request-new.${helpRequestId}`;
  const { rows } = await client.query(
    `INSERT INTO "mail_message"("organisation_id", "dedupe_key", "template", "locale", "recipient", "context", "attachments", "message_id", "status")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING "id", "context", "attachments", "status", "attempts", "created_at", "updated_at"`,
    [
      organisationId,
      dedupeKey,
      'help-request-new',
      recipient.locale,
      recipient.email,
      JSON.stringify({ name: recipient.display_name, link: `${PUBLIC_URL}/portal/help-requests/${helpRequestId}` }),
      '[]',
      `<${randomUUID()}@${MESSAGE_ID_DOMAIN}>`,
      'queued',
    ],
  );
  if (rows[0]) return rows[0].id;
  return (await client.query('SELECT id FROM mail_message WHERE dedupe_key = $1 LIMIT 1', [dedupeKey])).rows[0].id;
}

// ---------------------------------------------------------------- POST /v1/checkins/{id}/record (src/aftercare/aftercare.service.ts)

const CHECKIN_COLUMNS = [
  'id',
  'created_at',
  'updated_at',
  'organisation_id',
  'placement_id',
  'coach_membership_id',
  'due_on',
  'status',
  'first_after_start',
  'held_on',
  'channel',
  'with_whom',
  'frame',
  'look_back',
  'look_ahead',
  'actions',
  'life_domains',
  'signals',
  'agreement_evaluations',
  'work_matches_description',
  'notes',
  'next_contact_on',
  'missed_reason',
  'recorded_by_user_id',
  'version',
];
/** The service audits Object.keys() of its RecordCheckinDto instance: every field the DTO declares. */
const RECORD_FIELDS = [
  'heldOn',
  'channel',
  'withWhom',
  'frame',
  'lookBack',
  'lookAhead',
  'actions',
  'lifeDomains',
  'signals',
  'agreementEvaluations',
  'workMatchesDescription',
  'notes',
  'nextContactOn',
];
/** TypeORM's lock and findOneBy read every column of the entity; so does the floor. */
const CHECKIN_LOCK = `SELECT ${CHECKIN_COLUMNS.map((c) => `"c"."${c}" AS "c_${c}"`).join(', ')} FROM "checkin" "c" WHERE "c"."id" = $1 FOR UPDATE`;
const PLACEMENT_SELECT = 'SELECT * FROM "placement" "Placement" WHERE (("Placement"."id" = $1)) LIMIT 1';

const scopeChecks = new Map<string, [string, unknown[]]>();

/** PolicyService.canAccess(actor, 'checkin', id): the route's policy, built once per role. */
function checkinScope(role: Actor['role']): [string, unknown[]] {
  let check = scopeChecks.get(role);
  if (!check) {
    const { sql, params } = policies.placementPartScope(placeholderActor(role), 'r');
    check = sqlOnly.driver.escapeQueryWithParameters(`SELECT 1 FROM "checkin" "r" WHERE "r"."id" = :resourceId AND (${sql})`, {
      ...params,
      resourceId: '@id',
    });
    scopeChecks.set(role, check);
  }
  return check;
}

async function recordCheckin(who: Who, checkinId: string, input: Record<string, unknown>) {
  const [scopeSql, scopeSlots] = checkinScope(who.role);
  const allowed = await pool.query(scopeSql, fill(scopeSlots, who, { '@id': checkinId }));
  if (allowed.rows.length === 0) return { status: 404 };
  const today = new Date().toISOString().slice(0, 10);
  return transaction(async (client) => {
    const [checkin] = (await client.query(CHECKIN_LOCK, [checkinId])).rows;
    if (!checkin) return { status: 404 };
    if (checkin.c_status === 'done') return { status: 409 };
    if (checkin.c_status === 'cancelled' || String(input.heldOn) > today) return { status: 400 };
    const signals = (input.signals as string[] | undefined) ?? [];
    await client.query(
      `UPDATE checkin SET status = $2, held_on = $3, channel = $4, with_whom = $5, frame = $6, look_back = $7, look_ahead = $8,
                actions = $9, life_domains = $10, signals = $11, agreement_evaluations = $12, work_matches_description = $13,
                notes = $14, next_contact_on = $15, recorded_by_user_id = $16, version = version + 1, updated_at = CURRENT_TIMESTAMP
          WHERE id = $1 RETURNING version, updated_at`,
      [
        checkinId,
        'done',
        input.heldOn,
        input.channel,
        input.withWhom,
        JSON.stringify(input.frame),
        input.lookBack ?? null,
        input.lookAhead ?? null,
        JSON.stringify(input.actions ?? []),
        JSON.stringify(input.lifeDomains ?? {}),
        signals,
        JSON.stringify(input.agreementEvaluations ?? []),
        input.workMatchesDescription ?? null,
        encrypt(input.notes as string | undefined),
        input.nextContactOn ?? null,
        who.user_id,
      ],
    );
    const [placement] = (await client.query(PLACEMENT_SELECT, [checkin.c_placement_id])).rows;
    const contactAt = new Date(`${input.heldOn}T12:00:00Z`);
    await client.query(
      `INSERT INTO "contact_log"("id", "organisation_id", "placement_id", "participant_id", "coach_membership_id", "checkin_id", "at", "channel", "with_party", "summary", "created_at")
       VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, DEFAULT) RETURNING "id", "created_at"`,
      [
        checkin.c_organisation_id,
        placement.id,
        placement.participant_id,
        who.membership_id,
        checkinId,
        contactAt,
        input.channel,
        input.withWhom,
        null,
      ],
    );
    // evaluateRisk reads the earlier check-ins only when there are signals (the benchmark sends none; no flags to write).
    if (signals.length > 0) {
      await client.query(
        "SELECT signals FROM checkin WHERE placement_id = $1 AND status = 'done' AND id <> $2 ORDER BY held_on DESC LIMIT $3",
        [placement.id, checkinId, 2],
      );
    }
    const moved = !placement.last_contact_at || placement.last_contact_at < contactAt;
    const lastContactAt: Date = moved ? contactAt : placement.last_contact_at;
    if (moved) {
      await client.query(
        'UPDATE "placement" SET "last_contact_at" = $1, "version" = "version" + 1, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = $2',
        [lastContactAt, placement.id],
      );
    }
    await audit(client, who, [
      {
        action: 'update',
        resourceType: 'checkin',
        resourceId: checkinId,
        subjectParticipantId: placement.participant_id,
        fields: RECORD_FIELDS,
      },
    ]);
    return { status: 201, placementId: placement.id as string, lastContactAt };
  }).then(async (result) => {
    if (result.status !== 201) return result;
    const { placementId, lastContactAt } = result as { placementId: string; lastContactAt: Date };
    await schedule(
      JobName.PlacementNoContact,
      { placementId, lastContactAt: lastContactAt.toISOString() },
      new Date(lastContactAt.getTime() + 30 * 86_400_000),
      `${placementId}.${lastContactAt.getTime()}`,
    );
    return { status: 201, body: { id: checkinId, placementId, status: 'done' } };
  });
}

// ---------------------------------------------------------------- the server

function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let data = '';
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => {
      try {
        resolve(data ? JSON.parse(data) : {});
      } catch (error) {
        reject(error);
      }
    });
  });
}

function send(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(payload));
}

const CANDIDATES = /^\/vacancies\/([0-9a-f-]{36})\/candidates$/;
const RECORD = /^\/checkins\/([0-9a-f-]{36})\/record$/;

createServer(async (request, response) => {
  try {
    const who = await authenticate(request);
    if (!who) return send(response, 401, { status: 401 });
    const url = request.url ?? '';
    if (url === '/today') {
      if (!STAFF.has(who.role)) return send(response, 403, {});
      return send(response, 200, await today(who));
    }
    const vacancy = CANDIDATES.exec(url);
    if (vacancy) {
      if (!STAFF.has(who.role)) return send(response, 403, {});
      const rows = await candidates(who, vacancy[1]);
      return rows ? send(response, 200, rows) : send(response, 404, {});
    }
    if (url === '/help-requests') {
      if (who.role !== 'participant') return send(response, 403, {});
      const created = await createHelpRequest(who, await body(request));
      return created ? send(response, 201, created) : send(response, 404, {});
    }
    const record = RECORD.exec(url);
    if (record) {
      if (!STAFF.has(who.role)) return send(response, 403, {});
      const result = await recordCheckin(who, record[1], await body(request));
      return send(response, result.status, 'body' in result ? result.body : {});
    }
    send(response, 404, {});
  } catch (error) {
    send(response, 500, { error: String(error) });
  }
}).listen(port, '127.0.0.1', () => process.stdout.write('floor ready\n'));
