import { CONFIG_ENV, loadConfig } from '../../src/config/load';
import { MAX_CONFIG_BYTES } from '../../src/config/read-config-file';
import { MINIMAL_CONFIG, expectProblems } from '../helpers/config-cases';
import { configDir, loadError } from '../helpers/config-files';

const files = configDir();
const LIMIT = 'expected a config file of at most 1 MiB (1,048,576 bytes); a 32-Region config is a few KB, so check that the path names the right file';

/** MINIMAL_CONFIG padded with trailing spaces to exactly `bytes` bytes. */
function paddedConfig(bytes: number): string {
  const text = JSON.stringify(MINIMAL_CONFIG);
  return text + ' '.repeat(bytes - Buffer.byteLength(text));
}

describe('size limit', () => {
  test('is 1 MiB', () => {
    expect(MAX_CONFIG_BYTES).toBe(1024 * 1024);
  });

  test('a file of exactly the limit is read', () => {
    const file = files.write('at-limit.json', paddedConfig(MAX_CONFIG_BYTES));
    expect(loadConfig({ [CONFIG_ENV]: file }).primaryRegion).toBe('us-east-1');
  });

  test('one byte more is refused, naming the size and the limit', () => {
    const error = loadError(files.write('over-limit.json', paddedConfig(MAX_CONFIG_BYTES + 1)));
    expect(error.message).toBe(
      `Invalid configuration in ${files.path}/over-limit.json (from MULTI_REGION_CONFIG): 1 problem\n` +
        `  - (root): received a file of 1.0 MiB (1,048,577 bytes); ${LIMIT}`,
    );
  });

  test('the 10 MB config with 95,000 tags a user tried fails in well under a second, before it is parsed', () => {
    const tags = Array.from({ length: 95_000 }, (_, i) => `    "Tag${i + 1}": "${'x'.repeat(90)}"`);
    const text = `${JSON.stringify(MINIMAL_CONFIG, null, 2).slice(0, -2)},\n  "tags": {\n${tags.join(',\n')}\n  }\n}\n`;
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(10_000_000);
    const file = files.write('huge.json', text);
    const started = process.hrtime.bigint();
    const error = loadError(file);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expectProblems(error.message, [
      { path: '(root)', received: `a file of ${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes.toLocaleString('en-US')} bytes)`, allowed: LIMIT },
    ]);
    expect(seconds).toBeLessThan(1);
  });

  test('a stream without a size (a device, a pipe) is read only up to the limit', () => {
    const started = process.hrtime.bigint();
    const error = loadError('/dev/zero');
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(1);
    expectProblems(error.message, [{ path: '(root)', received: 'more than 1 MiB (1,048,576 bytes)', allowed: LIMIT }]);
  });
});

describe('text encoding', () => {
  test('UTF-8 with a byte order mark is read', () => {
    const file = files.write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(MINIMAL_CONFIG))]));
    expect(loadConfig({ [CONFIG_ENV]: file }).primaryRegion).toBe('us-east-1');
  });

  test('UTF-8 text outside ASCII is read', () => {
    const file = files.write('unicode.json', JSON.stringify({ ...MINIMAL_CONFIG, tags: { Équipe: 'Zürich 東京' } }));
    expect(loadConfig({ [CONFIG_ENV]: file }).tags).toEqual({ Équipe: 'Zürich 東京' });
  });

  test.each([
    ['little-endian', 'utf16le', [0xff, 0xfe]],
    ['big-endian', 'utf16le', [0xfe, 0xff]],
  ] as const)('UTF-16 (%s, as PowerShell writes it) is refused with the fix', (_name, encoding, bom) => {
    const file = files.write('utf16.json', Buffer.concat([Buffer.from(bom), Buffer.from(JSON.stringify(MINIMAL_CONFIG), encoding)]));
    expectProblems(loadError(file).message, [
      { path: '(root)', received: 'a UTF-16 file', allowed: 'expected UTF-8 text: save the file as UTF-8 (PowerShell\'s ">" writes UTF-16)' },
    ]);
  });

  test('Latin-1 is refused at the first byte that is not UTF-8', () => {
    const latin1 = Buffer.from(`{\n  "tags": { "Team": "Z\u00fcrich" }\n}`, 'latin1');
    const error = loadError(files.write('latin1.json', latin1));
    expect(error.message.split('\n').slice(1)).toEqual([
      '  - (root): received bytes that are not UTF-8; expected UTF-8 text; line 2, column 23 is not (a file saved as Latin-1 or Windows-1252?): save the file as UTF-8',
      '      2 |   "tags": { "Team": "Z\uFFFDrich" }',
      '        |                       ^',
    ]);
  });
});
