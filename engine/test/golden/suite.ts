// One vitest test per golden case, plus helpers to build the small feature documents.
import { describe, it } from 'vitest';
import { type GoldenCase, expectGolden } from './harness';

export function goldenSuite(title: string, cases: readonly GoldenCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      await expectGolden(c);
    });
  });
}

type LayerInput = Record<string, unknown>;

/** A 400×240 feature card on an off-white background (so white layers show). */
export function card(layers: LayerInput[], canvas: Record<string, unknown> = {}, variables: LayerInput[] = []) {
  return { version: 4, canvas: { width: 400, height: 240, background: '#f8fafc', ...canvas }, layers, variables };
}

/** A faint box showing where a layer's frame is, drawn under it. */
export function frame(name: string, x: number, y: number, width: number, height: number): LayerInput {
  return { name, type: 'rect', x, y, width, height, fill: '#e2e8f0', stroke: '#94a3b8', strokeWidth: 1 };
}
