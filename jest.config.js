/** Jest in ESM mode with SWC, as NestJS 12 is ESM-only (see README, "Tests"). */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/faults/', '/tests/e2e/'],
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  setupFiles: ['<rootDir>/tests/support/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/openapi-after-each.ts'],
  // A hook that boots the whole app on a loaded 2-core machine took over 30 s in CI; a stuck test still fails within a minute.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.mjs', '<rootDir>/tests/support/openapi-coverage-reporter.mjs'],
  testEnvironmentOptions: { globalsCleanup: 'off' },
  maxWorkers: 2,
};
