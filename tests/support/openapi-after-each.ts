import { afterAll, afterEach } from '@jest/globals';
import { takeOpenApiViolations } from './openapi-responses.js';

/** A test fails when an answer it received does not match the OpenAPI document (openapi-responses.ts). */
function failOnViolations(): void {
  const violations = takeOpenApiViolations();
  if (violations.length > 0) {
    throw new Error(`Responses that do not match the OpenAPI document:\n${[...new Set(violations)].join('\n')}`);
  }
}

afterEach(failOnViolations);
afterAll(failOnViolations);
