import { pool, run, table } from '../../../scripts/lib/run';

describe('run', () => {
  test('returns exit code and output', async () => {
    const result = await run('sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 10_000 });
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  test('kills a command that outlives its timeout', async () => {
    const result = await run('sleep', ['30'], { timeoutMs: 300 });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('timed out after 0.3 s');
    expect(result.seconds).toBeLessThan(5);
  });

  test('waits for processes a command leaves behind, within the grace period', async () => {
    const started = Date.now();
    await run('sh', ['-c', '(sleep 1; true) & exit 0'], { timeoutMs: 10_000, orphanGraceMs: 5_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('pool', () => {
  test('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await pool([30, 10, 20, 5], 2, async (ms, i) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i;
    });
    expect(out).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
  });
});

test('table pads columns', () => {
  expect(table(['a', 'bb'], [['xxx', 'y']])).toBe('a    bb\n---  --\nxxx  y');
});
