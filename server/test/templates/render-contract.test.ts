// GET /api/templates/:id/contract: a JSON Schema of exactly what a render of the template
// accepts, and it agrees with what the server accepts.
import { renderContract } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '@layercast/shared';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let id: string;
beforeAll(async () => {
  app = await startRenderServer();
  id = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

type Schema = {
  properties: Record<string, Schema>;
  additionalProperties?: boolean;
  maximum?: number;
  default?: unknown;
  anyOf?: Schema[];
  'x-layercast'?: { templateId: string; version: number; variants?: unknown[] };
};

describe('the render contract', () => {
  it('names every layer with its kind’s properties and ranges, and the variables with defaults', async () => {
    const res = await fetch(`${app.url}/api/templates/${id}/contract`, {
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/schema+json');
    const schema = (await res.json()) as Schema;
    expect(schema['x-layercast']).toMatchObject({ templateId: id, version: 1, variants: [] });
    const layers = schema.properties.layers!;
    expect(Object.keys(layers.properties).sort()).toEqual(['bg', 'logo', 'subtitle', 'title']);
    expect(layers.additionalProperties).toBe(false);
    const title = layers.properties.title!;
    expect(title.properties.fontSize?.maximum).toBe(1000);
    expect(Object.keys(title.properties)).toContain('text');
    expect(Object.keys(layers.properties.logo!.properties)).toContain('image_url');
    expect(Object.keys(layers.properties.bg!.properties)).toContain('fill');
    expect(title.additionalProperties).toBe(false);
    const author = schema.properties.variables!.properties.author!;
    expect(author.default).toBe('Jane');
  });

  it('accepts exactly what the server renders', async () => {
    const contract = renderContract(loadTemplate(cardTemplate()));
    const bodies = [
      { layers: { title: { text: 'Hello', fontSize: 40 } } },
      { layers: { title: { fontSize: 5000 } } },
      { layers: { titel: { text: 'typo' } } },
      { layers: { logo: { text: 'not for images' } } },
      { variables: { author: 'Ada' } },
      { variables: { nobody: 'x' } },
      { format: 'webp', quality: 80 },
      { format: 'gif' },
    ];
    for (const body of bodies) {
      const accepted = contract.safeParse({ templateId: id, ...body }).success;
      const res = await app.generate({ templateId: id, ...body });
      await res.arrayBuffer();
      expect(res.status === 200, JSON.stringify(body)).toBe(accepted);
      if (!accepted) expect(res.status, JSON.stringify(body)).toBe(422);
    }
  });
});
