import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROJECT_ROOT } from '../src/platform/project-root.js';

/** Shipped with Werkbrug; src/reference-data/data/README.md names its sources and licence. */
const OCCUPATIONS_FILE = path.join(PROJECT_ROOT, 'src', 'reference-data', 'data', 'occupations.tsv');
const ESCO_OCCUPATION = 'http://data.europa.eu/esco/occupation/';

/** The shipped file as parallel arrays, for one `unnest` statement instead of 3,500 inserts. */
function shippedColumns(): string[][] {
  const columns: string[][] = [[], [], [], [], [], [], []];
  for (const line of readFileSync(OCCUPATIONS_FILE, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const [kind, isco, esco, titleNl, titleEn, termsNl, termsEn] = line.split('\t');
    columns[0].push(kind === 'isco' ? `isco:${isco}` : `esco:${esco}`);
    columns[1].push(isco);
    columns[2].push(esco ? `${ESCO_OCCUPATION}${esco}` : '');
    columns[3].push(titleNl);
    columns[4].push(titleEn || titleNl);
    columns[5].push(termsNl.replaceAll('|', ' | '));
    columns[6].push(termsEn.replaceAll('|', ' | '));
  }
  return columns;
}

/**
 * ISCO-08 unit groups and ESCO occupations with Dutch and English titles, so an
 * occupation is chosen and shown by name while the ISCO code stays underneath.
 */
export class LoadOccupations1763905000000 implements MigrationInterface {
  name = 'LoadOccupations1763905000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE occupation (
        key text PRIMARY KEY,
        isco_code char(4) NOT NULL,
        esco_uri text,
        title_nl text NOT NULL,
        title_en text NOT NULL,
        terms_nl text NOT NULL DEFAULT '',
        terms_en text NOT NULL DEFAULT '',
        CONSTRAINT occupation_isco_code_format CHECK (isco_code ~ '^[0-9]{4}$')
      )`);
    await queryRunner.query('CREATE INDEX occupation_isco_code ON occupation (isco_code)');
    await queryRunner.query('CREATE UNIQUE INDEX occupation_esco_uri ON occupation (esco_uri) WHERE esco_uri IS NOT NULL');
    await queryRunner.query(
      `INSERT INTO occupation (key, isco_code, esco_uri, title_nl, title_en, terms_nl, terms_en)
       SELECT key, isco, NULLIF(esco, ''), title_nl, title_en, terms_nl, terms_en
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS shipped (key, isco, esco, title_nl, title_en, terms_nl, terms_en)`,
      shippedColumns(),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE occupation');
  }
}
