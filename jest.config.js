import { createDefaultEsmPreset } from 'ts-jest';

// better-sqlite3 reads SQLITE_USE_URI from the real environment once, when its addon loads, and
// src/restore/sqlite.ts sets it then (to open backups with `immutable=1`). Jest gives each test file a
// copy of process.env, so that setting would not reach SQLite inside a test: set it here, in the
// parent process the test workers inherit their environment from.
process.env.SQLITE_USE_URI = '1';

/** @type {import('jest').Config} */
export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/scripts/jest-results-reporter.js'],
};
