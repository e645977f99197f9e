/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Transpile only, with swc: a quarter less CPU than ts-jest's transpile mode on this suite. The
  // type check runs once in `npm test` (tsc -p .), not per test file.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    // The Graphviz WebAssembly package of `npm run docs` ships ES modules only; jest runs CommonJS.
    '/node_modules/@hpcc-js/wasm-graphviz/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@hpcc-js/wasm-graphviz/)'],
  // jest compiles every module again for each test file; cdktf loads this zip library eagerly for
  // assets the foundation never has (~7% of the suite's CPU).
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/jest/archiver-unused.js' },
  // Skips parsing the large library files again in every test file (see the file).
  runtime: '<rootDir>/__tests__/jest/code-cache-runtime.js',
  setupFilesAfterEnv: ['<rootDir>/__tests__/jest/setup.ts'],
  maxWorkers: 2,
  testTimeout: 60000,
};
