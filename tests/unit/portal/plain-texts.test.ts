import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allMessages } from '../../../src/portal/i18n.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function files(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? files(file, ending) : entry.name.endsWith(ending) ? [file] : [];
  });
}

/** "hulpvraag/hulpvragen", "uur/uren": a slash where translate()'s ICU plural belongs. */
const SLASH_PLURAL = /(?<![\w/:.])(\p{L}{2,})\/(\p{L}{2,})(?![\w/])/u;

describe('portal texts', () => {
  it('use the ICU plural instead of a slash between two forms of a word', async () => {
    for (const file of files(path.join(ROOT, 'src/portal'), 'i18n.ts')) await import(file);
    const texts = Object.entries(allMessages('nl')).map(([key, text]) => ({ where: key, text }));
    for (const file of files(path.join(ROOT, 'templates/portal'), '.hbs')) {
      // Text between tags only: paths and attributes hold slashes of their own.
      const between = readFileSync(file, 'utf8').replace(/<[^>]*>|\{\{[^}]*\}\}/g, '\n');
      texts.push(...between.split('\n').map((text) => ({ where: path.relative(ROOT, file), text })));
    }
    expect(texts.length).toBeGreaterThan(500);
    expect(SLASH_PLURAL.test('U heeft 2 open hulpvraag/hulpvragen.')).toBe(true);
    const slashed = texts.filter(({ text }) => SLASH_PLURAL.test(text) && !/\ben\/of\b/.test(text));
    expect(slashed).toEqual([]);
  });

  it('say "gesprek" or "nazorggesprek" in Dutch, not the English "check-in"', async () => {
    for (const file of files(path.join(ROOT, 'src/portal'), 'i18n.ts')) await import(file);
    const english = Object.entries(allMessages('nl')).filter(([, text]) => /check-?ins?\b/i.test(text));
    expect(english).toEqual([]);
    expect(allMessages('nl')['coach.today.checkins']).toBe('Nazorggesprekken');
  });
});
