import { getMetadataStorage } from 'class-validator';

/** @nestjs/swagger's metadata key of a property's documented schema (what @ApiProperty writes). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

type PropertyDoc = Record<string, unknown> & { type?: unknown; items?: Record<string, unknown>; required?: boolean };
type Rule = { name?: string; target: object | string; propertyName: string; constraints?: unknown[]; each?: boolean };

/** The schema keywords one class-validator rule stands for; undefined when it has none. */
function keywords(rule: Rule): Record<string, unknown> | undefined {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isLength':
      return { ...((first as number) > 0 ? { minLength: first } : {}), ...(second === undefined ? {} : { maxLength: second }) };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'matches':
      return { pattern: first instanceof RegExp ? first.source : String(first) };
    case 'isIn':
      return { enum: [...(first as unknown[])] };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    default:
      return undefined;
  }
}

let applied = false;

/**
 * Writes what the DTOs enforce with class-validator (required or optional,
 * bounds, lengths, patterns, allowed values) into their @ApiProperty
 * metadata before the document is generated, so body schemas and query
 * parameters show every constraint without repeating it in each decorator.
 * An explicit @ApiProperty value wins; validation stays the single source.
 */
export function documentValidationConstraints(): void {
  if (applied) return;
  applied = true;
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, Rule[]> };
  for (const [target, rules] of storage.validationMetadatas) {
    const prototype = (target as { prototype?: object }).prototype;
    if (!prototype) continue;
    for (const rule of rules) {
      const doc = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, rule.propertyName) as PropertyDoc | undefined;
      if (!doc) continue;
      const next: PropertyDoc = { ...doc };
      if (rule.name === 'isOptional') next.required = false;
      if (rule.name === 'isInt' && !rule.each && (doc.type === Number || doc.type === 'number')) next.type = 'integer';
      const add = keywords(rule);
      if (add && rule.each) {
        // Per-item rules: only where the item schema is documented inline (enum arrays).
        if (doc.items) next.items = { ...add, ...doc.items };
      } else if (add) {
        Object.assign(next, add, doc);
      }
      Reflect.defineMetadata(API_MODEL_PROPERTIES, next, prototype, rule.propertyName);
    }
  }
}
