import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * OpenAPI 3.0 `nullable: true` as JSON Schema: the value, or null. The
 * generator also puts it next to a `$ref` and an `enum`, where it means the
 * same ("one of these, or null"), which Ajv alone would not accept.
 */
export function nullableAsJsonSchema<T>(node: T): T {
  if (Array.isArray(node)) return node.map(nullableAsJsonSchema) as T;
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, nullableAsJsonSchema(value)]));
  // `nullable` is a schema keyword only where it is a boolean; a property named "nullable" is an object.
  if (nullable === true) return { anyOf: [converted, { type: 'null' }] } as T;
  if (nullable !== undefined) converted.nullable = nullableAsJsonSchema(nullable);
  return converted as T;
}

/** An Ajv that knows the whole document as `openapi`, so schemas are compiled as JSON pointers into it. */
export function openApiAjv(document: object): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(nullableAsJsonSchema(document), 'openapi');
  return ajv;
}

/** The JSON pointer (for `openApiAjv`) of a response body schema. */
export function responseSchemaPointer(path: string, method: string, status: string, mediaType: string): string {
  const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
  return `openapi#/paths/${escape(path)}/${method}/responses/${status}/content/${escape(mediaType)}/schema`;
}
