/**
 * What bench/matching-explain.ts and bench/matching-trace.ts share: a connection to a database kept by
 * `npm run bench:matching -- … --database <name> --keep` (MATCHING_EXPLAIN_URL), a MatchingRepository over it, the
 * bench organisation, and the side and options from the command line (`vacancy|participant ['{"limit":20}']`).
 */
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MatchingRepository, type QueryOptions } from '../src/matching/matching.repository.js';

export async function openKeptDatabase() {
  const url = process.env.MATCHING_EXPLAIN_URL;
  if (!url) throw new Error('MATCHING_EXPLAIN_URL is required');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const repository = new MatchingRepository(new DataSource({ type: 'postgres', url }));
  const [{ id: org }] = (await client.query("SELECT id FROM organisation WHERE slug = 'bench-matching'")).rows;
  const side: 'vacancy' | 'participant' = process.argv[2] === 'participant' ? 'participant' : 'vacancy';
  const options: QueryOptions = JSON.parse(process.argv[3] ?? '{"limit":20}');
  return { client, repository, org: org as string, side, options };
}
