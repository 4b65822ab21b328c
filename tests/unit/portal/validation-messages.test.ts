import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CreateHelpRequestDto } from '../../../src/help-requests/dto/help-request.dto.js';
import { EmailDto } from '../../../src/identity/dto/auth.dto.js';
import { parseForm } from '../../../src/portal/form.js';
import { translate } from '../../../src/portal/i18n.js';
import { formErrors } from '../../../src/portal/portal-context.js';
import { CONSTRAINT_MESSAGES } from '../../../src/portal/validation-messages.js';

const SRC = path.resolve(import.meta.dirname, '../../../src');
/** Markers that never fail (they only record a choice or switch other checks off). */
const NEVER_FAIL = new Set(['isOptional', 'conditionalValidation', 'multiLine']);

function dtoFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return dtoFiles(file);
    return path.basename(dir) === 'dto' && entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Every check (constraint name) declared in src/**\/dto. */
async function constraintsInDtos(): Promise<Set<string>> {
  const names = new Set<string>();
  const storage = getMetadataStorage();
  for (const file of dtoFiles()) {
    const exported = Object.values((await import(file)) as Record<string, unknown>);
    for (const target of exported.filter((value): value is new () => object => typeof value === 'function')) {
      for (const metadata of storage.getTargetValidationMetadatas(target, '', true, false)) {
        names.add(metadata.name ?? metadata.type);
      }
    }
  }
  return names;
}

const ENGLISH = /\b(must|should|the following|characters|values|number|enter a|choose)\b/;

describe('validation messages in Dutch', () => {
  it('has a Dutch message for every class-validator check used in a DTO', async () => {
    const used = await constraintsInDtos();
    expect(used.size).toBeGreaterThan(20);
    const mapped = new Map(CONSTRAINT_MESSAGES);
    const missing = [...used].filter((name) => !NEVER_FAIL.has(name) && !mapped.has(name));
    expect(missing).toEqual([]);
    for (const name of used) {
      const key = mapped.get(name);
      if (!key) continue;
      const text = translate('nl', key, { label: 'Veld', limit: 3 });
      expect({ name, text }).toEqual({ name, text: expect.not.stringMatching(ENGLISH) });
      expect(text).not.toBe(key);
    }
  });

  it('names every problem of a form in one pass, in Dutch, with the limits from the DTO', async () => {
    const { invalidParams } = await parseForm(EmailDto, { email: 'naam@' });
    expect(formErrors(invalidParams, { email: 'E-mailadres' }, 'nl').byField.email).toBe(
      'Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
    );

    const help = await parseForm(CreateHelpRequestDto, {
      category: 'weather',
      urgency: 'now',
      body: 'x'.repeat(2001),
      preferredTime: 'x'.repeat(201),
    });
    const labels = { category: 'Onderwerp', urgency: 'Hoe snel', body: 'Uw vraag', preferredTime: 'Wanneer' };
    const errors = formErrors(help.invalidParams, labels, 'nl');
    expect(errors.byField).toEqual({
      category: 'Onderwerp: kies een van de mogelijkheden.',
      urgency: 'Hoe snel: kies een van de mogelijkheden.',
      body: 'Uw vraag mag niet langer zijn dan 2.000 tekens.',
      preferredTime: 'Wanneer mag niet langer zijn dan 200 tekens.',
    });
    for (const { message } of errors.list) expect(message).not.toMatch(ENGLISH);

    // Only spaces: not filled in, not "at least 1 character".
    const blank = await parseForm(CreateHelpRequestDto, { category: 'work', urgency: 'normal', body: '   ' });
    expect(formErrors(blank.invalidParams, labels, 'nl').byField).toEqual({ body: 'Vul uw vraag in.' });
  });
});
