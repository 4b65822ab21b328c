#!/usr/bin/env node
// Turns GeoNames' Dutch postal code dump (NL.txt, tab-separated, several rows per
// 4-digit postcode when it covers more than one place) into the compact
// pc4,latitude,longitude,municipality file Werkbrug ships. One row per PC4: the
// mean of its rows' coordinates, and the municipality most of its rows name.
//   node scripts/derive-pc4-centroids.mjs NL.txt > src/reference-data/data/pc4-centroids.csv
import { readFileSync } from 'node:fs';

const source = process.argv[2];
if (!source) throw new Error('Usage: node scripts/derive-pc4-centroids.mjs <GeoNames NL.txt>');

const areas = new Map();
for (const line of readFileSync(source, 'utf8').split(/\r?\n/)) {
  const cells = line.split('\t');
  if (cells[0] !== 'NL' || !/^[1-9][0-9]{3}$/.test(cells[1])) continue;
  const area = areas.get(cells[1]) ?? { latitudes: [], longitudes: [], municipalities: [] };
  area.latitudes.push(Number(cells[9]));
  area.longitudes.push(Number(cells[10]));
  area.municipalities.push(cells[5]);
  areas.set(cells[1], area);
}

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const mostNamed = (names) => {
  const counts = new Map();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
};

const lines = ['pc4,latitude,longitude,municipality'];
for (const pc4 of [...areas.keys()].sort()) {
  const area = areas.get(pc4);
  // The municipality is the last column, so a comma in its name needs no quoting.
  lines.push(`${pc4},${mean(area.latitudes).toFixed(4)},${mean(area.longitudes).toFixed(4)},${mostNamed(area.municipalities)}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
