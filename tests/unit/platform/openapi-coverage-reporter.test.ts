import { describe, expect, it } from '@jest/globals';
// @ts-expect-error -- a plain JavaScript reporter, loaded by Jest outside the TypeScript transform
import { uncheckedRoutes } from '../../support/openapi-coverage-reporter.mjs';

describe('OpenAPI response coverage', () => {
  it('names the routes that answered but never had a response validated, whichever worker saw them', () => {
    const lines = [
      '{"route":"GET /v1/placements","validated":true}',
      '{"route":"GET /v1/placements/:placementId","validated":false}',
      '{"route":"POST /v1/placements","validated":false}',
      '',
      '{"route":"POST /v1/placements","validated":true}',
    ];
    expect(uncheckedRoutes(lines)).toEqual({ answered: 3, checked: 2, unchecked: ['GET /v1/placements/:placementId'] });
  });
});
