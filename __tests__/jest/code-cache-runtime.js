'use strict';
/**
 * jest's module runtime with a V8 code cache for large library files.
 *
 * jest compiles every module again for each test file, in that file's own context. The app pulls in
 * ~10 MB of @cdktf/provider-aws classes, and parsing them was ~400 ms of every test file that
 * synthesizes (a fifth of its CPU). V8 can skip the parse with the code it cached for the same
 * source; the cache is checked by V8 against the source and the V8 version, and a rejected or
 * unreadable entry only means an ordinary compile. Module execution is untouched: each test file
 * still gets fresh module instances.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Runtime = require('jest-runtime').default;

/** Smaller files compile faster than their cache entry is read. */
const MIN_SOURCE_LENGTH = 4 * 1024;

class CodeCacheRuntime extends Runtime {
  constructor(config, ...rest) {
    super(config, ...rest);
    const executor = this.executor;
    const compile = executor.compile.bind(executor);
    const dir = path.join(config.cacheDirectory, 'v8-code-cache');
    executor.compile = (source, filename) => {
      if (source.length < MIN_SOURCE_LENGTH || !filename.includes(`${path.sep}node_modules${path.sep}`)) return compile(source, filename);
      const context = executor.environment.getVmContext();
      if (context == null) return compile(source, filename);
      try {
        return compileCached(executor, context, dir, source, filename);
      } catch {
        // jest's own compile reports syntax errors in its own terms.
        return compile(source, filename);
      }
    };
  }
}

/**
 * Per worker process (jest loads this module once per worker), so that each test file of a worker
 * neither hashes nor reads again what an earlier one did: file name -> its source and cache key,
 * and cache key -> cached code.
 */
const keys = new Map();
const codes = new Map();

function cacheKey(source, filename) {
  const known = keys.get(filename);
  if (known && known.source === source) return known.key;
  const key = crypto.createHash('sha1').update(`${process.version}\0${filename}\0`).update(source).digest('hex');
  keys.set(filename, { source, key });
  return key;
}

function compileCached(executor, context, dir, source, filename) {
  const key = cacheKey(source, filename);
  const file = path.join(dir, `${key}.bin`);
  let cachedData = codes.get(key);
  if (cachedData === undefined) {
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
  }
  const fn = vm.compileFunction(source, executor.injectedModuleParameters, {
    filename,
    cachedData,
    produceCachedData: cachedData === undefined,
    importModuleDynamically: (specifier, _fn, importAttributes, ...rest) => executor.dynamicImport(specifier, filename, context, importAttributes, rest[0]),
    parsingContext: context,
  });
  if (cachedData !== undefined && fn.cachedDataRejected) {
    codes.delete(key);
    fs.rmSync(file, { force: true });
  } else if (cachedData !== undefined) {
    codes.set(key, cachedData);
  }
  if (cachedData === undefined && fn.cachedDataProduced) {
    codes.set(key, fn.cachedData);
    fs.mkdirSync(dir, { recursive: true });
    // Workers may write the same entry at once: each writes its own file, the rename is atomic.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, fn.cachedData);
    fs.renameSync(temp, file);
  }
  return fn;
}

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;
