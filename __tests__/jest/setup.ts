import { speedUpSynth } from '../../src/stacks/synth-speed';

/**
 * Runs once in each worker (jest-light-runner), before its first test file.
 *
 * jest.config.js gave the workers a larger young generation through NODE_OPTIONS; the processes the
 * tests start (the app, the npm scripts) get the user's own NODE_OPTIONS back.
 */
const before = process.env.FOUNDATION_TEST_NODE_OPTIONS;
if (before !== undefined) {
  if (before === '') delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = before;
  delete process.env.FOUNDATION_TEST_NODE_OPTIONS;
}

/** What building the app installs (buildFoundation), for the test files that synthesize single constructs too. */
speedUpSynth();
