import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

export interface OccupationRow {
  key: string;
  iscoCode: string;
  escoUri: string | null;
  titleNl: string;
  titleEn: string;
  groupTitleNl: string;
  groupTitleEn: string;
}

const COLUMNS = `o.key, o.isco_code AS "iscoCode", o.esco_uri AS "escoUri", o.title_nl AS "titleNl", o.title_en AS "titleEn",
  g.title_nl AS "groupTitleNl", g.title_en AS "groupTitleEn"`;
const FROM = `occupation o JOIN occupation g ON g.key = 'isco:' || o.isco_code`;

/**
 * Ranks a match of every word (as the start of a word): the whole title in the
 * reader's language first, then its start, then words in that title, then the
 * other language's title, then alternative titles. $1 = words as regexes,
 * $2 = the whole query, $3 = 'nl' or 'en'.
 */
const SEARCH_SQL = `
  WITH q AS (SELECT $1::text[] AS words, lower($2::text) AS whole),
  scored AS (
    SELECT o.*,
      CASE WHEN $3 = 'en' THEN lower(o.title_en) ELSE lower(o.title_nl) END AS own,
      CASE WHEN $3 = 'en' THEN lower(o.title_nl) ELSE lower(o.title_en) END AS other,
      lower(o.terms_nl || ' | ' || o.terms_en) AS terms
    FROM occupation o
  ),
  ranked AS (
    SELECT s.key,
      CASE
        WHEN s.own = q.whole OR s.key = 'isco:' || q.whole THEN 0
        WHEN starts_with(s.own, q.whole) OR s.isco_code = q.whole THEN 1
        WHEN (SELECT bool_and(s.own ~ w) FROM unnest(q.words) w) THEN 2
        WHEN (SELECT bool_and(s.other ~ w) FROM unnest(q.words) w) THEN 3
        WHEN (SELECT bool_and(s.terms ~ w) FROM unnest(q.words) w) THEN 4
      END AS rank,
      length(s.own) AS size, s.own
    FROM scored s, q
  )
  SELECT ${COLUMNS}
  FROM ranked r JOIN ${FROM} ON o.key = r.key
  WHERE r.rank IS NOT NULL
  ORDER BY r.rank, r.size, r.own
  LIMIT $4`;

/** Every statement on occupation (ISCO-08 unit groups and ESCO occupations, shipped reference data). */
@Injectable()
export class OccupationsRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  search(words: string[], whole: string, locale: 'nl' | 'en', limit: number): Promise<OccupationRow[]> {
    return this.query<OccupationRow>(SEARCH_SQL, [words, whole, locale, limit]);
  }

  byKeys(keys: string[]): Promise<OccupationRow[]> {
    return this.query<OccupationRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE o.key = ANY($1::text[])`, [keys]);
  }

  byEscoUris(uris: string[]): Promise<OccupationRow[]> {
    return this.query<OccupationRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE o.esco_uri = ANY($1::text[])`, [uris]);
  }
}
