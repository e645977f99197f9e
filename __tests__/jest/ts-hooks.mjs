/**
 * ESM hook (Node's module.register) for the jest workers: a .ts file is CommonJS, loaded by Node's
 * own CommonJS loader, where tsx's require hook compiles it. jest-light-runner imports each test
 * file with import(); everything the test file requires then stays in the worker's thread.
 */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && /\.ts$/.test(new URL(url).pathname)) return { format: 'commonjs', shortCircuit: true };
  return nextLoad(url, context);
}
