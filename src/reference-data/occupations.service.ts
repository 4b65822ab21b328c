import { Injectable } from '@nestjs/common';
import { type OccupationRow, OccupationsRepository } from './occupations.repository.js';

/** An occupation as the portal and the API show it: its name, with the ISCO-08 code underneath. */
export interface Occupation {
  /** `isco:<code>` for an ISCO-08 unit group, `esco:<id>` for an ESCO occupation. */
  key: string;
  iscoCode: string;
  escoUri?: string;
  title: string;
  /** The ISCO-08 unit group's title (the same as `title` for a unit group). */
  groupTitle: string;
}

export type OccupationLocale = 'nl' | 'en';

const MAX_RESULTS = 50;
const OCCUPATION_KEY = /^(isco:[0-9]{4}|esco:[0-9a-f-]{36})$/;

function shown(row: OccupationRow, locale: OccupationLocale): Occupation {
  return {
    key: row.key,
    iscoCode: row.iscoCode,
    ...(row.escoUri ? { escoUri: row.escoUri } : {}),
    title: locale === 'en' ? row.titleEn : row.titleNl,
    groupTitle: locale === 'en' ? row.groupTitleEn : row.groupTitleNl,
  };
}

/** The query's words as PostgreSQL regexes matching the start of a word; anything but letters and digits separates words. */
function wordPatterns(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 6)
    .map((word) => `\\m${word}`);
}

/** Occupations by name (ISCO-08 unit groups and ESCO occupations, Dutch and English), for other capabilities and pages. */
@Injectable()
export class OccupationsService {
  constructor(private readonly occupations: OccupationsRepository) {}

  /** Ranked by how well the name matches: whole title, its start, a word in it, the other language, alternative titles. */
  async search(query: string, locale: OccupationLocale, limit = 20): Promise<Occupation[]> {
    const words = wordPatterns(query);
    if (words.length === 0) return [];
    const whole = query.trim().replace(/\s+/g, ' ');
    const rows = await this.occupations.search(words, whole, locale, Math.min(Math.max(limit, 1), MAX_RESULTS));
    return rows.map((row) => shown(row, locale));
  }

  /** One occupation by its key (`isco:9333`, `esco:<id>`); undefined when there is none. */
  async byKey(key: string, locale: OccupationLocale): Promise<Occupation | undefined> {
    if (!OCCUPATION_KEY.test(key)) return undefined;
    const [row] = await this.occupations.byKeys([key]);
    return row ? shown(row, locale) : undefined;
  }

  /** What a vacancy's occupation is called: its ESCO occupation when it has one, else its ISCO-08 unit group. */
  async named(iscoCode: string, escoUri: string | null | undefined, locale: OccupationLocale): Promise<Occupation | undefined> {
    if (escoUri) {
      const [row] = await this.occupations.byEscoUris([escoUri]);
      if (row) return shown(row, locale);
    }
    return this.byKey(`isco:${iscoCode}`, locale);
  }

  /** The names of ISCO-08 unit groups, by code; a code without a name is left out. */
  async groupTitles(codes: string[], locale: OccupationLocale): Promise<Map<string, string>> {
    const valid = [...new Set(codes)].filter((code) => /^[0-9]{4}$/.test(code));
    if (valid.length === 0) return new Map();
    const rows = await this.occupations.byKeys(valid.map((code) => `isco:${code}`));
    return new Map(rows.map((row) => [row.iscoCode, locale === 'en' ? row.titleEn : row.titleNl]));
  }
}
