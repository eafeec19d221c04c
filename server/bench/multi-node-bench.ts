// `pnpm bench:nodes`: the scale-out shape measured — one and then two `layercast serve`
// processes on one throwaway Postgres and one local S3-protocol bucket (s3rver), loaded by
// wrk. Reports uncached renders/s with one node and with two, cache-hit req/s when the hit
// was stored by the other node, and the resident memory of each render child. It reports;
// it is not a test. On a shared 2-core machine a second node adds no cores: read the two-node
// figure as "the shared database and bucket cost nothing", not as scaling.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CARD_TITLE, cardTemplate, makeLogoDataUrl } from '../../engine/bench/card';
import { freePort, startPostgresCluster } from '../test/support/postgres-cluster';
import { startS3Server } from '../test/support/s3-server';
import { createTestDatabase } from '../test/support/test-database';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'src', 'cli.ts');
const run = promisify(execFile);

interface Node {
  child: ChildProcess;
  base: string;
}

async function wrk(url: string, connections: number, script?: string): Promise<{ rps: number; non2xx: number }> {
  const args = ['-t1', `-c${connections}`, `-d${SECONDS}s`, ...(script ? ['-s', script] : []), url];
  const { stdout } = await run('wrk', args, { encoding: 'utf8' });
  return {
    rps: Number(stdout.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? Number.NaN),
    non2xx: Number(stdout.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0),
  };
}

async function startNode(env: NodeJS.ProcessEnv): Promise<Node> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn('node', ['--import', 'tsx/esm', cli, 'serve'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resident memory (MB) of every process under `pid`: the render children of a node. */
function childRssMb(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const under = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of rows) {
      if (under.has(parent) && !under.has(p)) {
        under.add(p);
        grew = true;
      }
    }
  }
  return rows.filter(([p]) => p !== pid && under.has(p)).map(([, , rss]) => Math.round(rss / 1024));
}

const selfRssMb = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'layercast-nodes-bench-'));
  const cluster = await startPostgresCluster();
  const s3 = await startS3Server('layercast-bench');
  const database = await createTestDatabase(cluster.adminUrl);
  const env = {
    ...process.env,
    ...s3.env('bench'),
    DATABASE_URL: database.url,
    LAYERCAST_DATA: join(work, 'unused'),
    LAYERCAST_LOG_LEVEL: 'warn',
    LAYERCAST_PUBLIC_RATE_PER_MINUTE: '100000000',
  };
  const nodes: Node[] = [];
  try {
    const key = execFileSync(
      'node',
      ['--import', 'tsx/esm', cli, 'keys', 'create', '--name', 'bench', '--email', 'bench@example.com'],
      {
        env,
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ).trim();
    nodes.push(await startNode(env));
    const [a] = nodes as [Node];
    const created = await fetch(`${a.base}/api/templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench card', isPublic: true, jsonData: cardTemplate(makeLogoDataUrl()) }),
    });
    const template = (await created.json()) as { id: string };
    const script = join(work, 'uncached.lua');
    writeFileSync(
      script,
      `request = function()\n  return wrk.format("GET", "/api/render?templateId=${template.id}&title=Render%20" .. math.random(1, 2000000000) .. "%20" .. math.random(1, 2000000000))\nend\n`,
    );
    console.log(
      `load average at start ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}; ${SECONDS} s per run; Postgres ${cluster.port}, bucket ${s3.endpoint}`,
    );

    const one = await wrk(`${a.base}/`, 4, script);
    const rssAfterOne = childRssMb(a.child.pid ?? 0);
    nodes.push(await startNode(env));
    const [, b] = nodes as [Node, Node];
    const two = await Promise.all([wrk(`${a.base}/`, 4, script), wrk(`${b.base}/`, 4, script)]);

    // A hit stored by A, read through B (and through both at once).
    const hitPath = `/api/render?templateId=${template.id}&title=${encodeURIComponent(CARD_TITLE)}`;
    const miss = await fetch(`${a.base}${hitPath}`);
    await miss.arrayBuffer();
    const onB = await fetch(`${b.base}${hitPath}`);
    await onB.arrayBuffer();
    const hitB = await wrk(`${b.base}${hitPath}`, 50);
    const hitBoth = await Promise.all([wrk(`${a.base}${hitPath}`, 25), wrk(`${b.base}${hitPath}`, 25)]);

    const bad = (r: { non2xx: number }[]) => r.reduce((n, x) => n + x.non2xx, 0);
    console.log('\n| measure | value |');
    console.log('|---|---|');
    console.log(`| uncached renders/s, 1 node, concurrency 4 (${one.non2xx} non-2xx) | ${one.rps.toFixed(1)} |`);
    console.log(
      `| uncached renders/s, 2 nodes, concurrency 4 each (${bad(two)} non-2xx) | ${(two[0]!.rps + two[1]!.rps).toFixed(1)} |`,
    );
    console.log(
      `| X-Cache of A's render read on B | ${miss.headers.get('x-cache')} on A, ${onB.headers.get('x-cache')} on B; same ETag: ${miss.headers.get('etag') === onB.headers.get('etag')} |`,
    );
    console.log(
      `| cache-hit req/s on B of a render stored by A, 50 connections (${hitB.non2xx} non-2xx) | ${hitB.rps.toFixed(0)} |`,
    );
    console.log(
      `| cache-hit req/s on A and B at once, 25 connections each (${bad(hitBoth)} non-2xx) | ${(hitBoth[0]!.rps + hitBoth[1]!.rps).toFixed(0)} |`,
    );
    console.log(`| RSS of each render child after the 1-node run (MB) | ${rssAfterOne.join(', ')} |`);
    console.log(`| RSS of the node process itself (MB) | ${selfRssMb(a.child.pid ?? 0)} |`);
    console.log(
      `\nload average at end ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const node of nodes) node.child.kill('SIGTERM');
    await Promise.all(
      nodes.map((n) => (n.child.exitCode === null ? new Promise((r) => n.child.once('exit', r)) : null)),
    );
    await s3.stop();
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
