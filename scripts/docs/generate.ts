/**
 * Hand-off docs for Terraform operations teams: one Markdown page per stack and a diagram of the
 * Regions, stacks and inter-Region links, generated from the synthesized app for the config that
 * MULTI_REGION_CONFIG names (default config/default.json).
 *
 *   npm run docs                       write docs/generated/
 *   npm run docs -- --out DIR          write DIR instead
 *   npm run -s docs -- --check         exit 1 and name the stale files if the folder differs
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_ENV } from '../../src/config/load';
import { ROOT, synthStacks } from '../lib/synth';
import { renderDot, renderSvg } from './diagram';
import { interRegionLinks } from './links';
import { DIAGRAM_FILE, pageFile, renderPage } from './markdown';
import { readApp } from './model';

export const DEFAULT_OUT = path.join(ROOT, 'docs', 'generated');

const USAGE = 'usage: npm run docs -- [--out DIR] [--check]';

/** Files this tool owns in the output folder; anything else there is left alone. */
const GENERATED = /\.(md|svg)$/;

/** Every file of the docs (name -> content) for the app synthesized in `synthDir`. */
export async function renderDocs(synthDir: string, source: string): Promise<Map<string, string>> {
  const app = readApp(synthDir);
  const links = interRegionLinks(app);
  const files = new Map<string, string>();
  for (const stack of [...app.stacks].sort((a, b) => a.name.localeCompare(b.name))) files.set(pageFile(stack.name), renderPage(app, stack, links, source));
  files.set(DIAGRAM_FILE, await renderSvg(renderDot(app, links, source)));
  return files;
}

/** The config the docs describe, as written in them: relative to the repository when inside it. */
export function configSource(env: NodeJS.ProcessEnv = process.env): string {
  const file = env[CONFIG_ENV];
  if (!file) return 'config/default.json';
  const relative = path.relative(ROOT, path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(file) : relative.split(path.sep).join('/');
}

export interface Options {
  readonly out: string;
  readonly check: boolean;
}

export function parseArgs(argv: readonly string[]): Options {
  let out = DEFAULT_OUT;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--out') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error(`--out needs a folder, got ${value === undefined ? 'nothing' : `"${value}"`}; ${USAGE}`);
      out = path.resolve(value);
    } else if (arg.startsWith('--out=')) {
      const value = arg.slice('--out='.length);
      if (!value) throw new Error(`--out needs a folder, got ""; ${USAGE}`);
      out = path.resolve(value);
    } else throw new Error(`unknown argument "${arg}"; ${USAGE}`);
  }
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new Error(`--out ${out} is a file, not a folder; ${USAGE}`);
  return { out, check };
}

/** Names of files in `out` that differ from `expected`: changed, missing, or generated-looking but not generated. */
export function staleFiles(out: string, expected: ReadonlyMap<string, string>): string[] {
  const present = fs.existsSync(out) ? fs.readdirSync(out).filter((name) => GENERATED.test(name)) : [];
  const stale = [...expected.entries()]
    .filter(([name, content]) => !present.includes(name) || fs.readFileSync(path.join(out, name), 'utf8') !== content)
    .map(([name]) => (present.includes(name) ? `${name} (out of date)` : `${name} (missing)`));
  const extra = present.filter((name) => !expected.has(name)).map((name) => `${name} (no such stack any more)`);
  return [...stale, ...extra].sort();
}

/** Writes every file through a temporary name, then removes pages of stacks that no longer exist. */
export function writeDocs(out: string, files: ReadonlyMap<string, string>): void {
  fs.mkdirSync(out, { recursive: true });
  for (const [name, content] of files) {
    const temp = path.join(out, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, path.join(out, name));
  }
  for (const name of fs.readdirSync(out)) if (GENERATED.test(name) && !files.has(name)) fs.rmSync(path.join(out, name));
}

/** Synthesizes the app into a temporary folder and renders its docs. */
export async function generate(env: NodeJS.ProcessEnv = process.env): Promise<Map<string, string>> {
  const synthDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-synth-'));
  try {
    await synthStacks(synthDir);
    return await renderDocs(synthDir, configSource(env));
  } finally {
    fs.rmSync(synthDir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`docs: ${(error as Error).message}`);
    return 2;
  }
  // The app runs from the repository root: a relative config path means the caller's folder.
  if (process.env[CONFIG_ENV]) process.env[CONFIG_ENV] = path.resolve(process.env[CONFIG_ENV]!);
  let files: Map<string, string>;
  try {
    files = await generate();
  } catch (error) {
    console.error(`docs: ${(error as Error).message}`);
    return 1;
  }
  const shown = path.relative(process.cwd(), options.out) || '.';
  if (options.check) {
    const stale = staleFiles(options.out, files);
    if (!stale.length) {
      console.log(`${shown}/ is up to date (${files.size} files)`);
      return 0;
    }
    console.error(`${shown}/ is not what \`npm run docs\` generates for ${configSource()}:\n${stale.map((s) => `  ${s}`).join('\n')}\nRun \`npm run docs\` and commit the result.`);
    return 1;
  }
  writeDocs(options.out, files);
  console.log(`wrote ${files.size} files to ${shown}/ (${files.size - 1} stack pages and ${DIAGRAM_FILE}) for ${configSource()}`);
  return 0;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
