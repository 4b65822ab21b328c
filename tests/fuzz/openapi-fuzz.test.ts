import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Ajv, ValidateFunction } from 'ajv';
import fc from 'fast-check';
import request from 'supertest';
import { aftercareWorld, type AftercareWorld } from '../aftercare/aftercare-world.js';
import { createUser, type TestUser } from '../support/fixtures.js';
import { openApiAjv, responseSchemaPointer } from '../support/openapi-schema.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/**
 * Property-based requests derived from the service's own OpenAPI document:
 * every operation, as every role and anonymously, with valid-looking and
 * random bodies, query strings and path ids. Whatever comes in, nothing
 * answers 5xx, every 4xx is problem+json and every 2xx JSON body matches the
 * documented schema.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | Schema;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 6);
const INJECTIONS = [
  "Robert'); DROP TABLE participant;--",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)--',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  'Zoë Ørsted-Çelik',
  '\u202Egnp.exe',
  'tab\tin de naam',
  'regel 1\r\nregel 2\ttab',
];

/** Control characters no field accepts: refused with a 400 naming the field, never a 500. */
const CONTROL_STRINGS = ['Fatima\u0000El Amrani', 'bel\u0007en\u001Bescape'];

describe('OpenAPI-driven fuzzing', () => {
  let testApp: TestApp;
  let doc: OpenApi;
  let world: AftercareWorld;
  let other: AftercareWorld;
  let admin: TestUser;
  let ajv: Ajv;
  const validators = new Map<string, ValidateFunction>();
  const failures: string[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    await resetState(testApp);
    world = await aftercareWorld(testApp);
    other = await aftercareWorld(testApp);
    admin = await createUser(testApp, world.organisationId, 'admin');
    const response = await request(testApp.http).get('/v1/openapi.json');
    expect(response.status).toBe(200);
    doc = response.body;
    ajv = openApiAjv(doc);
  }, 60_000);

  afterAll(async () => {
    await testApp?.close();
  });

  const ownIds = (): Record<string, string> => ({
    participantId: world.participantId,
    employerId: world.employerId,
    placementId: world.placementId,
    membershipId: world.coach.membershipId,
  });
  const foreignIds = (): Record<string, string> => ({
    participantId: other.participantId,
    employerId: other.employerId,
    placementId: other.placementId,
    membershipId: other.coach.membershipId,
  });

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf)
      return schema.allOf
        .map(resolve)
        .reduce((merged, part) => ({ ...merged, ...part, properties: { ...merged.properties, ...part.properties } }), {});
    return schema;
  };

  /** Values that fit the schema (roughly: formats and bounds are honoured where it matters). */
  const valid = (input: Schema, depth = 0): fc.Arbitrary<unknown> => {
    const schema = resolve(input);
    const base = ((): fc.Arbitrary<unknown> => {
      if (schema.oneOf ?? schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf)!.map((part) => valid(part, depth + 1)));
      if (schema.enum) return fc.constantFrom(...schema.enum);
      switch (schema.type) {
        case 'integer':
          return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 });
        case 'number':
          return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
        case 'boolean':
          return fc.boolean();
        case 'array':
          return depth > 4 ? fc.constant([]) : fc.array(valid(schema.items ?? {}, depth + 1), { maxLength: 3 });
        case 'object': {
          if (depth > 4 || !schema.properties) return fc.constant({});
          const required = new Set(schema.required ?? []);
          const entries = Object.entries(schema.properties).map(([key, property]) => [key, valid(property, depth + 1)] as const);
          return fc.record(Object.fromEntries(entries), { requiredKeys: [...required].filter((key) => key in schema.properties!) });
        }
        case 'string':
          return validString(schema);
        default:
          return fc.constant(schema.example ?? null);
      }
    })();
    const withExample =
      schema.example !== undefined ? fc.oneof({ weight: 3, arbitrary: fc.constant(schema.example) }, { weight: 1, arbitrary: base }) : base;
    return schema.nullable ? fc.option(withExample, { nil: null, freq: 8 }) : withExample;
  };

  const validString = (schema: Schema): fc.Arbitrary<unknown> => {
    switch (schema.format) {
      case 'uuid':
        return fc.oneof(fc.uuid(), fc.constantFrom(...Object.values(ownIds())));
      case 'date':
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      case 'date-time':
        return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      case 'email':
        return fc.emailAddress();
      default:
        return fc.oneof(
          fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
          fc.constantFrom(...[...INJECTIONS, ...CONTROL_STRINGS].filter((text) => text.length <= (schema.maxLength ?? 10_000))),
        );
    }
  };

  /** Anything at all, including wrong types, huge numbers and odd strings. */
  const anyJson = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
    fc.constantFrom(
      { page: -1 },
      { version: 1e308 },
      { id: '../../etc/passwd' },
      { __proto__: { admin: true } },
      { constructor: { prototype: {} } },
    ),
  );

  const pathValue = (name: string): fc.Arbitrary<string> =>
    fc
      .oneof(
        { weight: 4, arbitrary: fc.constant(ownIds()[name] ?? '') },
        { weight: 2, arbitrary: fc.constant(foreignIds()[name] ?? '') },
        { weight: 2, arbitrary: fc.uuid() },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            '0',
            '-1',
            'null',
            '%00',
            'ÿ',
            '..%2f..',
            "1' OR '1'='1",
            'a'.repeat(300),
            '00000000-0000-0000-0000-00000000000g',
          ),
        },
      )
      .map((value) => value || '6c1f0d2e-2b7c-4f55-9d8e-0d3b8f1f9a11');

  const queryValue = (parameter: Parameter): fc.Arbitrary<string | undefined> =>
    fc.oneof(
      fc.constant(undefined),
      valid(parameter.schema ?? { type: 'string' }).map((value) => (value === null || value === undefined ? undefined : String(value))),
      fc.constantFrom('', '-1', '1e9', 'abc', "' OR 1=1--", '<b>x</b>', '2026-02-30', '[]', 'a\u0000b', 'bel\u0007'),
    );

  const users = (): Array<TestUser | undefined> => [admin, world.lead, world.coach, world.employerUser, world.participant, undefined];

  const responseValidator = (path: string, method: string, status: string): ValidateFunction | undefined => {
    const key = `${path} ${method} ${status}`;
    if (!validators.has(key)) {
      const schema = doc.paths[path][method].responses[status]?.content?.['application/json']?.schema;
      if (!schema) return undefined;
      validators.set(key, ajv.compile({ $ref: responseSchemaPointer(path, method, status, 'application/json') }));
    }
    return validators.get(key);
  };

  const check = (label: string, path: string, method: string, response: request.Response) => {
    const type = String(response.headers['content-type'] ?? '');
    if (response.status >= 500) failures.push(`${label} -> ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    else if (response.status >= 400 && !type.startsWith('application/problem+json'))
      failures.push(`${label} -> ${response.status} with ${type || 'no content type'}`);
    else if (response.status >= 200 && response.status < 300 && type.startsWith('application/json')) {
      const validate = responseValidator(path, method, String(response.status));
      if (!validate) failures.push(`${label} -> ${response.status} is not a documented response`);
      else if (!validate(response.body))
        failures.push(`${label} -> ${response.status} body does not match schema: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
    }
  };

  it('answers every generated request without a 5xx, with problem+json errors and documented 2xx bodies', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(50);
    for (const { path, method, operation } of operations) {
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const arbitrary = fc.record({
        user: fc.constantFrom(...users()),
        path: fc.record(Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathValue(p.name)]))),
        query: fc.record(Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, queryValue(p)]))),
        body: bodySchema
          ? fc.oneof({ weight: 3, arbitrary: valid(bodySchema) }, { weight: 1, arbitrary: anyJson })
          : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async (sample) => {
          const url = `/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(sample.path[name])))}`;
          const query = Object.fromEntries(Object.entries(sample.query).filter(([, value]) => value !== undefined)) as Record<
            string,
            string
          >;
          let call = request(testApp.http)[method as 'get'](url).query(query);
          if (sample.user) call = call.set(sample.user.auth);
          if (sample.body !== undefined) call = call.set('Content-Type', 'application/json').send(JSON.stringify(sample.body));
          const response = await call;
          check(`${method.toUpperCase()} ${url} as ${sample.user?.role ?? 'anonymous'}`, path, method, response);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
      );
    }
    expect(failures).toEqual([]);
  }, 90_000);

  it('rejects oversized, deeply nested, wrongly encoded and duplicated-key JSON with a 4xx problem', async () => {
    const post = (body: Buffer | string, contentType = 'application/json; charset=utf-8') =>
      request(testApp.http).post('/v1/participants').set(world.coach.auth).set('Content-Type', contentType).send(body);
    const cases: Array<[string, request.Response]> = [
      ['oversized', await post(JSON.stringify({ firstName: 'a'.repeat(200_000), lastName: 'b' }))],
      ['deeply nested', await post(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`)],
      ['deep array', await post(`{"firstName":"A","lastName":"B","email":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)],
      ['latin-1 as utf-8', await post(Buffer.from('{"firstName":"Zoë","lastName":"Ørsted"}', 'latin1'))],
      ['invalid utf-8', await post(Buffer.from([0x7b, 0x22, 0x66, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]))],
      ['latin-1 charset', await post(Buffer.from('{"firstName":"Zoë","lastName":"B"}', 'latin1'), 'application/json; charset=iso-8859-1')],
      ['truncated', await post('{"firstName":"A","lastName":')],
      ['not json', await post('firstName=A&lastName=B')],
      ['form content type', await post('firstName=A&lastName=B', 'application/x-www-form-urlencoded')],
      ['array body', await post('[{"firstName":"A","lastName":"B"}]')],
      ['null body', await post('null')],
      [
        'prototype pollution',
        await post('{"firstName":"A","lastName":"B","__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}'),
      ],
    ];
    for (const [label, response] of cases) {
      if (process.env.FUZZ_DEBUG) process.stdout.write(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}\n`);
      if (response.status >= 500) failures.push(`${label} -> ${response.status}`);
      if (response.status === 201) continue; // e.g. latin-1 bytes that happen to decode: stored, checked below
      expect([label, response.status >= 400 && response.status < 500]).toEqual([label, true]);
      expect([label, String(response.headers['content-type'])]).toEqual([label, expect.stringMatching(/^application\/problem\+json/)]);
    }
    // Duplicated keys: JSON.parse keeps the last one; the service must not mix them up.
    const duplicated = await post('{"firstName":"Eerste","firstName":"Laatste","lastName":"Dubbel"}');
    expect(duplicated.status).toBe(201);
    expect(duplicated.body.firstName).toBe('Laatste');
    // Invalid UTF-8 inside a string is replaced, never stored as raw bytes or echoed as an error page.
    const latin = cases.find(([label]) => label === 'latin-1 as utf-8')![1];
    if (latin.status === 201) expect(latin.body.firstName).not.toMatch(/[\u0080-\u00ff]/);
    expect(failures).toEqual([]);
  });

  it('stores SQL and HTML injection strings verbatim and returns them as data', async () => {
    // Names are single-line; line breaks belong in free text such as the notes.
    for (const text of INJECTIONS.filter((injection) => !/[\r\n]/.test(injection))) {
      const created = await request(testApp.http)
        .post('/v1/participants')
        .set(world.coach.auth)
        .send({ firstName: text.slice(0, 100), lastName: text.slice(0, 100), privateNotes: `${text}\r\nregel 2` });
      expect([text, created.status]).toEqual([text, 201]);
      expect(created.headers['content-type']).toMatch(/^application\/json/);
      const read = await request(testApp.http).get(`/v1/participants/${created.body.id}`).set(world.coach.auth);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ firstName: text.slice(0, 100), lastName: text.slice(0, 100) });
      const [row] = await testApp.dataSource.query('SELECT first_name, last_name FROM participant WHERE id = $1', [created.body.id]);
      expect(row).toEqual({ first_name: text.slice(0, 100), last_name: text.slice(0, 100) });

      const employer = await request(testApp.http)
        .post('/v1/employers')
        .set(world.coach.auth)
        .send({ name: text.slice(0, 100) });
      expect([text, employer.status]).toEqual([text, 201]);
      const readEmployer = await request(testApp.http).get(`/v1/employers/${employer.body.id}`).set(world.coach.auth);
      expect(readEmployer.body.name).toBe(text.slice(0, 100));
    }
    const multiLine = await request(testApp.http)
      .post('/v1/participants')
      .set(world.coach.auth)
      .send({ firstName: 'Fatima', lastName: 'El Amrani', privateNotes: 'regel 1\r\nregel 2\ttab' });
    expect(multiLine.status).toBe(201);
    const notes = await request(testApp.http).get(`/v1/participants/${multiLine.body.id}`).set(world.coach.auth);
    expect(notes.body.privateNotes).toBe('regel 1\r\nregel 2\ttab');
    const twoLineName = await request(testApp.http)
      .post('/v1/participants')
      .set(world.coach.auth)
      .send({ firstName: 'regel 1\r\nregel 2', lastName: 'Visser' });
    expect([twoLineName.status, twoLineName.body.invalidParams]).toEqual([
      400,
      [{ name: 'firstName', reason: 'must be a single line (no line breaks)' }],
    ]);
    for (const text of CONTROL_STRINGS) {
      const refused = await request(testApp.http)
        .post('/v1/participants')
        .set(world.coach.auth)
        .send({ firstName: text, lastName: 'Visser' });
      expect([text, refused.status, refused.body.invalidParams]).toEqual([
        text,
        400,
        [{ name: 'firstName', reason: 'must not contain control characters' }],
      ]);
    }
    // The tables are still there.
    const [{ count }] = await testApp.dataSource.query('SELECT count(*)::int AS count FROM participant');
    expect(count).toBeGreaterThan(INJECTIONS.length);
  });

  it("answers 404 for another organisation's ids, whatever the role", async () => {
    const foreign = foreignIds();
    const probes = [
      `/v1/participants/${foreign.participantId}`,
      `/v1/participants/${foreign.participantId}/profile`,
      `/v1/participants/${foreign.participantId}/consents`,
      `/v1/employers/${foreign.employerId}`,
      `/v1/employers/${foreign.employerId}/quota`,
      `/v1/placements/${foreign.placementId}`,
      `/v1/placements/${foreign.placementId}/checkins`,
      `/v1/placements/${foreign.placementId}/aftercare`,
    ];
    const unexpected: string[] = [];
    // Fresh accounts: the fuzzing above may have disabled memberships or ended sessions of the world's users.
    const fresh = await Promise.all(
      (['admin', 'team_lead', 'jobcoach'] as const).map((role) => createUser(testApp, world.organisationId, role)),
    );
    for (const user of fresh) {
      for (const url of probes) {
        const response = await request(testApp.http).get(url).set(user.auth);
        if (response.status !== 404) unexpected.push(`${user.role} GET ${url} -> ${response.status}`);
      }
    }
    // And the other way round, for a mail message of the other organisation.
    const otherAdmin = await createUser(testApp, other.organisationId, 'admin');
    const mail = await request(testApp.http).post('/v1/mail/test-messages').set(otherAdmin.auth).send({ recipient: 'beheer@elders.test' });
    expect(mail.status).toBe(202);
    const peek = await request(testApp.http).get(`/v1/mail/messages/${mail.body.id}`).set(fresh[0].auth);
    if (peek.status !== 404) unexpected.push(`admin GET another organisation's mail message -> ${peek.status}`);
    expect(unexpected).toEqual([]);
  });
});
