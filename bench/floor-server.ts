/**
 * The floor for the HTTP benchmark: a bare node:http server running the same
 * SQL as the Werkbrug endpoint (session lookup, then the endpoint's
 * statements) with plain pg and no framework, validation, audit or queue.
 * Started by bench/http.ts: node … bench/floor-server.ts <port> <databaseUrl>
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const [port, databaseUrl] = [Number(process.argv[2]), process.argv[3]];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

const SESSION_SQL = `SELECT u.id AS user_id, m.id AS membership_id, m.organisation_id, m.participant_id
  FROM session s JOIN user_account u ON u.id = s.user_id AND u.disabled_at IS NULL
  JOIN membership m ON m.id = s.membership_id AND m.status = 'active'
 WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`;

const TODAY_SQL = [
  `SELECT c.id, c.placement_id, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, p.id AS participant_id, p.first_name || ' ' || p.last_name AS name,
          e.name AS employer, EXISTS (SELECT 1 FROM checkin_preparation cp WHERE cp.checkin_id = c.id) AS prepared
     FROM checkin c JOIN placement pl ON pl.id = c.placement_id JOIN participant p ON p.id = pl.participant_id JOIN employer e ON e.id = pl.employer_id
    WHERE c.organisation_id = $1 AND COALESCE(c.coach_membership_id, pl.coach_membership_id) = $2 AND c.status = 'planned'
      AND c.due_on <= current_date + 7 AND p.erased_at IS NULL AND pl.status NOT IN ('closed', 'dropped_out', 'no_match')
    ORDER BY c.due_on, name, c.id`,
  `SELECT hr.id, hr.urgency, hr.status FROM help_request hr JOIN user_account u ON u.id = hr.requester_user_id LEFT JOIN participant p ON p.id = hr.participant_id
    WHERE hr.organisation_id = $1 AND hr.assigned_membership_id = $2 AND hr.status = ANY('{new,acknowledged,in_progress}')
    ORDER BY hr.created_at, hr.id`,
  `SELECT pl.id FROM placement pl JOIN participant p ON p.id = pl.participant_id JOIN employer e ON e.id = pl.employer_id
    WHERE pl.organisation_id = $1 AND pl.coach_membership_id = $2 AND cardinality(pl.risk_flag_reasons) > 0 AND p.erased_at IS NULL`,
  `SELECT hm.id FROM handover_meeting hm JOIN placement pl ON pl.id = hm.placement_id
    WHERE hm.organisation_id = $1 AND pl.coach_membership_id = $2 AND hm.status = 'scheduled' AND hm.completed_at IS NULL
      AND hm.starts_at >= now() AND hm.starts_at < now() + interval '14 days'`,
];

async function actor(request: IncomingMessage) {
  const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const { rows } = await pool.query(SESSION_SQL, [createHash('sha256').update(token).digest()]);
  return rows[0] as { user_id: string; membership_id: string; organisation_id: string; participant_id: string | null } | undefined;
}

function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let data = '';
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => resolve(data ? JSON.parse(data) : {}));
  });
}

function send(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(payload));
}

createServer(async (request, response) => {
  try {
    const who = await actor(request);
    if (!who) return send(response, 401, { status: 401 });
    const url = request.url ?? '';
    if (url === '/today') {
      const results = [];
      for (const sql of TODAY_SQL) results.push((await pool.query(sql, [who.organisation_id, who.membership_id])).rows);
      return send(response, 200, results);
    }
    if (url === '/help-requests') {
      const input = await body(request);
      const { rows } = await pool.query(
        `INSERT INTO help_request (organisation_id, requester_user_id, requester_role, participant_id, category, urgency, body,
                                   assigned_membership_id, acknowledge_by, created_at, updated_at)
         SELECT $1, $2, 'participant', $3, $4, $5, $6, coach_membership_id, now() + interval '2 days', now(), now() FROM participant WHERE id = $3
         RETURNING id`,
        [who.organisation_id, who.user_id, who.participant_id, input.category, input.urgency, input.body],
      );
      return send(response, 201, rows[0]);
    }
    const record = /^\/checkins\/([0-9a-f-]{36})\/record$/.exec(url);
    if (record) {
      const input = await body(request);
      const { rows } = await pool.query(
        `UPDATE checkin SET status = 'done', held_on = $2, channel = $3, with_whom = $4, frame = $5, version = version + 1, updated_at = now()
          WHERE id = $1 AND organisation_id = $6 AND status = 'planned' RETURNING id`,
        [record[1], input.heldOn, input.channel, input.withWhom, JSON.stringify(input.frame), who.organisation_id],
      );
      return send(response, rows[0] ? 201 : 409, rows[0] ?? {});
    }
    send(response, 404, {});
  } catch (error) {
    send(response, 500, { error: String(error) });
  }
}).listen(port, '127.0.0.1', () => process.stdout.write('floor ready\n'));
