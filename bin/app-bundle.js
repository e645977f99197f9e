'use strict';
/**
 * The compiled app behind the app command. esbuild bundles main.ts with everything it imports,
 * node_modules included, into .build/app/<id>/main.js: a synth then pays neither TypeScript
 * transpiling (tsx: ~0.85 s) nor resolving ~600 module files one by one.
 *
 * Never stale: each build records the files it was made from (the exact bytes esbuild compiled for
 * project files, size and mtime for the ~550 dependency files, where hashing would cost ~50 ms a run),
 * and every run checks those records against the disk before using the bundle. A new file can only
 * enter the bundle through an edit of a file already in it, so checking the recorded files suffices.
 *
 * Plain JavaScript on purpose: it has to run before anything is compiled.
 */
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

/** Bump when the build options below change: older builds then count as stale. */
const BUILD_FORMAT = 2;
/** Packages the bundle leaves to Node's require (see build()). */
const UNBUNDLED_PACKAGES = ['jsonc-parser'];
/** Read by esbuild but not reported as inputs: they change how the sources compile or resolve. */
const BUILD_SETTINGS_FILES = ['tsconfig.json', 'package.json'];

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const isDependency = (file) => file.split(path.sep).includes('node_modules');

/** What a file is judged by: its content for project files, size and mtime for dependencies. */
function fileState(file, contents) {
  if (isDependency(file)) {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  }
  return sha256(contents ?? fs.readFileSync(file));
}

/** Everything besides the input files that makes two builds differ. */
function buildSettings() {
  return { format: BUILD_FORMAT, node: process.versions.node.split('.')[0], esbuild: require('esbuild/package.json').version };
}

/** True when every recorded file still has its recorded state and the build settings are unchanged. */
function isFresh(record, settings = buildSettings()) {
  if (JSON.stringify(record.settings) !== JSON.stringify(settings)) return false;
  return Object.entries(record.files).every(([file, state]) => {
    try {
      return fileState(file) === state;
    } catch {
      return false; // deleted or unreadable
    }
  });
}

/** The folder of the current build if it is fresh, else undefined. */
function freshBuild(buildRoot) {
  try {
    const id = fs.readFileSync(path.join(buildRoot, 'current'), 'utf8').trim();
    const dir = path.join(buildRoot, id);
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'inputs.json'), 'utf8'));
    return isFresh(record) && fs.existsSync(path.join(dir, 'main.js')) ? dir : undefined;
  } catch {
    return undefined; // no build yet, or one cut short
  }
}

/** Writes through a temporary file and a rename, so a concurrent run never reads half a file. */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * Bundled code runs from .build/app/<id>/, so a module's own __dirname and __filename (used to find
 * config/default.json, and by cdktf to run its archive helper) would point there: give each module
 * that uses them its original location.
 */
function withOwnPaths(contents, file) {
  if (!/\b__(dirname|filename)\b/.test(contents)) return contents;
  return `var __filename = ${JSON.stringify(file)}, __dirname = ${JSON.stringify(path.dirname(file))};\n${contents}`;
}

const LOADERS = { '.ts': 'ts', '.json': 'json' };

/** A build is removed once another is current and it has not been touched for this long. */
const PRUNE_AFTER_MS = 60_000;

/**
 * Removes earlier builds and staging folders a crashed build left. The grace period spares a run
 * that found a build fresh a moment ago and has not read it yet.
 */
function pruneOldBuilds(buildRoot, currentId) {
  for (const name of fs.readdirSync(buildRoot)) {
    if (name === currentId || !/^\.?[0-9a-f]{16}(-.*)?$/.test(name)) continue;
    const dir = path.join(buildRoot, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > PRUNE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by a concurrent build.
    }
  }
}

/** Bundles main.ts into a new build folder, makes it current and returns it. */
async function build(root, buildRoot) {
  const esbuild = require('esbuild');
  const settings = buildSettings();
  const files = Object.fromEntries(BUILD_SETTINGS_FILES.map((name) => [path.join(root, name), fileState(path.join(root, name))]));
  const recordInputs = {
    name: 'record-inputs',
    setup(builder) {
      builder.onLoad({ filter: /\.(ts|js|cjs|json)$/ }, (args) => {
        // Recorded from the bytes handed to esbuild: an edit made during the build makes the next run rebuild.
        const state = isDependency(args.path) ? fileState(args.path) : undefined;
        const contents = fs.readFileSync(args.path, 'utf8');
        files[args.path] = state ?? fileState(args.path, contents);
        const loader = LOADERS[path.extname(args.path)] ?? 'js';
        return { contents: loader === 'json' ? contents : withOwnPaths(contents, args.path), loader };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'main.ts')],
    outfile: 'main.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${settings.node}`,
    write: false,
    logLevel: 'error',
    plugins: [recordInputs],
    // Required from node_modules at run time, never bundled: jsonc-parser's UMD build loads its parts
    // with a require() esbuild cannot follow ("Cannot find module './impl/format'"). It is loaded only
    // to locate a JSON syntax error, so it costs a normal synth nothing.
    external: UNBUNDLED_PACKAGES,
  });
  // Sorted: esbuild loads files in parallel, so the order they were recorded in varies.
  const record = { settings, files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) };
  const id = sha256(JSON.stringify(record)).slice(0, 16);
  const dir = path.join(buildRoot, id);
  if (!fs.existsSync(path.join(dir, 'inputs.json'))) {
    const staging = fs.mkdtempSync(path.join(buildRoot, `.${id}-`));
    fs.writeFileSync(path.join(staging, 'main.js'), result.outputFiles[0].contents);
    fs.writeFileSync(path.join(staging, 'inputs.json'), JSON.stringify(record, null, 1));
    try {
      fs.renameSync(staging, dir);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // a concurrent run made the same build first
    }
  }
  writeAtomic(path.join(buildRoot, 'current'), id);
  pruneOldBuilds(buildRoot, id);
  return dir;
}

/**
 * Runs a build's main.js as Node would require it, with V8's code cache: the first successful run
 * stores the compiled functions beside the bundle and later runs skip parsing and compiling them.
 */
function runBuild(dir) {
  const file = path.join(dir, 'main.js');
  const cacheFile = path.join(dir, 'main.js.cache');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', (code) => {
      if (code !== 0) return; // a failed run compiled too little of the app to be worth caching
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // The build was replaced meanwhile; the next run makes the cache.
      }
    });
  }
  const appModule = new Module(file, module);
  appModule.filename = file;
  appModule.paths = Module._nodeModulePaths(dir);
  script.runInThisContext().call(appModule.exports, appModule.exports, Module.createRequire(file), appModule, file, dir);
}

module.exports = { build, freshBuild, isFresh, fileState, buildSettings, runBuild, withOwnPaths };
