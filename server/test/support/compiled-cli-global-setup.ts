// vitest globalSetup: compiles the CLI once for the run (server/scripts/build.ts, as
// `scripts/start.sh` runs it) into a temp directory, so runCli and spawnServe start plain node
// instead of paying tsx's start-up on every command. The bin entry test still runs the sources.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../../scripts/build';

declare module 'vitest' {
  export interface ProvidedContext {
    compiledCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), 'layercast-cli-build-'));
  const outdir = join(work, 'dist');
  await buildServer(outdir);
  project.provide('compiledCli', join(outdir, 'cli.js'));
  // In watch mode a rerun compiles the sources as they are now.
  project.onTestsRerun(() => buildServer(outdir));
  return () => rmSync(work, { recursive: true, force: true });
}
