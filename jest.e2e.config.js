/**
 * Browser tests (`npm run test:e2e`): a real HTTP server on 127.0.0.1 and
 * Chromium through playwright-core, with axe-core on every page. They run
 * apart from the main suite (jest.config.js ignores tests/e2e).
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180_000,
  // Two files at a time: each waits on its browser and server as much as it computes (351 s against 569 s for one).
  maxWorkers: 2,
};
