// A throwaway Postgres 15 cluster for the tests: initdb into a temp directory, started on a
// free loopback port with its socket in the same directory, stopped and deleted at the end.
// Postgres refuses to run as root, so under root (CI) the binaries run as the `postgres`
// user, which must be able to traverse the temp directory (mkdtemp makes it 0700).
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database, for CREATE DATABASE. */
  adminUrl: string;
  port: number;
  /** Stops the server (fast shutdown: sessions are cut), keeping the data. */
  halt(): Promise<void>;
  /** Starts it again on the same port. */
  resume(): Promise<void>;
  /** Stops it and deletes the data. */
  stop(): Promise<void>;
}

/** The newest Debian Postgres bin directory, 15 preferred (what CI installs). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const chosen = versions.includes('15') ? '15' : versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!chosen) {
    throw new Error(
      'Postgres binaries not found under /usr/lib/postgresql/<version>/bin; run scripts/setup.sh (installs Debian postgresql)',
    );
  }
  return join(root, chosen, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a Postgres binary as the `postgres` user when we are root, else as ourselves. */
async function pgBin(bin: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(file, argv, { timeout: 60_000 });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = mkdtempSync(join(tmpdir(), 'layercast-pg-'));
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  mkdirSync(dataDir, { mode: 0o700 });
  mkdirSync(socketDir, { mode: 0o755 });
  if (asRoot()) {
    const { uid, gid } = await postgresIds();
    chownSync(dataDir, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  const superuser = asRoot() ? 'postgres' : userInfo().username;
  try {
    await pgBin(join(bin, 'initdb'), [
      '-A',
      'trust',
      '-U',
      superuser,
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '-D',
      dataDir,
    ]);
    // A busy machine can hand our free port to someone else before Postgres binds it.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      // fsync off: the cluster lives for one test run; nothing here tests Postgres's own
      // crash safety (a node killed with -9 loses no committed row either way).
      const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
      const start = () =>
        pgBin(join(bin, 'pg_ctl'), [
          '-D',
          dataDir,
          '-l',
          join(socketDir, 'postgres.log'),
          '-w',
          '-t',
          '60',
          '-o',
          options,
          'start',
        ]);
      try {
        await start();
      } catch (error) {
        if (attempt < 3) continue;
        throw error;
      }
      return {
        adminUrl: `postgres://${superuser}@127.0.0.1:${port}/postgres`,
        port,
        halt: () => pgBin(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
        resume: start,
        async stop() {
          await pgBin(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
          rmSync(root, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
