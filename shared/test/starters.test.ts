// The starter gallery: every file parses, the index describes it truthfully, and the set
// as a whole shows off the features a designer reaches for. (That index.json names every
// file in the folder is checked by the engine's golden suite, which has file access.)
import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  type Layer,
  STARTERS,
  type TemplateDocument,
  formatIssues,
  loadStarter,
  parseTemplate,
} from '../src/index';

const files = STARTERS.map((s) => s.file);
const parsed = new Map<string, TemplateDocument>();
for (const starter of STARTERS) {
  const result = parseTemplate(starter.document);
  if (result.ok) parsed.set(starter.file, result.value);
}
const all = () => [...parsed.values()];
const texts = (doc: TemplateDocument) =>
  doc.layers.filter((l): l is Extract<Layer, { type: 'text' }> => l.type === 'text');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('starter files', () => {
  it('there are at least ten, each with a distinct file', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(new Set(files).size).toBe(files.length);
  });

  it.each(STARTERS.map((s) => [s.file, s.document] as const))(
    '%s parses as a current-version document',
    (_, document) => {
      expect((document as { version?: unknown }).version).toBe(CURRENT_VERSION);
      const result = parseTemplate(document);
      expect(result.ok ? '' : formatIssues(result.errors)).toBe('');
    },
  );

  it.each(STARTERS.map((s) => [s.file, s] as const))(
    '%s: the index gives its real size, a name and a description',
    (file, info) => {
      expect(parsed.get(file)?.canvas).toMatchObject({ width: info.width, height: info.height });
      expect(info.name.length).toBeGreaterThan(2);
      expect(info.description.length).toBeGreaterThan(20);
    },
  );

  it.each(files)('%s: layers have semantic names, not editor defaults', (file) => {
    for (const layer of parsed.get(file)?.layers ?? [])
      expect(layer.name).not.toMatch(/^(text|rect|image|ellipse|layer|shape)[-_]?\d*$/i);
  });

  it.each(files)('%s: every {{placeholder}} is declared, and every declared variable is used', (file) => {
    const doc = parsed.get(file);
    if (!doc) throw new Error(`${file} did not parse`);
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
    const used = new Set([
      ...texts(doc).flatMap((l) => placeholders(l.text)),
      ...doc.layers.flatMap((l) => (l.type === 'image' ? placeholders(l.src) : [])),
    ]);
    expect([...used].sort()).toEqual(doc.variables.map((v) => v.name).sort());
  });

  it.each(files)('%s: images are embedded PNGs, so the starter renders offline', (file) => {
    const doc = parsed.get(file);
    if (!doc) throw new Error(`${file} did not parse`);
    // A src naming a variable (`{{page.image}}`) draws the variable's default until a request fills it.
    const resolve = (src: string) => {
      const name = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(src)?.[1];
      return name ? (doc.variables.find((v) => v.name === name)?.default ?? src) : src;
    };
    const srcs = [
      ...doc.layers.flatMap((l) => (l.type === 'image' ? [resolve(l.src)] : [])),
      ...(doc.canvas.backgroundImage ? [resolve(doc.canvas.backgroundImage)] : []),
    ];
    for (const src of srcs) {
      expect(src).toMatch(/^data:image\/png;base64,/);
      const head = atob(src.slice(src.indexOf(',') + 1, src.indexOf(',') + 13));
      expect([...head.slice(0, 8)].map((c) => c.charCodeAt(0))).toEqual(PNG_SIGNATURE);
    }
  });

  it('loadStarter gives the parsed document and refuses unknown names', () => {
    expect(loadStarter('blog-post.json').layers.map((l) => l.name)).toContain('title');
    expect(() => loadStarter('nope.json')).toThrow('no starter named nope.json');
  });
});

describe('the set as a whole', () => {
  it('includes a 1080×1080 square and a Korean card with a Japanese subtitle', () => {
    expect(all().some((d) => d.canvas.width === 1080 && d.canvas.height === 1080)).toBe(true);
    const families = new Set(all().flatMap((d) => texts(d).map((l) => l.fontFamily)));
    expect(families).toContain('Noto Sans KR');
    expect(families).toContain('Noto Sans JP');
    const cjk = parsed.get('cjk-conference.json');
    expect(cjk && texts(cjk).some((l) => l.fontFamily === 'Noto Sans JP' && /[\u3040-\u30ff]/.test(l.text))).toBe(true);
    expect(cjk && texts(cjk).some((l) => l.fontFamily === 'Noto Sans KR' && /[\uac00-\ud7af]/.test(l.text))).toBe(true);
  });

  it('every starter has a title-like layer and most declare variables', () => {
    for (const doc of all()) expect(doc.layers.some((l) => /^(title|headline|quote|role)$/.test(l.name))).toBe(true);
    expect(all().filter((d) => d.variables.length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('uses every text feature a designer expects somewhere', () => {
    const t = all().flatMap(texts);
    expect(t.some((l) => l.letterSpacing !== 0)).toBe(true);
    expect(t.some((l) => l.textTransform === 'uppercase')).toBe(true);
    expect(t.some((l) => l.autoFit && l.minFontSize < l.fontSize)).toBe(true);
    expect(t.some((l) => l.maxLines !== null && l.overflow === 'ellipsis')).toBe(true);
    expect(t.some((l) => l.background !== undefined && l.padding > 0)).toBe(true);
    expect(t.some((l) => l.shadow !== undefined)).toBe(true);
    expect(t.some((l) => l.fontStyle === 'italic')).toBe(true);
    expect(t.some((l) => l.text.includes('\n'))).toBe(true);
  });

  it('uses gradients in both forms, rounded panels, rotation, shadows and images', () => {
    const layers = all().flatMap((d) => d.layers);
    const fills = [
      ...all().map((d) => d.canvas.background),
      ...layers.flatMap((l) => (l.type === 'rect' || l.type === 'ellipse' ? [l.fill] : [])),
    ];
    expect(fills.some((f) => typeof f === 'object' && f.type === 'linear')).toBe(true);
    expect(fills.some((f) => typeof f === 'object' && f.type === 'radial')).toBe(true);
    expect(fills.some((f) => typeof f === 'string' && f.startsWith('linear-gradient('))).toBe(true);
    expect(fills.some((f) => typeof f === 'string' && f.startsWith('radial-gradient('))).toBe(true);
    expect(layers.some((l) => l.type === 'rect' && l.cornerRadius > 0)).toBe(true);
    expect(layers.some((l) => l.rotation !== 0)).toBe(true);
    expect(layers.some((l) => l.type !== 'text' && 'shadow' in l && l.shadow !== undefined)).toBe(true);
    expect(
      layers.some(
        (l) => l.type === 'image' && (Array.isArray(l.borderRadius) ? Math.max(...l.borderRadius) : l.borderRadius) > 0,
      ),
    ).toBe(true);
    expect(all().some((d) => d.canvas.backgroundImage)).toBe(true);
  });
});
