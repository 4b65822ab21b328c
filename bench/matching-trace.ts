/**
 * Per-anchor trace of the fast path on a database kept by `npm run bench:matching -- … --database <name> --keep`:
 *   MATCHING_EXPLAIN_URL=postgres://postgres@127.0.0.1:5432/<name> \
 *     node --import @swc-node/register/esm-register bench/matching-trace.ts vacancy|participant ['{"limit":20}']
 * For 40 anchors (the same ones each run; ANCHORS=<n> for more, SALT=<text> for another sample): total ms, the anchor, its occupation and skills, each query's ms (the bounds,
 * SET, then one per bucket), the buckets run per phase (A: travel area, O: organisation) and the first and last score.
 * With EXPLAIN_ID=<anchor id> it prints EXPLAIN (ANALYZE, BUFFERS) of that anchor's bucket queries; FINE=1 or FINE=0 forces the fine
 * or the coarse buckets (else the pool size chooses).
 */
import { DEFAULT_WEIGHTS } from '../src/matching/criteria.js';
import type { TopKTrace } from '../src/matching/matching.repository.js';
import { openKeptDatabase } from './matching-kept.js';

const { client, repository, org, side, options } = await openKeptDatabase();
if (process.env.FINE) repository.fineBuckets = process.env.FINE === '1';
const anchors = Number(process.env.ANCHORS ?? 40);
const salt = process.env.SALT ?? '';
const ids = process.env.EXPLAIN_ID
  ? [process.env.EXPLAIN_ID]
  : side === 'vacancy'
    ? (
        await client.query("SELECT id FROM vacancy WHERE organisation_id = $1 AND status = 'open' ORDER BY md5($2 || id::text) LIMIT $3", [
          org,
          salt,
          anchors,
        ])
      ).rows.map((r) => r.id)
    : (
        await client.query(
          'SELECT participant_id AS id FROM participant_profile WHERE organisation_id = $1 ORDER BY md5($2 || participant_id::text) LIMIT $3',
          [org, salt, anchors],
        )
      ).rows.map((r) => r.id);
const captured: Array<{ text: string; values: unknown[] }> = [];
const timed = {
  query: async (q: { text: string; values: unknown[] }) => {
    captured.push(q);
    const t = performance.now();
    const r = await client.query(q.text, q.values);
    times.push(Math.round(performance.now() - t));
    return r;
  },
};
let times: number[] = [];
for (const id of ids) {
  times = [];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off');
  const trace: TopKTrace = { phases: [] };
  const t = performance.now();
  const rows = await repository.topKOver(
    timed as never,
    side === 'vacancy' ? { vacancyId: id } : { participantId: id },
    { scopeOrg: org, org },
    'p.organisation_id = :scopeOrg',
    DEFAULT_WEIGHTS,
    options,
    trace,
  );
  const ms = Math.round(performance.now() - t);
  await client.query('COMMIT');
  if (process.env.EXPLAIN_ID === id)
    for (const q of captured.filter((c) => (process.env.EXPLAIN_ALL && !c.text.startsWith('SET')) || c.text.includes('anchor_'))) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  captured.length = 0;
  const info =
    side === 'vacancy'
      ? (await client.query('SELECT isco_code, skills, employer_id FROM vacancy WHERE id = $1', [id])).rows[0]
      : (await client.query('SELECT occupation_wishes, skills FROM participant_profile WHERE participant_id = $1', [id])).rows[0];
  console.log(
    ms,
    id,
    JSON.stringify(info),
    trace.phases.map((p) => `${p.area ? 'A' : 'O'}:${p.buckets.join(',')}`).join(' | '),
    times.join(','),
    rows.length ? `${rows[0].total}..${rows[rows.length - 1].total}` : '',
  );
}
await client.end();
