import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage, validate } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MULTI_LINE, SINGLE_LINE, SingleLine, SINGLE_LINE_REASON } from '../../../src/platform/http/line-breaks.js';

const SRC = path.resolve(import.meta.dirname, '../../../src');
/** Constraints that make a property a text field: it must say whether line breaks belong in it. */
const TEXT_CONSTRAINTS = new Set(['isString', 'isLength', 'minLength', 'maxLength', 'isEmail', 'matches']);

/** Every source file that declares validation rules (environment variables are not input from people). */
function validatedFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return file === path.join(SRC, 'platform', 'config') ? [] : validatedFiles(file);
    return entry.name.endsWith('.ts') && readFileSync(file, 'utf8').includes("from 'class-validator'") ? [file] : [];
  });
}

/** `Class.property` of every text field in the input DTOs, with the line markers it carries. */
async function textFields(): Promise<Map<string, string[]>> {
  const storage = getMetadataStorage();
  const fields = new Map<string, string[]>();
  for (const file of validatedFiles()) {
    const exported = Object.values((await import(file)) as Record<string, unknown>);
    for (const target of exported.filter((value): value is new () => object => typeof value === 'function')) {
      const byProperty = new Map<string, Set<string>>();
      for (const metadata of storage.getTargetValidationMetadatas(target, '', true, false)) {
        const names = byProperty.get(metadata.propertyName) ?? new Set<string>();
        if (metadata.name) names.add(metadata.name);
        byProperty.set(metadata.propertyName, names);
      }
      for (const [property, names] of byProperty) {
        if (![...names].some((name) => TEXT_CONSTRAINTS.has(name))) continue;
        fields.set(
          `${target.name}.${property}`,
          [...names].filter((name) => name === SINGLE_LINE || name === MULTI_LINE),
        );
      }
    }
  }
  return fields;
}

describe('text fields in input DTOs', () => {
  it('each say whether they are single-line (@SingleLine) or may hold line breaks (@MultiLine)', async () => {
    const fields = await textFields();
    expect(fields.size).toBeGreaterThan(50);
    const undecided = [...fields].filter(([, markers]) => markers.length === 0).map(([field]) => field);
    const both = [...fields].filter(([, markers]) => markers.length > 1).map(([field]) => field);
    expect({ undecided, both }).toEqual({ undecided: [], both: [] });
  });

  it('refuses CR, LF and the Unicode line separators in a single-line field, naming the reason', async () => {
    class Named {
      @SingleLine()
      name?: unknown;
    }
    const check = async (name: unknown) => {
      const instance = Object.assign(new Named(), { name });
      return (await validate(instance)).map((error) => error.constraints);
    };
    for (const broken of ['Ayşe\nYılmaz', 'Ayşe\r\nYılmaz', 'Ayşe\rYılmaz', 'Ayşe\u2028Yılmaz', 'Ayşe\u0085Yılmaz']) {
      expect(await check(broken)).toEqual([{ [SINGLE_LINE]: SINGLE_LINE_REASON }]);
    }
    expect(await check('Łukasz Żółć\tjr.')).toEqual([]);
    expect(await check(undefined)).toEqual([]);
    expect(await check(12)).toEqual([]);
  });
});
