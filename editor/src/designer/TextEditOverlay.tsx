// Editing text in place: a double-click on a text layer opens a textarea exactly over the
// layer's box, set in the engine's font, size, line height, letter spacing and padding and
// starting at the engine's first line. Its own glyphs are transparent: what shows is the
// canvas, which the engine lays out again at every keystroke, so the wrapping seen while
// typing is the wrapping the server will draw. The textarea supplies the caret and the
// selection. Escape, Enter with Ctrl/⌘, or a click elsewhere commit; the whole edit is
// one undo step.
import type { TextNode } from '@layercast/engine';
import { LIMITS, type Layer, type TextLayer, allLayers } from '@layercast/shared';
import { useEffect, useRef } from 'react';
import { updateLayers } from '../state/layer-ops';
import { useDesigner, useDoc, useSceneState, useUi } from './context';

export function TextEditOverlay() {
  const { docs, ui, platform } = useDesigner();
  const doc = useDoc();
  const { scene } = useSceneState();
  const editingId = useUi((s) => s.editingTextId);
  const viewport = useUi((s) => s.viewport);
  const ref = useRef<HTMLTextAreaElement>(null);
  const layer = allLayers(doc.layers).find((l): l is TextLayer => l.id === editingId && l.type === 'text');
  const node = scene.nodes.find((n): n is TextNode => n.id === editingId && n.type === 'text');
  const open = Boolean(layer && node);

  // The edit is one gesture: every keystroke is a preview of it, the commit one step.
  useEffect(() => {
    if (!open) return;
    docs.getState().beginGesture();
    const el = ref.current;
    el?.focus();
    el?.select();
    return () => docs.getState().endGesture();
  }, [open, docs]);

  if (!layer || !node) return null;
  const { zoom, panX, panY } = viewport;
  const size = node.fontSize;
  const metrics = platform.env.metrics(node.family);
  // The CSS line box puts the baseline where the engine does (half-leading, then ascent),
  // so the textarea's first line starts where the engine's first line box starts.
  const halfLeading = metrics ? (node.lineHeightPx - (metrics.ascent + metrics.descent) * size) / 2 : 0;
  const first = node.lines[0];
  const top = first && metrics ? first.baseline - halfLeading - metrics.ascent * size : layer.padding;
  const commit = () => ui.getState().setEditingText(null);

  return (
    <textarea
      ref={ref}
      className="text-edit-overlay"
      data-testid="text-editor"
      aria-label={`Text of ${layer.name}`}
      spellCheck={false}
      dir={layer.direction}
      maxLength={LIMITS.maxTextLength}
      value={layer.text}
      style={{
        left: panX + node.x * zoom,
        top: panY + node.y * zoom,
        width: node.width * zoom,
        height: node.height * zoom,
        transform: node.rotation ? `rotate(${node.rotation}deg)` : undefined,
        padding: `${Math.max(0, top) * zoom}px ${layer.padding * zoom}px 0`,
        fontFamily: platform.env.fontStack(node.family),
        fontWeight: node.weight,
        fontStyle: node.style,
        fontSize: size * zoom,
        lineHeight: `${node.lineHeightPx * zoom}px`,
        letterSpacing: node.letterSpacing * zoom,
        textAlign: layer.textAlign,
        textTransform: layer.textTransform === 'none' ? undefined : layer.textTransform,
        caretColor: node.color,
      }}
      onChange={(e) => {
        const text = e.target.value;
        docs.getState().preview((d) => updateLayers(d, [layer.id], (l) => ({ ...l, text }) as Layer));
      }}
      onKeyDown={(e) => {
        // Keys typed here are text, not designer shortcuts.
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          commit();
        }
      }}
      onBlur={commit}
    />
  );
}
