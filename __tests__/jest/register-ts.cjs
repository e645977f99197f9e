'use strict';
/**
 * Loads TypeScript for the tests (jest.config.js): tsx's CommonJS require hook compiles each .ts
 * file, and the hook in ts-hooks.mjs hands the test files jest-light-runner imports to that
 * CommonJS loader. jest's first setup file (jest.config.js), so loaded only where tests run: in each
 * worker, or in jest's own process when it runs in band (`npx jest -i`).
 *
 * Not tsx's ESM loader: it hands CommonJS source back to Node, which then resolves every require of
 * that file synchronously across the loader thread. That was slower, and on Node 20 a worker
 * sometimes stopped for good in the middle of a test file (2 of ~16 full runs).
 */
const { register } = require('module');
const { pathToFileURL } = require('url');

require('tsx/cjs');
register(pathToFileURL(`${__dirname}/ts-hooks.mjs`));
