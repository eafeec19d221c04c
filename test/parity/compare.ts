// Layout and pixel comparison between the editor's scene and canvas and the server's.
import type { Scene, SceneNode } from '@layercast/engine';
import type { Pixels } from '../e2e/harness';

/** Mean absolute difference per channel (RGBA), in 0..255 units. */
export function meanChannelDiff(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/** A grey image with the differences in red, amplified so small ones show. */
export function diffImage(a: Pixels, b: Pixels): Pixels {
  const data = Buffer.alloc(a.width * a.height * 4);
  for (let i = 0; i < data.length; i += 4) {
    const d = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
    );
    const grey = Math.round(((a.data[i]! + a.data[i + 1]! + a.data[i + 2]!) / 3) * 0.3 + 170);
    data[i] = d > 2 ? 255 : grey;
    data[i + 1] = d > 2 ? Math.max(0, 200 - d * 4) : grey;
    data[i + 2] = d > 2 ? Math.max(0, 200 - d * 4) : grey;
    data[i + 3] = 255;
  }
  return { width: a.width, height: a.height, data };
}

const near = (a: number, b: number, tol = 1) => Math.abs(a - b) <= tol;

/** Every layout difference beyond 1 px (or any different line break), described. */
export function layoutDifferences(editor: Scene, server: Scene): string[] {
  const out: string[] = [];
  const byId = new Map<string, SceneNode>(server.nodes.map((n) => [n.id, n]));
  if (editor.nodes.length !== server.nodes.length)
    out.push(`${editor.nodes.length} nodes in the editor, ${server.nodes.length} on the server`);
  for (const e of editor.nodes) {
    const s = byId.get(e.id);
    if (!s) {
      out.push(`${e.name}: only in the editor`);
      continue;
    }
    for (const k of ['x', 'y', 'width', 'height', 'rotation'] as const)
      if (!near(e[k], s[k])) out.push(`${e.name}.${k}: ${e[k]} vs ${s[k]}`);
    if (e.type === 'text' && s.type === 'text') {
      const el = e.lines.map((l) => l.text);
      const sl = s.lines.map((l) => l.text);
      if (JSON.stringify(el) !== JSON.stringify(sl))
        out.push(`${e.name}: lines ${JSON.stringify(el)} vs ${JSON.stringify(sl)}`);
      if (e.fontSize !== s.fontSize) out.push(`${e.name}: font size ${e.fontSize} vs ${s.fontSize}`);
      e.lines.forEach((l, i) => {
        const m = s.lines[i];
        if (m && (!near(l.x, m.x) || !near(l.baseline, m.baseline) || !near(l.width, m.width))) {
          out.push(
            `${e.name} line ${i}: x ${l.x.toFixed(2)}/${m.x.toFixed(2)} baseline ${l.baseline.toFixed(2)}/${m.baseline.toFixed(2)} width ${l.width.toFixed(2)}/${m.width.toFixed(2)}`,
          );
        }
        // Bidi runs: the same visual order and directions, each within a pixel.
        const runs = (line: typeof l | undefined) =>
          (line?.runs ?? []).map((r) => `${r.rtl ? 'rtl' : 'ltr'} ${r.text}`);
        if (m && JSON.stringify(runs(l)) !== JSON.stringify(runs(m)))
          out.push(`${e.name} line ${i}: runs ${JSON.stringify(runs(l))} vs ${JSON.stringify(runs(m))}`);
        else if (m) {
          l.runs?.forEach((r, j) => {
            const o = m.runs?.[j];
            if (o && !near(r.x, o.x)) out.push(`${e.name} line ${i} run ${j}: x ${r.x.toFixed(2)}/${o.x.toFixed(2)}`);
          });
        }
      });
    }
    if (e.type === 'image' && s.type === 'image') {
      const ed = e.draw;
      const sd = s.draw;
      if (!ed || !sd) {
        if (ed !== sd) out.push(`${e.name}: image drawn on one side only`);
      } else {
        for (const k of ['x', 'y', 'width', 'height'] as const) {
          if (!near(ed.dest[k], sd.dest[k]) || !near(ed.source[k], sd.source[k]))
            out.push(`${e.name}: image ${k} differs`);
        }
      }
    }
  }
  return out;
}

/** The largest difference in a text line's position or measured width, for the printed figure. */
export function maxLineOffset(editor: Scene, server: Scene): number {
  let max = 0;
  const byId = new Map<string, SceneNode>(server.nodes.map((n) => [n.id, n]));
  for (const e of editor.nodes) {
    const s = byId.get(e.id);
    if (e.type !== 'text' || s?.type !== 'text') continue;
    e.lines.forEach((l, i) => {
      const m = s.lines[i];
      if (m) max = Math.max(max, Math.abs(l.x - m.x), Math.abs(l.baseline - m.baseline), Math.abs(l.width - m.width));
    });
  }
  return max;
}
