import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * OpenAPI 3.0 `nullable: true` next to an `enum` without null: the generator
 * means "one of these, or null", which Ajv only accepts with null in the enum.
 */
export function nullableEnums<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(nullableEnums);
  else if (node && typeof node === 'object') {
    const schema = node as { nullable?: boolean; enum?: unknown[] };
    if (schema.nullable && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    Object.values(node).forEach(nullableEnums);
  }
  return node;
}

/** An Ajv that knows the whole document as `openapi`, so schemas are compiled as JSON pointers into it. */
export function openApiAjv(document: object): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(nullableEnums(structuredClone(document)), 'openapi');
  return ajv;
}

/** The JSON pointer (for `openApiAjv`) of a response body schema. */
export function responseSchemaPointer(path: string, method: string, status: string, mediaType: string): string {
  const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
  return `openapi#/paths/${escape(path)}/${method}/responses/${status}/content/${escape(mediaType)}/schema`;
}
