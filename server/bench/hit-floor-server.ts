// The floor of a cache hit that reads its row, for `pnpm bench:server`: a Koa app answering
// every request with the card's bytes from memory and the headers Layercast's hit sends, after
// one indexed read from a SQLite database in WAL mode (what a hit cannot drop while a change
// made on another node must be seen by the next request). No routing, auth, cache key or
// access check. Arguments: the bytes file, a JSON file of the response headers, a directory
// for the database. Prints its port when ready.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Koa from 'koa';

const [bytesFile = '', headersFile = '', dir = ''] = process.argv.slice(2);
const bytes = readFileSync(bytesFile);
const headers = JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>;
const db = new Database(join(dir, 'hit-floor.db'));
db.pragma('journal_mode = WAL');
db.exec('create table if not exists renders (cache_key text primary key, etag text not null, bytes integer not null)');
db.prepare('insert or replace into renders values (?, ?, ?)').run('card', headers['etag'] ?? '"x"', bytes.byteLength);
const find = db.prepare<[string], { etag: string; bytes: number }>(
  'select etag, bytes from renders where cache_key = ?',
);

const app = new Koa();
app.use((ctx) => {
  const row = find.get('card');
  if (!row) ctx.throw(404);
  ctx.set(headers);
  ctx.body = bytes;
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close());
