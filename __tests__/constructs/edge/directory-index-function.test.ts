import * as fs from 'fs';
import * as vm from 'vm';
import { DIRECTORY_INDEX_FUNCTION_PATH, directoryIndexFunctionCode } from '../../../src/constructs/edge/directory-index-function';

type Request = { uri: string; method: string; querystring: Record<string, { value: string }>; headers: Record<string, { value: string }> };

/** Runs the deployed file as CloudFront does: a script that defines `handler`, called with a viewer-request event. */
function run(uri: string): Request {
  const context: { handler?: (event: unknown) => Request } = {};
  vm.runInNewContext(directoryIndexFunctionCode(), context);
  const event = {
    version: '1.0',
    context: { eventType: 'viewer-request', distributionId: 'EDFDVBD6EXAMPLE' },
    viewer: { ip: '198.51.100.11' },
    request: { method: 'GET', uri, querystring: { v: { value: '1' } }, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } }, cookies: {} },
  };
  return context.handler!(event);
}

describe('directory-index CloudFront Function', () => {
  test.each([
    ['/', '/index.html'],
    ['/docs/', '/docs/index.html'],
    ['/docs', '/docs/index.html'],
    ['/docs/guide', '/docs/guide/index.html'],
    ['/v1.2/docs', '/v1.2/docs/index.html'],
  ])('rewrites the directory path %s to %s', (uri, expected) => {
    expect(run(uri).uri).toBe(expected);
  });

  test.each(['/index.html', '/docs/index.html', '/assets/app.js', '/favicon.ico', '/docs/v1.2'])('leaves the file path %s alone', (uri) => {
    expect(run(uri).uri).toBe(uri);
  });

  test('returns the request itself: method, headers and query string unchanged', () => {
    const request = run('/docs');
    expect(request.method).toBe('GET');
    expect(request.querystring).toEqual({ v: { value: '1' } });
    expect(request.headers).toEqual({ host: { value: 'd111111abcdef8.cloudfront.net' } });
  });

  test('is a plain script without module syntax, within the 10 KB limit', () => {
    const code = fs.readFileSync(DIRECTORY_INDEX_FUNCTION_PATH, 'utf8');
    expect(code).toMatch(/^function handler\(event\) \{/m);
    expect(code).not.toMatch(/\b(module\.exports|export |import |require\()/);
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(10240);
  });
});
