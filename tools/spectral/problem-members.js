// Spectral function for /core/error-handling/problem-details. Given the schema
// of an application/problem+json or +xml body, the RFC 9457 members status,
// title and detail must be declared. Properties declared through allOf count.
// A schema that declares no properties at all is not judged (nothing to check).
const MEMBERS = ['status', 'title', 'detail'];

function declaredProperties(schema, seen = new Set()) {
  const names = new Set();
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return names;
  seen.add(schema);
  if (schema.properties && typeof schema.properties === 'object') {
    for (const name of Object.keys(schema.properties)) names.add(name);
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) for (const name of declaredProperties(part, seen)) names.add(name);
  }
  return names;
}

export default function problemMembers(schema, _options, context) {
  const names = declaredProperties(schema);
  if (names.size === 0) return [];
  const missing = MEMBERS.filter((member) => !names.has(member));
  if (missing.length === 0) return [];
  // Point at the properties map when the schema has one of its own.
  const path = schema.properties && typeof schema.properties === 'object' ? [...context.path, 'properties'] : context.path;
  return [{ message: `Problem schema lacks ${missing.join(', ')}; status, title and detail must be declared.`, path }];
}
