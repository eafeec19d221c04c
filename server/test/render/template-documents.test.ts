// Parsed documents are kept by (template id, version): a save on any node is seen by the next
// render on every node, because each request still reads the row's version.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { TemplateDocuments } from '../../src/templates/template-documents';
import { cardTemplate, useTwoNodes } from '../support/render-server';

const nodes = useTwoNodes();

/** The colour at the middle of the background rect of the card. */
async function backgroundOf(res: Response): Promise<string> {
  const { data, info } = await sharp(Buffer.from(await res.arrayBuffer()))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (info.width * 200 + 10) * info.channels;
  return `#${[data[at], data[at + 1], data[at + 2]].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

describe('parsed template documents', () => {
  it('serve renders on every node, and a save on one node is drawn by the next render on the other', async () => {
    const card = cardTemplate();
    const id = await nodes.a.createTemplate(card, { isPublic: true });
    const url = (base: string) => `${base}/api/render?templateId=${id}&title=Same`;
    // Node B parses and keeps version 1.
    const first = await fetch(url(nodes.b.url));
    expect(first.status).toBe(200);
    expect(await backgroundOf(first)).toBe('#1e3a8a');
    expect((await fetch(url(nodes.b.url))).headers.get('x-cache')).toBe('HIT');

    // Node A saves version 2 with another background.
    const recoloured = {
      ...card,
      layers: card.layers.map((l) => (l.name === 'bg' ? { ...l, fill: '#b91c1c' } : l)),
    };
    await nodes.a.updateTemplate(id, { jsonData: recoloured });
    const after = await fetch(url(nodes.b.url));
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(await backgroundOf(after)).toBe('#b91c1c');
  });

  it('keeps at most the configured number of documents, frozen against changes', () => {
    const documents = new TemplateDocuments(2);
    const doc = { version: 3, canvas: { width: 10, height: 10 }, layers: [] } as never;
    documents.set('a', 1, doc);
    documents.set('a', 2, { ...(doc as object) } as never);
    documents.set('b', 1, { ...(doc as object) } as never);
    expect(documents.size).toBe(2);
    expect(documents.get('a', 1)).toBeUndefined();
    const kept = documents.get('b', 1) as unknown as { canvas: { width: number } };
    expect(Object.isFrozen(kept.canvas)).toBe(true);
  });
});
