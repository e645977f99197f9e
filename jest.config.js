/**
 * Test files run in plain Node child processes (jest-light-runner), two workers, each loading cdktf,
 * the provider classes and the app once and then running test file after test file. jest's own
 * runtime loads and compiles every module again for each of the ~175 files: 90 s against 23–26 s.
 * tsx compiles the TypeScript (__tests__/jest/register-ts.cjs); `npm test` type-checks with tsc first.
 *
 * The price is isolation: test files in one worker share module instances, globals and process.env.
 * A test restores what it changes (environment variables, the working directory, patched modules).
 */

/**
 * A worker synthesizes dozens of apps in one long life: with V8's default 16 MB young generation it
 * spent ~12 % of its CPU on scavenges (measured: workers' CPU 43 -> 38 s, the whole run 36 -> 32 s).
 * The app itself, one synth per process, gains nothing from it.
 */
const WORKER_HEAP = '--max-semi-space-size=64';
if (process.env.FOUNDATION_TEST_NODE_OPTIONS === undefined) {
  // The workers inherit this; the setup file takes it out again so that the processes a test starts
  // (the app, the scripts) run as they would for a user.
  const nodeOptions = process.env.NODE_OPTIONS ?? '';
  process.env.FOUNDATION_TEST_NODE_OPTIONS = nodeOptions;
  process.env.NODE_OPTIONS = `${nodeOptions} ${WORKER_HEAP}`.trim();
}

/**
 * Node reads and parses the certificate bundle named by NODE_EXTRA_CA_CERTS at every start: 80 ms
 * of CPU per process on the CI machine, whose image sets it (`node -e ''` 0.04 s without, 0.12 s
 * with), for the workers and each of the dozens of processes the tests start (the app, the scripts,
 * npm). No test makes a TLS connection; without it the run takes ~4 CPU-s (~2 s) less.
 */
delete process.env.NODE_EXTRA_CA_CERTS;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Child processes, not worker threads: tests change the working directory, which a worker thread cannot.
  runner: ['jest-light-runner', { runtime: 'child_process' }],
  // Before anything TypeScript is imported, in each worker or, run in band (`npx jest -i`), in this process.
  setupFiles: ['<rootDir>/__tests__/jest/register-ts.cjs'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/jest/setup.ts'],
  // jest's own transform is never used (tsx compiles in the workers); without this, jest loads Babel at every start.
  transform: {},
  maxWorkers: 2,
  testTimeout: 60000,
};
