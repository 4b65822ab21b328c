import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every constraint a DTO enforces with class-validator is in the OpenAPI
 * document: required or not, minimum/maximum, lengths, allowed values and
 * patterns. Body DTOs are compared with their component schema, query DTOs
 * with the parameters of the operations that take them.
 */

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components: { schemas: Record<string, Schema> };
}

type DtoClass = abstract new (...args: never[]) => unknown;
type Documented = { required: boolean; schema: Schema };

function constraintProblems(
  property: string,
  rules: ValidationMetadata[],
  documented: Documented,
  resolve: (s: Schema) => Schema,
): string[] {
  const problems: string[] = [];
  const optional = rules.some((rule) => rule.name === 'isOptional');
  // @ValidateIf: required only in some combinations, which the description states.
  const conditional = rules.some((rule) => rule.type === 'conditionalValidation' && rule.name !== 'isOptional');
  if (!optional && !conditional && !documented.required) problems.push(`${property} is required but documented as optional`);
  if (optional && documented.required) problems.push(`${property} is optional but documented as required`);
  const schema = resolve(documented.schema);
  for (const rule of rules) {
    const target = rule.each ? resolve(schema.items ?? {}) : schema;
    const [first, second] = (rule.constraints ?? []) as unknown[];
    const expect = (what: string, ok: boolean) => {
      if (!ok) problems.push(`${property}: @${rule.name}(${JSON.stringify(rule.constraints)}) is not documented (${what})`);
    };
    switch (rule.name) {
      case 'isInt':
        expect('type integer', target.type === 'integer');
        break;
      case 'min':
        expect('minimum', target.minimum === first);
        break;
      case 'max':
        expect('maximum', target.maximum === first);
        break;
      case 'isLength':
        expect('minLength', (first as number) <= 0 || target.minLength === first);
        if (second !== undefined) expect('maxLength', target.maxLength === second);
        break;
      case 'minLength':
        expect('minLength', target.minLength === first);
        break;
      case 'maxLength':
        expect('maxLength', target.maxLength === first);
        break;
      case 'arrayMaxSize':
        expect('maxItems', schema.maxItems === first);
        break;
      case 'arrayMinSize':
        expect('minItems', schema.minItems === first);
        break;
      case 'isIn':
        expect('enum', Array.isArray(target.enum) && [...(first as unknown[])].sort().join() === [...target.enum].sort().join());
        break;
      case 'isEnum':
        expect('enum', Array.isArray(target.enum) && target.enum.length === Object.values(first as object).length);
        break;
      case 'matches':
        expect('pattern', typeof target.pattern === 'string');
        break;
    }
  }
  return problems;
}

describe('the OpenAPI document shows every DTO constraint', () => {
  let testApp: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    testApp = await createTestApp();
    doc = (await request(testApp.http).get('/v1/openapi.json')).body;
  });
  afterAll(() => testApp.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return { ...schema, ...resolve(schema.allOf[0]) };
    return schema;
  };

  /** The validated properties of each DTO class (inherited ones included), by class. */
  const dtoRules = (): Map<DtoClass, Map<string, ValidationMetadata[]>> => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, ValidationMetadata[]> };
    const result = new Map<DtoClass, Map<string, ValidationMetadata[]>>();
    for (const target of storage.validationMetadatas.keys()) {
      const byProperty = new Map<string, ValidationMetadata[]>();
      for (const rule of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
        byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
      }
      result.set(target, byProperty);
    }
    return result;
  };

  it('for body DTOs (component schemas) and query DTOs (operation parameters)', () => {
    const problems: string[] = [];
    let compared = 0;
    const queryOperations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        label: `${method.toUpperCase()} ${path}`,
        query: new Map((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p])),
      })),
    );
    for (const [target, properties] of dtoRules()) {
      const component = doc.components.schemas[target.name];
      if (component) {
        compared++;
        for (const [property, rules] of properties) {
          const schema = component.properties?.[property];
          if (!schema) {
            problems.push(`${target.name}.${property} is validated but not documented`);
            continue;
          }
          const documented = { required: component.required?.includes(property) ?? false, schema };
          problems.push(...constraintProblems(property, rules, documented, resolve).map((p) => `${target.name}.${p}`));
        }
        continue;
      }
      // A query DTO is matched by its parameter names; where several operations share them, the closest one counts.
      const names = [...properties.keys()];
      const candidates = queryOperations
        .filter((operation) => names.length > 0 && names.every((name) => operation.query.has(name)))
        .map((operation) =>
          [...properties].flatMap(([property, rules]) => {
            const parameter = operation.query.get(property)!;
            const documented = { required: parameter.required ?? false, schema: parameter.schema ?? {} };
            return constraintProblems(property, rules, documented, resolve).map((p) => `${operation.label} ?${p} (${target.name})`);
          }),
        )
        .sort((a, b) => a.length - b.length);
      if (candidates.length > 0) {
        compared++;
        problems.push(...candidates[0]);
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
