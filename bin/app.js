#!/usr/bin/env node
'use strict';
/**
 * The app command: cdktf.json "app" (cdktf synth, deploy, diff), `npm run synth` and the scripts run
 * it. Runs the compiled app, rebuilding it first when any source it was built from changed.
 */
const path = require('path');
const { build, freshBuild, runBuild } = require('./app-bundle');

const ROOT = path.resolve(__dirname, '..');
const BUILD_ROOT = path.join(ROOT, '.build', 'app');

const fresh = freshBuild(BUILD_ROOT);
if (fresh) {
  runBuild(fresh);
} else {
  require('fs').mkdirSync(BUILD_ROOT, { recursive: true });
  build(ROOT, BUILD_ROOT).then(
    // Outside the promise, so that an error of the app surfaces as it would in a plain run.
    (dir) => setImmediate(() => runBuild(dir)),
    (error) => {
      // esbuild has printed each compile error with its file and line.
      console.error(`Building the app from main.ts failed: ${error.message.split('\n')[0]}`);
      process.exitCode = 1;
    },
  );
}
