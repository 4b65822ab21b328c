// Spectral function for /core/error-handling/invalid-input. Given a path item,
// every operation that can receive invalid input must document a 400 answer:
// POST, PUT and PATCH always; any other method once it takes parameters
// (its own or the path item's) or a request body.
const ALWAYS = new Set(['post', 'put', 'patch']);
const OTHERS = new Set(['get', 'delete', 'head', 'options', 'trace']);

function takesInput(operation, pathItem) {
  const count = (list) => (Array.isArray(list) ? list.length : 0);
  return count(operation.parameters) + count(pathItem.parameters) > 0 || Boolean(operation.requestBody);
}

export default function badRequestDocumented(pathItem, _options, context) {
  if (pathItem === null || typeof pathItem !== 'object') return [];
  const results = [];
  for (const [method, operation] of Object.entries(pathItem)) {
    if (operation === null || typeof operation !== 'object') continue;
    const always = ALWAYS.has(method);
    if (!always && !(OTHERS.has(method) && takesInput(operation, pathItem))) continue;
    const responses = operation.responses ?? {};
    if (!Object.hasOwn(responses, '400')) {
      results.push({
        message: always
          ? `${method.toUpperCase()} takes input, so it must document a 400 response for invalid input.`
          : `${method.toUpperCase()} takes parameters, so it must document a 400 response for invalid input.`,
        path: [...context.path, method, 'responses'],
      });
    }
  }
  return results;
}
