// The document most layout tests need: one text layer named `t` at (10, 20) on an
// 800×600 canvas, with the given box and properties, parsed as the server parses it.
import { type TemplateDocument, type TemplateDocumentInput, parseTemplate } from '@layercast/shared';

export function oneTextDocument(
  props: Record<string, unknown>,
  box: { width: number; height: number },
): TemplateDocument {
  const input: TemplateDocumentInput = {
    version: 4,
    canvas: { width: 800, height: 600 },
    layers: [{ name: 't', type: 'text', x: 10, y: 20, ...box, ...props } as never],
  };
  const doc = parseTemplate(input);
  if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  return doc.value;
}
