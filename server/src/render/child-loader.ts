// The compiled render child's entry (server/dist/render-child-loader.cjs). It runs the
// child's bundle (render-child.cjs) with the V8 code cache the build wrote beside it, so a
// child starting does not parse and compile the engine, zod and fontkit again: the cache
// holds the bytecode of every function the build's warm-up ran (docs/server.md, "Start-up").
//
// V8 checks a cache against its own version and flags and rejects one that does not match
// (the child then compiles as it would without one); it does not check the source itself,
// only its length, so the build records the bundle's hash and a cache is used only for the
// bundle it was made from. The build's own run of this file (CODE_CACHE_PRODUCE_ARG) writes
// the cache once the child has warmed up; a server never writes one.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script, constants } from 'node:vm';
import { CODE_CACHE_CHECK_ARG, CODE_CACHE_PRODUCE_ARG } from './job';

const here = __dirname;
const bundle = join(here, 'render-child.cjs');
const cacheFile = join(here, 'render-child.code-cache');
/** The hash of the bundle a cache was made from: its first 20 bytes. */
const HASH_BYTES = 20;

const source = readFileSync(bundle, 'utf8');
const hash = createHash('sha1').update(source).digest();
const producing = process.argv.includes(CODE_CACHE_PRODUCE_ARG);

function storedCache(): Buffer | undefined {
  if (producing) return undefined;
  try {
    const stored = readFileSync(cacheFile);
    return stored.subarray(0, HASH_BYTES).equals(hash) ? stored.subarray(HASH_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

const cachedData = storedCache();
const script = new Script(Module.wrap(source), {
  filename: bundle,
  ...(cachedData ? { cachedData } : {}),
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});

if (process.argv.includes(CODE_CACHE_CHECK_ARG)) {
  // For the build's test: does this child, with these flags, take the cache?
  process.stdout.write(cachedData ? (script.cachedDataRejected ? 'rejected' : 'accepted') : 'missing');
} else {
  const child = new Module(bundle);
  child.filename = bundle;
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  run.call(child.exports, child.exports, Module.createRequire(bundle), child, bundle, dirname(bundle));
  if (producing) {
    // After the warm-up the cache also holds the functions it ran, compiled lazily.
    void (child.exports as { ready: Promise<void> }).ready.then(() => {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, Buffer.concat([hash, script.createCachedData()]));
      renameSync(temp, cacheFile);
      process.exit(0);
    });
  }
}
