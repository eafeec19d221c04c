// Compiles the server, the CLI and the render child to plain JavaScript in server/dist, so
// `layercast serve` starts without a TypeScript loader. The workspace's own sources
// (server, engine, shared) are bundled; every package from node_modules stays where it is
// and is imported by a relative path to the file esbuild resolved, so native modules,
// fonts shipped in packages and each package's own dependencies load exactly as they do
// from source.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, build } from 'esbuild';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where `pnpm --filter @layercast/server build` writes; `scripts/start.sh` runs it from there. */
export const DEFAULT_OUTDIR = resolve(serverDir, 'dist');

const isBare = (path: string) => !path.startsWith('.') && !path.startsWith('/') && !path.startsWith('node:');

/** A package import becomes an import of the resolved file, relative to the output. */
const packagesInPlace = (outdir: string): Plugin => ({
  name: 'packages-in-place',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (!isBare(args.path) || args.path.startsWith('@layercast/') || args.pluginData === 'inner') return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (found.errors.length > 0) return { errors: found.errors };
      if (found.external) return { path: args.path, external: true };
      let path = relative(outdir, found.path).split('\\').join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return { path, external: true };
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
    define: { LAYERCAST_COMPILED: 'true' },
    plugins: [packagesInPlace(outdir), requireFromSource(outdir)],
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(`server compiled to server/dist in ${Math.round(performance.now() - started)} ms`);
}
