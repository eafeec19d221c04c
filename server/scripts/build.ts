// Compiles the server, the CLI and the render child to plain JavaScript in server/dist, so
// `layercast serve` starts without a TypeScript loader. The workspace's own sources
// (server, engine, shared) and the plain-JavaScript packages they use are bundled: Node
// then reads a few large files instead of hundreds of small ones (zod and kysely alone are
// ~300), which cuts a render child's start-up by a quarter (docs/server.md, "Start-up").
// Packages that find files of their own at run time (native modules, worker scripts,
// static assets) stay where they are and are imported by a relative path to the file
// esbuild resolved, so they load exactly as they do from source.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OnResolveArgs, type Plugin, type PluginBuild, build } from 'esbuild';

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

/** Resolves an import as esbuild would without this plugin (marked so the plugin lets it through). */
const resolveInner = (b: PluginBuild, args: OnResolveArgs) =>
  b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });

/** `file` as a relative import from a module in `outdir`. */
function importPath(outdir: string, file: string): string {
  const path = relative(outdir, file).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** An import of a package left in place becomes an import of the resolved file, relative to the output. */
const packagesInPlace = (outdir: string): Plugin => ({
  name: 'packages-in-place',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (!isBare(args.path) || !inPlace(args.path) || args.pluginData === 'inner') return undefined;
      const found = await resolveInner(b, args);
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
const lazyBrotli = (outdir: string): Plugin => ({
  name: 'lazy-brotli',
  setup(b) {
    b.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const found = await resolveInner(b, args);
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, namespace: 'lazy-brotli' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-brotli' }, (args) => {
      return {
        contents: `import { createRequire } from 'node:module';
const load = createRequire(import.meta.url);
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

/** Compiles `cli.js` and `worker.js` (and their shared chunks) into `outdir`, replacing it. */
export async function buildServer(outdir = DEFAULT_OUTDIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { cli: resolve(serverDir, 'src/cli.ts'), worker: resolve(serverDir, 'src/render/worker.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['main'],
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    // `--enable-source-maps` (scripts/start.sh) reads every map at start: without the sources
    // inside (they are on disk) the maps are 2.6 MB instead of 8 MB, ~60 ms less to parse.
    sourcesContent: false,
    define: { LAYERCAST_COMPILED: 'true' },
    banner: { js: REQUIRE_BANNER },
    plugins: [lazyBrotli(outdir), packagesInPlace(outdir), requireFromSource(outdir)],
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(`server compiled to server/dist in ${Math.round(performance.now() - started)} ms`);
}
