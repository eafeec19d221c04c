// The first text box on a canvas: the placeholder text on one line, as large as a tenth of
// the canvas height allows while it fits in 80 % of the width, measured by the engine's own
// text layout (the canvas draws it with the same measurements), so it is never cut or
// wrapped on any preset, from a wide banner to a tall story.
import { layoutText } from '@layercast/engine';
import type { LayoutEnv } from '@layercast/engine';
import { type TextLayer, TextLayerSchema } from '@layercast/shared';

export const NEW_TEXT = 'Your text here';

export interface TextBox {
  fontSize: number;
  width: number;
  height: number;
}

/** The width of `text` on one line at `fontSize`, with the new layer's other defaults. */
function naturalWidth(text: string, fontSize: number, env: LayoutEnv): { width: number; lineHeight: number } {
  const probe = TextLayerSchema.parse({
    type: 'text',
    id: 'probe',
    name: 'probe',
    text,
    fontSize,
    width: 10_000,
    height: 10_000,
  }) as TextLayer;
  const { node } = layoutText(probe, text, env);
  return { width: Math.max(0, ...node.lines.map((l) => l.width)), lineHeight: node.lineHeightPx };
}

export function newTextBox(canvas: { width: number; height: number }, env: LayoutEnv, text = NEW_TEXT): TextBox {
  let fontSize = Math.max(16, Math.round(canvas.height / 10));
  let measured = naturalWidth(text, fontSize, env);
  const room = canvas.width * 0.8;
  if (measured.width > room) {
    fontSize = Math.max(8, Math.floor((fontSize * room) / measured.width));
    measured = naturalWidth(text, fontSize, env);
  }
  // A little air on the sides, so a slightly wider face or a typed letter does not wrap.
  const width = Math.min(Math.round(canvas.width * 0.9), Math.ceil(measured.width + fontSize * 0.5));
  return { fontSize, width, height: Math.ceil(measured.lineHeight) };
}
