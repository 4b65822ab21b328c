// Plain JavaScript: Jest loads reporters outside its ESM TypeScript transform.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Route-table routes that answered during the run but never had an answer
 * checked against the OpenAPI document. `lines` are the JSON lines that
 * tests/support/openapi-responses.ts appends, one per route and outcome.
 */
export function uncheckedRoutes(lines) {
  const answered = new Set();
  const checked = new Set();
  for (const line of lines) {
    if (!line.trim()) continue;
    const { route, validated } = JSON.parse(line);
    answered.add(route);
    if (validated) checked.add(route);
  }
  return { answered: answered.size, checked: checked.size, unchecked: [...answered].filter((route) => !checked.has(route)).sort() };
}

/**
 * Fails the run when a route of tests/authorization/route-table.ts that some
 * test called never had a response validated against the OpenAPI document
 * (a route missing from the document, or answering only undocumented ways).
 * Both Jest workers append to one file per run; this reads it once at the end.
 */
export default class OpenApiCoverageReporter {
  #error;

  onRunComplete() {
    const file = path.resolve('tests/artifacts', `openapi-coverage-${process.env.WERKBRUG_TEST_RUN ?? 'local'}.jsonl`);
    if (!existsSync(file)) return;
    const { answered, checked, unchecked } = uncheckedRoutes(readFileSync(file, 'utf8').split('\n'));
    rmSync(file, { force: true });
    process.stdout.write(`openapi: ${checked} of ${answered} route-table routes called by tests had their responses validated\n`);
    if (unchecked.length > 0) {
      this.#error = new Error(
        `Routes called by tests whose responses were never validated against the OpenAPI document:\n${unchecked.join('\n')}`,
      );
      process.stdout.write(`${this.#error.message}\n`);
    }
  }

  getLastError() {
    return this.#error;
  }
}
