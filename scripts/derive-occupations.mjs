#!/usr/bin/env node
// Turns ESCO's occupation and ISCO group lists (Dutch and English) into the compact
// tab-separated occupations.tsv Werkbrug ships: one line per ISCO-08 unit group
// (4 digits) and one per ESCO occupation, each with its ISCO-08 unit group, its Dutch
// and English title and its alternative titles (search terms). See
// src/reference-data/data/README.md for the sources.
//   node scripts/derive-occupations.mjs isco_nl.ts occ_nl.ts ISCOGroups_en.csv occupations_en.csv \
//     > src/reference-data/data/occupations.tsv
// The Dutch lists are TypeScript files holding one array literal; the English ones are
// ESCO's own CSV downloads.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const [iscoNl, occupationsNl, iscoEn, occupationsEn] = process.argv.slice(2);
if (!occupationsEn) {
  throw new Error('Usage: node scripts/derive-occupations.mjs <isco nl .ts> <occupations nl .ts> <ISCOGroups_en.csv> <occupations_en.csv>');
}

const arrayLiteral = (file) => {
  const text = readFileSync(file, 'utf8');
  const literal = text.slice(text.indexOf('['), text.lastIndexOf(']') + 1);
  return new Function(`return ${literal};`)();
};
const csv = (file) => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
const clean = (value) =>
  String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const terms = (value, title) =>
  [
    ...new Set(
      String(value ?? '')
        .split('\n')
        .map(clean)
        .filter((term) => term && term.toLowerCase() !== title.toLowerCase()),
    ),
  ].join('|');
const unitGroup = (code) => (/^[0-9]{4}$/.test(String(code).padStart(4, '0')) ? String(code).padStart(4, '0') : null);
const escoId = (uri) => String(uri).split('/').pop();

const englishGroups = new Map();
for (const row of csv(iscoEn)) {
  if (String(row.code).length === 4) englishGroups.set(row.code, clean(row.preferredLabel));
}
const englishOccupations = new Map(csv(occupationsEn).map((row) => [escoId(row.conceptUri), row]));

const lines = [['kind', 'isco', 'esco', 'title_nl', 'title_en', 'terms_nl', 'terms_en'].join('\t')];
const groups = arrayLiteral(iscoNl)
  .filter((group) => String(group.code).length === 4 || (typeof group.code === 'number' && group.code >= 1000))
  .map((group) => ({ code: String(group.code).padStart(4, '0'), title: clean(group.preferredLabel) }))
  .sort((a, b) => a.code.localeCompare(b.code));
for (const group of groups) {
  lines.push(['isco', group.code, '', group.title, englishGroups.get(group.code) ?? '', '', ''].join('\t'));
}
const occupations = arrayLiteral(occupationsNl)
  .map((occupation) => ({ ...occupation, id: escoId(occupation.conceptUri), isco: unitGroup(occupation.iscoGroup) }))
  .filter((occupation) => occupation.isco && occupation.status === 'released')
  .sort((a, b) => a.id.localeCompare(b.id));
for (const occupation of occupations) {
  const titleNl = clean(occupation.preferredLabel);
  const english = englishOccupations.get(occupation.id);
  const titleEn = clean(english?.preferredLabel);
  lines.push(
    [
      'esco',
      occupation.isco,
      occupation.id,
      titleNl,
      titleEn,
      terms(occupation.altLabels, titleNl),
      terms(english?.altLabels, titleEn),
    ].join('\t'),
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
