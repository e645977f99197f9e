/**
 * Test files run in plain Node child processes (jest-light-runner), two workers, each loading cdktf,
 * the provider classes and the app once and then running test file after test file. jest's own
 * runtime loads and compiles every module again for each of the ~175 files: 90 s against 25 s here.
 * tsx compiles the TypeScript; `npm test` type-checks with tsc first.
 *
 * The price is isolation: test files in one worker share module instances and globals. Tests must not
 * leave state behind (environment variables, patched modules); __tests__/jest/setup.ts restores the
 * environment the worker started with after every test file.
 * @type {import('jest').Config}
 */
const TSX_LOADER = '--import tsx';
const nodeOptions = process.env.NODE_OPTIONS ?? '';
if (!nodeOptions.includes(TSX_LOADER)) {
  // The workers inherit this; the setup file takes it out again so that the processes a test starts
  // (the app, the scripts) run as they would for a user.
  process.env.FOUNDATION_TEST_NODE_OPTIONS = nodeOptions;
  process.env.NODE_OPTIONS = `${nodeOptions} ${TSX_LOADER}`.trim();
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Child processes, not worker threads: Node 20 runs the --import loader in the main thread only.
  runner: ['jest-light-runner', { runtime: 'child_process' }],
  setupFilesAfterEnv: ['<rootDir>/__tests__/jest/setup.ts'],
  maxWorkers: 2,
  testTimeout: 60000,
};
