import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CRITERIA, DEFAULT_WEIGHTS, FILTERS, MODE_MAX_KM, OCCUPATION_FIT } from '../../src/matching/criteria.js';

/** The rows of the markdown table whose header row starts with `firstHeader`, as cells. */
function table(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${firstHeader} |`));
  if (start < 0) throw new Error(`no table starting with "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const key = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1];
const dutchNumber = (text: string) => Number(text.replace(',', '.'));

describe('the algorithm register text (docs/algoritmeregister.md) and the code', () => {
  const markdown = readFileSync(path.resolve('docs/algoritmeregister.md'), 'utf8');

  it('names the same filters as the code, in the same order', () => {
    expect(table(markdown, 'filter').map((row) => key(row[1]))).toEqual([...FILTERS]);
  });

  it('names the same criteria with the same default weights', () => {
    const rows = table(markdown, 'criterium');
    expect(rows.map((row) => key(row[1]))).toEqual([...CRITERIA]);
    expect(Object.fromEntries(rows.map((row) => [key(row[1]), Number(row[2])]))).toEqual(DEFAULT_WEIGHTS);
  });

  it('gives the travel reach per means of transport as the code does', () => {
    const rows = table(markdown, 'vervoermiddel');
    expect(Object.fromEntries(rows.map((row) => [key(row[1]), Number(row[2])]))).toEqual(MODE_MAX_KM);
  });

  it('gives the occupation fit steps as the code does', () => {
    const occupation = table(markdown, 'criterium').find((row) => key(row[1]) === 'occupation')![3];
    const steps = [...occupation.matchAll(/\b(1|0,\d+)\b/g)].map((match) => dutchNumber(match[1]));
    expect(steps.slice(0, 3)).toEqual([OCCUPATION_FIT.unit, OCCUPATION_FIT.minor, OCCUPATION_FIT.subMajor]);
  });
});
