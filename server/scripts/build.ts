// Compiles the server, the CLI and the render child to plain JavaScript in server/dist, so
// `layercast serve` starts without a TypeScript loader. The workspace's own sources
// (server, engine, shared) and the plain-JavaScript packages they use are bundled: Node
// then reads a few large files instead of hundreds of small ones (zod and kysely alone are
// ~300), which cuts a render child's start-up by a quarter (docs/server.md, "Start-up").
// Packages that find files of their own at run time (native modules, worker scripts,
// static assets) stay where they are and are imported by a relative path to the file
// esbuild resolved, so they load exactly as they do from source.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type OnResolveArgs, type Plugin, type PluginBuild, build } from 'esbuild';
import { CODE_CACHE_PRODUCE_ARG, childV8Flags } from '../src/render/job';
import { DEFAULT_POOL_OPTIONS } from '../src/render/pool';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where `pnpm --filter @layercast/server build` writes; `scripts/start.sh` runs it from there. */
export const DEFAULT_OUTDIR = resolve(serverDir, 'dist');

/**
 * Packages left in node_modules: native addons (and the JavaScript that finds their binary),
 * pino (its transports start worker threads from files of its own), Swagger UI's assets, the
 * Postgres and S3 clients (loaded only with those backends' settings, and large), workerpool
 * (its child side detects how it was started), and the build's own tools.
 */
const IN_PLACE = [
  'sharp',
  '@napi-rs/canvas',
  '@resvg/resvg-js',
  'better-sqlite3',
  'pino',
  'swagger-ui-dist',
  'pg',
  'pg-boss',
  '@aws-sdk/client-s3',
  'workerpool',
  'tsx',
  'esbuild',
];
const inPlace = (path: string) => IN_PLACE.some((name) => path === name || path.startsWith(`${name}/`));

const isBare = (path: string) => !path.startsWith('.') && !path.startsWith('/') && !path.startsWith('node:');

/**
 * Resolves an import as esbuild would without this plugin (marked so the plugin lets it
 * through); as a `require` call when given, for a CommonJS output (a package's `require`
 * condition, not its ES module entry).
 */
const resolveInner = (b: PluginBuild, args: OnResolveArgs, kind = args.kind) =>
  b.resolve(args.path, { kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });

/** `file` as a relative import from a module in `outdir`. */
function importPath(outdir: string, file: string): string {
  const path = relative(outdir, file).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** An import of a package left in place becomes an import of the resolved file, relative to the output. */
const packagesInPlace = (outdir: string, format: 'esm' | 'cjs'): Plugin => ({
  name: 'packages-in-place',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (!isBare(args.path) || !inPlace(args.path) || args.pluginData === 'inner') return undefined;
      const found = await resolveInner(b, args, format === 'cjs' ? 'require-call' : args.kind);
      if (found.errors.length > 0) return { errors: found.errors };
      if (found.external) return { path: args.path, external: true };
      return { path: importPath(outdir, found.path), external: true };
    });
  },
});

/**
 * `createRequire(import.meta.url)` resolves package files (fonts, Swagger UI's assets) from
 * the module's own folder; in a bundle that folder is server/dist, whose node_modules holds
 * only the server's dependencies. The call is pointed back at the source file's location.
 */
const requireFromSource = (outdir: string): Plugin => ({
  name: 'require-from-source',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)')) return undefined;
      const from = relative(outdir, args.path).split('\\').join('/');
      return {
        contents: source.replaceAll(
          'createRequire(import.meta.url)',
          `createRequire(new URL(${JSON.stringify(from)}, import.meta.url))`,
        ),
        loader: 'ts',
      };
    });
  },
});

/**
 * fontkit needs brotli only to read WOFF2 files, but brotli builds its 120 KB dictionary from
 * a 1.4 MB string when it loads: a sixth of a render child's start-up. It is loaded from
 * its package on the first WOFF2 file instead.
 */
const lazyBrotli = (outdir: string, format: 'esm' | 'cjs'): Plugin => ({
  name: 'lazy-brotli',
  setup(b) {
    b.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const found = await resolveInner(b, args);
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, namespace: 'lazy-brotli' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-brotli' }, (args) => {
      const load =
        format === 'esm'
          ? "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);"
          : "const load = require('node:module').createRequire(__filename);";
      return {
        contents: `${load}
let decompress;
export default function lazyDecompress(...args) {
  decompress ??= load(${JSON.stringify(importPath(outdir, args.path))});
  return decompress(...args);
}`,
        loader: 'js',
      };
    });
  },
});

/**
 * Bundled CommonJS packages call \`require\` for Node's own modules; an ES module has none, so
 * each output file gets one.
 */
const REQUIRE_BANNER =
  "import { createRequire as __layercastCreateRequire } from 'node:module'; const require = __layercastCreateRequire(import.meta.url);";

/**
 * Compiles the CLI (`cli.js` and its chunks, ES modules) and the render child into `outdir`,
 * replacing it, then records the child's V8 code cache. The child is one CommonJS file
 * (`render-child.cjs`) run by `render-child-loader.cjs` (src/render/child-loader.ts): V8
 * caches compiled code for a script, not for ES modules in this Node.
 */
export async function buildServer(outdir = DEFAULT_OUTDIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const common = {
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    mainFields: ['main'],
    sourcemap: 'linked',
    // `--enable-source-maps` (scripts/start.sh) reads every map at start: without the sources
    // inside (they are on disk) the maps are 2.6 MB instead of 8 MB, ~60 ms less to parse.
    sourcesContent: false,
    logLevel: 'warning',
  } satisfies BuildOptions;
  await Promise.all([
    build({
      ...common,
      entryPoints: { cli: resolve(serverDir, 'src/cli.ts') },
      splitting: true,
      format: 'esm',
      chunkNames: 'chunk-[hash]',
      define: { LAYERCAST_COMPILED: 'true' },
      banner: { js: REQUIRE_BANNER },
      plugins: [lazyBrotli(outdir, 'esm'), packagesInPlace(outdir, 'esm'), requireFromSource(outdir)],
    }),
    build({
      ...common,
      entryPoints: {
        'render-child': resolve(serverDir, 'src/render/worker.ts'),
        'render-child-loader': resolve(serverDir, 'src/render/child-loader.ts'),
      },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // The child's modules ask `import.meta.url` for their own file: in one CommonJS file that is the file.
      define: { LAYERCAST_COMPILED: 'true', 'import.meta.url': '__layercastFileUrl' },
      banner: { js: "const __layercastFileUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [lazyBrotli(outdir, 'cjs'), packagesInPlace(outdir, 'cjs'), requireFromSource(outdir)],
    }),
  ]);
  recordChildCodeCache(outdir);
}

/**
 * Runs the child once alone, under the pool's default flags, to write its code cache
 * (`render-child.code-cache`). Without one (or under other flags) children start as before.
 */
function recordChildCodeCache(outdir: string): void {
  execFileSync(
    process.execPath,
    [
      ...childV8Flags(DEFAULT_POOL_OPTIONS.maxHeapMb),
      resolve(outdir, 'render-child-loader.cjs'),
      CODE_CACHE_PRODUCE_ARG,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 },
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(`server compiled to server/dist in ${Math.round(performance.now() - started)} ms`);
}
