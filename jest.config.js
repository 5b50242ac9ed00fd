// Jest runs the TypeScript sources, the plugins' included, as native ESM through SWC (no build step).
// Each test file boots its own Payload on a fresh in-memory SQLite database (see tests/helpers).
/** @type {import('jest').Config} */
export default {
  // Server logs are kept in memory and printed only for a failing test (tests/helpers/environment.js).
  testEnvironment: '<rootDir>/tests/helpers/environment.js',
  // The app's tests, and each plugin's own (plugins/*/tests). The plugins' suites boot minimal apps
  // of their own on SQLite whatever TEST_DB says, so `npm run test:postgres` leaves them out.
  roots:
    process.env.TEST_DB === 'postgres'
      ? ['<rootDir>/tests']
      : ['<rootDir>/tests', '<rootDir>/plugins'],
  testMatch: ['**/*.test.ts'],
  // Tiers of their own (docs/testing.md): tests/services need Debian's redis-server and
  // python3-aiosmtpd (`npm run test:services`), tests/matrix are the long round-trip matrices
  // (`npm run test:matrix`), tests/syndication read the feeds with Debian's xmllint and feedparser
  // (`npm run test:syndication`); `npm test` needs Node only.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/tests/services/',
    '<rootDir>/tests/matrix/',
    '<rootDir>/tests/syndication/',
    // SQLite-specific by nature, so not run on PostgreSQL (docs/testing.md lists them): the SQLite
    // data migrations of per-locale status and of per-locale AI disclosure, run on a SQLite schema
    ...(process.env.TEST_DB === 'postgres'
      ? [
          '<rootDir>/tests/publishing-migration.test.ts',
          '<rootDir>/tests/ai-disclosure-migration.test.ts',
        ]
      : []),
  ],
  // The plugins run from their TypeScript sources (their exports' `ai-newsroom-source` condition).
  testEnvironmentOptions: { customExportConditions: ['ai-newsroom-source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^@payload-config$': '<rootDir>/src/payload.config.ts',
    // Admin components import stylesheets; tests render them without.
    '\\.(css|scss)$': '<rootDir>/tests/helpers/styleStub.cjs',
  },
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
  testTimeout: 120_000,
}
