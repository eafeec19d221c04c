// The floor of an uncached render served with process isolation, for `pnpm bench:server`: a
// bare Node `http` server and two render children (the render pool's V8 flags) that render
// the benchmark card with the request's `title` and send the PNG back over IPC, as
// Layercast's children do. No routing, database, cache, store, rate or deadline: what any
// server pays that keeps renders out of its own process. With `--durable <dir>` it also
// keeps each render as a durable server must: the PNG's sha256 (its ETag), the file written,
// fsynced and renamed into place (Layercast's one thread-pool hop), and a row committed to a
// SQLite database in WAL mode. Prints its port when ready.
import { type ChildProcess, fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { childV8Flags } from '../src/render/job';
import { DEFAULT_POOL_OPTIONS } from '../src/render/pool';

const require = createRequire(import.meta.url);
const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'index.mjs');
const here = dirname(fileURLToPath(import.meta.url));

interface Job {
  title: string;
  answer: (png: Uint8Array) => Promise<void>;
}

/** Keeps a render as a durable server must (see the header); the ETag is returned. */
function durableStore(dir: string): (png: Uint8Array) => Promise<string> {
  mkdirSync(join(dir, 'images'), { recursive: true });
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'create table if not exists renders (id text primary key, etag text not null, bytes integer not null, created_at text not null)',
  );
  const insert = db.prepare('insert into renders (id, etag, bytes, created_at) values (?, ?, ?, ?)');
  return async (png) => {
    const etag = createHash('sha256').update(png).digest('base64url');
    const id = randomUUID();
    const final = join(dir, 'images', `${id}.png`);
    const fd = openSync(`${final}.tmp`, 'w');
    writeSync(fd, png);
    await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
    closeSync(fd);
    renameSync(`${final}.tmp`, final);
    insert.run(id, etag, png.byteLength, new Date().toISOString());
    return etag;
  };
}

async function main(): Promise<void> {
  const durableAt = process.argv.indexOf('--durable');
  const store = durableAt > 0 ? durableStore(process.argv[durableAt + 1] ?? '') : undefined;
  const children = Array.from({ length: 2 }, () =>
    fork(join(here, 'floor-child.ts'), [], {
      execArgv: ['--import', tsx, ...childV8Flags(DEFAULT_POOL_OPTIONS.maxHeapMb)],
      serialization: 'advanced',
    }),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));

  const idle: ChildProcess[] = [...children];
  const queue: Job[] = [];
  const dispatch = () => {
    for (let child = idle.pop(); child; child = idle.pop()) {
      const job = queue.shift();
      if (!job) {
        idle.push(child);
        return;
      }
      const taken = child;
      taken.once('message', (png: Uint8Array) => {
        idle.push(taken);
        void job.answer(png);
        dispatch();
      });
      taken.send(job.title);
    }
  };

  const server = createServer((req, res) => {
    const title = new URL(req.url ?? '/', 'http://floor').searchParams.get('title') ?? '';
    queue.push({
      title,
      answer: async (png) => {
        const etag = store ? await store(png) : undefined;
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-length': png.byteLength,
          ...(etag ? { etag: `"${etag}"` } : {}),
        });
        res.end(png);
      },
    });
    dispatch();
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  process.once('SIGTERM', () => {
    for (const child of children) child.kill();
    server.close();
  });
}

void main();
