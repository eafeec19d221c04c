// Runs the real `layercast` CLI: compiled, as `scripts/start.sh` runs it, or from its sources
// through tsx, as the root package.json script does.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inject } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Absolute, so the command runs from any directory.
const tsx = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx/esm')).href;
const CLI = ['--import', tsx, join(ROOT, 'server/src/cli.ts')];

/**
 * The compiled CLI when the project's global setup built one (compiled-cli-global-setup.ts):
 * each command then starts without a TypeScript loader. The sources otherwise.
 */
function cliArgs(): string[] {
  const compiled = inject('compiledCli') as string | undefined;
  return compiled ? [compiled] : CLI;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `layercast <args>` in `cwd` (default: the repository) with `env` over the test's own. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...cliArgs(), ...args],
      { cwd, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Starts `layercast serve` on a free port and resolves once it listens: the CLI runCli runs,
 * or the compiled CLI `compiledCli` names (its `cli.js`, run by plain node, no loader).
 */
export function spawnServe(
  env: Record<string, string>,
  compiledCli?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...(compiledCli ? [compiledCli] : cliArgs()), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LAYERCAST_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveUrl, reject) => {
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"port":(\d+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ child, url: `http://127.0.0.1:${match[1]}` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}
