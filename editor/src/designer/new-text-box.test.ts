// The first text box fits its text on one line on every size preset, measured by the same
// engine layout the canvas and the server use.
import { layoutText } from '@layercast/engine';
import { nodeLayoutEnv } from '@layercast/engine/node';
import { type TextLayer, TextLayerSchema } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { SIZE_PRESETS } from '../presets';
import { NEW_TEXT, newTextBox } from './new-text-box';

describe('the first text box', () => {
  for (const preset of SIZE_PRESETS) {
    it(`fits "${NEW_TEXT}" on one line on ${preset.label} ${preset.width}×${preset.height}`, () => {
      const env = nodeLayoutEnv();
      const box = newTextBox(preset, env);
      const layer = TextLayerSchema.parse({
        type: 'text',
        id: 'text',
        name: 'text',
        text: NEW_TEXT,
        ...box,
      }) as TextLayer;
      const { node } = layoutText(layer, NEW_TEXT, env);
      expect(node.lines.map((l) => l.text)).toEqual([NEW_TEXT]);
      expect(node.truncated).toBe(false);
      expect(node.fontSize).toBe(box.fontSize);
      expect(box.width).toBeLessThanOrEqual(preset.width * 0.9);
      expect(node.lines[0]!.width).toBeLessThanOrEqual(box.width);
      // Large enough to read on the canvas: at least a twentieth of its smaller side.
      expect(box.fontSize).toBeGreaterThanOrEqual(Math.min(preset.width, preset.height) / 20);
    });
  }
});
