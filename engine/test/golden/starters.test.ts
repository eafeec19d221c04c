// Golden images of every starter template at full size, and what a designer relies on:
// every image loads, every character has a glyph, every named font is shipped.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { STARTERS } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import type { GoldenCase } from './harness';
import { goldenSuite } from './suite';

const startersDir = join(import.meta.dirname, '../../../shared/starters');

describe('starter files', () => {
  it('index.json lists every starter file in shared/starters, and only those', () => {
    const files = readdirSync(startersDir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(STARTERS.map((s) => s.file).sort()).toEqual(files.sort());
  });
});

const cases: GoldenCase[] = STARTERS.map((s) => ({
  name: `starter-${s.file.replace(/\.json$/, '')}`,
  description: s.description,
  doc: s.document,
  check: ({ diagnostics, width, height }) => {
    expect([width, height]).toEqual([s.width, s.height]);
    expect(diagnostics.missingGlyphs).toEqual([]);
    expect(diagnostics.background?.loaded ?? true).toBe(true);
    for (const [name, d] of Object.entries(diagnostics.layers)) {
      if (d.type === 'image') expect({ name, loaded: d.loaded }).toEqual({ name, loaded: true });
      else expect({ name, fontFallback: d.fontFallback }).toEqual({ name, fontFallback: undefined });
    }
  },
}));

goldenSuite('golden: starters', cases);
