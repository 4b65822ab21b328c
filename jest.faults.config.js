/**
 * Failure tests (`npm run test:faults`): PostgreSQL and Redis restarts, a
 * refusing or hanging mail server, a worker killed mid-job. They start their
 * own servers and child processes, so they run apart from the main suite.
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/tests/faults/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120_000,
  maxWorkers: 1,
  // Child processes and reconnecting clients can outlive a failed test; never let them hang CI.
  forceExit: true,
};
