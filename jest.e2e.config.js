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
  maxWorkers: 1,
};
