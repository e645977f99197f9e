import { spawn } from 'child_process';
import * as fs from 'fs';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed (whole process group) after this long. */
  readonly timeoutMs: number;
  /** Stream output to this process's stdout/stderr as well. */
  readonly echo?: boolean;
  /** Append output to this file as it arrives, so a long run can be followed. */
  readonly logFile?: string;
  /**
   * After the command exits, wait this long for processes it left behind in its group (cdktf can
   * exit while a terraform child still holds a state lock), then kill them. @default 0
   */
  readonly orphanGraceMs?: number;
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

async function reapGroup(pgid: number, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
}

/** Runs a command without a shell and never waits longer than the timeout. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    const log = (chunk: Buffer) => options.logFile && fs.appendFileSync(options.logFile, chunk);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      log(chunk);
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      log(chunk);
      if (options.echo) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      stderr += `\n[timed out after ${options.timeoutMs / 1000} s]`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, options.timeoutMs);
    const finish = (code: number) => {
      clearTimeout(timer);
      void reapGroup(child.pid ?? 0, child.pid ? (options.orphanGraceMs ?? 0) : 0).then(() =>
        resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }),
      );
    };
    child.on('error', (error) => {
      stderr += String(error);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/** Runs tasks with at most `limit` at once, keeping input order in the result. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
