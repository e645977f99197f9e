/**
 * The compiled app is only ever used when it matches its sources. Checked on a throw-away project in
 * a temp folder: the staleness rules on temp files, then real builds, runs and rebuilds.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface BuildRecord {
  settings: Record<string, unknown>;
  files: Record<string, string>;
}
interface AppBundle {
  build(root: string, buildRoot: string): Promise<string>;
  isFresh(record: BuildRecord, settings?: Record<string, unknown>): boolean;
  fileState(file: string): string;
  buildSettings(): Record<string, unknown>;
  freshBuild(buildRoot: string): string | undefined;
}
const BUNDLE_MODULE = path.join(__dirname, '..', '..', 'bin', 'app-bundle.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require(BUNDLE_MODULE) as AppBundle;

let root: string;
const file = (name: string) => path.join(root, name);
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(file(name)), { recursive: true });
  fs.writeFileSync(file(name), text);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-bundle-test-'));
  write('tsconfig.json', '{}\n');
  write('package.json', '{"private": true}\n');
  write('main.ts', "import { where } from './src/where';\nimport { greet } from 'dep';\nconsole.log(JSON.stringify({ where: where(), greet: greet() }));\n");
  write('src/where.ts', 'export const where = () => __dirname;\n');
  write('node_modules/dep/index.js', "exports.greet = () => 'hello from ' + require('path').basename(__dirname);\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('isFresh', () => {
  const record = (): BuildRecord => ({
    settings: bundle.buildSettings(),
    files: Object.fromEntries(['src/where.ts', 'node_modules/dep/index.js'].map((name) => [file(name), bundle.fileState(file(name))])),
  });

  test('unchanged files and settings are fresh', () => {
    expect(bundle.isFresh(record())).toBe(true);
  });

  test('a project file is judged by content: an edit of the same size is stale, a mere touch is not', () => {
    const before = record();
    fs.utimesSync(file('src/where.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(bundle.isFresh(before)).toBe(true);
    write('src/where.ts', 'export const where = () => "dirname";\n');
    expect(fs.statSync(file('src/where.ts')).size).toBe(Buffer.byteLength('export const where = () => __dirname;\n'));
    expect(bundle.isFresh(before)).toBe(false);
  });

  test('a dependency file is judged by size and mtime', () => {
    const before = record();
    const dep = file('node_modules/dep/index.js');
    fs.utimesSync(dep, new Date(), new Date(fs.statSync(dep).mtimeMs + 5_000));
    expect(bundle.isFresh(before)).toBe(false);
  });

  test('a deleted input is stale', () => {
    const before = record();
    fs.rmSync(file('src/where.ts'));
    expect(bundle.isFresh(before)).toBe(false);
  });

  test('other build settings (format, Node major, esbuild version) are stale', () => {
    const before = record();
    expect(bundle.isFresh(before, { ...bundle.buildSettings(), node: '0' })).toBe(false);
    expect(bundle.isFresh({ ...before, settings: { ...before.settings, format: -1 } })).toBe(false);
  });
});

describe('build, run, rebuild', () => {
  const buildRoot = () => path.join(root, '.build', 'app');

  /** Builds in this process (esbuild's API), as bin/app.js does before a run. */
  const build = async (): Promise<string> => {
    fs.mkdirSync(buildRoot(), { recursive: true });
    return bundle.build(root, buildRoot());
  };
  /** Runs a build in its own Node process, as bin/app.js does: the bundle's output. */
  const run = (dir: string) => {
    const result = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(BUNDLE_MODULE)}).runBuild(${JSON.stringify(dir)});`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout);
  };

  test('a build is fresh until a source changes, keeps each module its own __dirname, and is replaced by the rebuild', async () => {
    const first = await build();
    expect(bundle.freshBuild(buildRoot())).toBe(first);
    expect(run(first)).toEqual({ where: fs.realpathSync(path.join(root, 'src')), greet: 'hello from dep' });
    expect(fs.existsSync(path.join(first, 'main.js.cache'))).toBe(true);

    write('src/where.ts', "export const where = () => 'edited';\n");
    expect(bundle.freshBuild(buildRoot())).toBeUndefined();
    // Older builds go once they have been unused for a minute: a run may have just found one fresh.
    const minutesAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(first, minutesAgo, minutesAgo);
    const second = await build();
    expect(second).not.toBe(first);
    expect(fs.existsSync(first)).toBe(false);
    expect(bundle.freshBuild(buildRoot())).toBe(second);
    expect(run(second).where).toBe('edited');
  });

  test('a change of tsconfig.json or package.json makes the build stale', async () => {
    await build();
    write('tsconfig.json', '{"compilerOptions": {"target": "ES2020"}}\n');
    expect(bundle.freshBuild(buildRoot())).toBeUndefined();
    await build();
    write('package.json', '{"private": true, "name": "renamed"}\n');
    expect(bundle.freshBuild(buildRoot())).toBeUndefined();
  });

  test('a new file enters only through an edit of a recorded one', async () => {
    await build();
    write('src/extra.ts', "export const extra = 'new';\n");
    expect(bundle.freshBuild(buildRoot())).toBeDefined();
    write('main.ts', `${fs.readFileSync(file('main.ts'), 'utf8')}import { extra } from './src/extra';\nconsole.error(extra);\n`);
    expect(bundle.freshBuild(buildRoot())).toBeUndefined();
  });

  test('a build younger than a minute is kept when another becomes current', async () => {
    const first = await build();
    write('src/where.ts', "export const where = () => 'edited';\n");
    const second = await build();
    expect(fs.readdirSync(buildRoot()).sort()).toEqual([path.basename(first), path.basename(second), 'current'].sort());
  });

  test('the same sources give the same build, which a rebuild reuses', async () => {
    const first = await build();
    write('src/where.ts', "export const where = () => 'edited';\n");
    await build();
    write('src/where.ts', 'export const where = () => __dirname;\n');
    expect(await build()).toBe(first);
    expect(bundle.freshBuild(buildRoot())).toBe(first);
  });

  test('no build yet, or a pointer to a build that is gone, is not fresh', async () => {
    expect(bundle.freshBuild(buildRoot())).toBeUndefined();
    const dir = await build();
    fs.rmSync(dir, { recursive: true });
    expect(bundle.freshBuild(buildRoot())).toBeUndefined();
  });
});
