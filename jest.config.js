/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: the type check runs once in `npm run typecheck`, not per test file.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  maxWorkers: 2,
  testTimeout: 60000,
};
