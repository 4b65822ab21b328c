// Spectral function for /core/date-time/date-omit-time-portion. Given a
// schema's `properties` map, it looks at the properties whose name says they
// hold a date: `date` or `datum` itself, or a name with a later word Date or
// Datum (birthDate, geboorteDatum, expiry_date).
//   options.check = 'has-format':   such a property must set a format (itself,
//                                   or in every allOf part).
//   options.check = 'not-date-time': such a property must not use date-time.
const DATE_WORD = /(?:[0-9A-Za-z_]D|_d)at(?:e|um)/;

function isDateName(name) {
  return name === 'date' || name === 'datum' || DATE_WORD.test(name);
}

function hasFormat(schema) {
  if (typeof schema.format === 'string') return true;
  return Array.isArray(schema.allOf) && schema.allOf.length > 0 && schema.allOf.every((part) => part && typeof part.format === 'string');
}

/** Paths (relative to the property) of every date-time format in it and in its allOf/anyOf/oneOf/items parts. */
function dateTimeFormats(schema, at, found, seen = new Set()) {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return found;
  seen.add(schema);
  if (schema.format === 'date-time') found.push([...at, 'format']);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(schema[key])) schema[key].forEach((part, index) => dateTimeFormats(part, [...at, key, index], found, seen));
  }
  if (schema.items) dateTimeFormats(schema.items, [...at, 'items'], found, seen);
  return found;
}

export default function dateNamedProperties(properties, options, context) {
  if (properties === null || typeof properties !== 'object') return [];
  const results = [];
  for (const [name, schema] of Object.entries(properties)) {
    if (!isDateName(name) || schema === null || typeof schema !== 'object') continue;
    const at = [...context.path, name];
    if (options.check === 'has-format') {
      if (!hasFormat(schema))
        results.push({ message: `${name} holds a date: set its format (date, or date-time when the time matters).`, path: at });
    } else {
      for (const path of dateTimeFormats(schema, at, [])) {
        results.push({ message: `${name} holds a date: use format date, not date-time.`, path });
      }
    }
  }
  return results;
}
