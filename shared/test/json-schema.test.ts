// The exported JSON Schema is what editors and CI validate template files with: it must
// accept every starter and reject what the server would reject structurally.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { STARTERS, templateJsonSchema } from '../src/index';
import { validDocument } from './helpers';

const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(templateJsonSchema());

describe('templateJsonSchema', () => {
  it('is a 2020-12 schema with an id and a title', () => {
    const schema = templateJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema).toMatchObject({
      $id: 'https://layercast.dev/schema/template.json',
      title: 'Layercast template document',
    });
  });

  it.each(STARTERS.map((s) => [s.file, s.document] as const))('accepts the starter %s', (_, document) => {
    const ok = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts a document that leaves optional fields out', () => {
    expect(validate(validDocument())).toBe(true);
  });

  it('accepts groups nested in groups, and rejects a bad child at its path', () => {
    const doc = validDocument();
    doc.layers.push({
      type: 'group',
      name: 'badge',
      width: 100,
      height: 100,
      layers: [
        { type: 'rect', name: 'plate', width: 100, height: 100 },
        {
          type: 'group',
          name: 'inner',
          width: 10,
          height: 10,
          layers: [{ type: 'ellipse', name: 'chip', width: 5, height: 5 }],
        },
      ],
    });
    expect(validate(doc)).toBe(true);
    (doc.layers[4] as { layers: Record<string, unknown>[] }).layers[0]!.width = 0;
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath.startsWith('/layers/4/layers/0'))).toBe(true);
  });

  it.each([
    [
      'an unknown layer property',
      (d: ReturnType<typeof validDocument>) => ((d.layers[0] as Record<string, unknown>).font = 'Inter'),
      '/layers/0',
    ],
    [
      'fontSize 0',
      (d: ReturnType<typeof validDocument>) => ((d.layers[0] as Record<string, unknown>).fontSize = 0),
      '/layers/0',
    ],
    ['a canvas of 4097 px', (d: ReturnType<typeof validDocument>) => (d.canvas.width = 4097), '/canvas/width'],
    [
      'an unknown layer type',
      (d: ReturnType<typeof validDocument>) => ((d.layers[2] as Record<string, unknown>).type = 'circle'),
      '/layers/2',
    ],
    [
      'a layer name with a space',
      (d: ReturnType<typeof validDocument>) => ((d.layers[1] as Record<string, unknown>).name = 'my logo'),
      '/layers/1',
    ],
    ['a missing canvas', (d: ReturnType<typeof validDocument>) => delete (d as Record<string, unknown>).canvas, ''],
  ])('rejects %s', (_, change, path) => {
    const doc = validDocument();
    change(doc);
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath.startsWith(path))).toBe(true);
  });
});
