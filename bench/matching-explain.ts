/**
 * EXPLAIN ANALYZE of the fast path's queries for one anchor, on a database kept
 * by `npm run bench:matching -- … --database <name> --keep`:
 *   MATCHING_EXPLAIN_URL=postgres://postgres@127.0.0.1:5432/<name> \
 *     node --import @swc-node/register/esm-register bench/matching-explain.ts vacancy|participant ['{"limit":20}']
 * Prints the buckets run and each query's plan, then times the first bucket
 * query eight times as a named prepared statement (with custom plans, as the
 * service runs it), which is how the generic-plan slowdown was found.
 */
import { DEFAULT_WEIGHTS } from '../src/matching/criteria.js';
import type { TopKTrace } from '../src/matching/matching.repository.js';
import { openKeptDatabase } from './matching-kept.js';

const { client, repository, org, side, options } = await openKeptDatabase();
const anchorId: string =
  side === 'vacancy'
    ? (await client.query("SELECT id FROM vacancy WHERE organisation_id = $1 AND status = 'open' ORDER BY id OFFSET 777 LIMIT 1", [org]))
        .rows[0].id
    : (
        await client.query(
          'SELECT participant_id AS id FROM participant_profile WHERE organisation_id = $1 ORDER BY participant_id OFFSET 7777 LIMIT 1',
          [org],
        )
      ).rows[0].id;
const anchor = side === 'vacancy' ? { vacancyId: anchorId } : { participantId: anchorId };
const captured: Array<{ text: string; values: unknown[] }> = [];
const recorder = {
  query: async (q: { text: string; values: unknown[] }) => {
    captured.push(q);
    return client.query(q.text, q.values);
  },
};
await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off');
const trace: TopKTrace = { phases: [] };
const started = performance.now();
const rows = await repository.topKOver(
  recorder as never,
  anchor,
  { scopeOrg: org, org },
  'p.organisation_id = :scopeOrg',
  DEFAULT_WEIGHTS,
  options,
  trace,
);
console.log(
  `${Math.round(performance.now() - started)} ms, ${rows.length} rows, ${JSON.stringify(trace)}, scores ${rows.map((r) => r.total).join(', ')}`,
);
for (const q of captured.slice(1).filter((c) => !/^\s*SET /i.test(c.text))) {
  const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.text}`, q.values);
  console.log(`-----\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
}
await client.query('COMMIT');
const bucketQuery = captured.find((q) => q.text.includes('anchor_'));
for (let i = 0; bucketQuery && i < 8; i++) {
  await client.query('BEGIN; SET LOCAL plan_cache_mode = force_custom_plan');
  const t = performance.now();
  await client.query({ name: 'matching_explain', text: bucketQuery.text, values: bucketQuery.values });
  console.log(`run ${i + 1}: ${Math.round(performance.now() - t)} ms`);
  await client.query('COMMIT');
}
await client.end();
