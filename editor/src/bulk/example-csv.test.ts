import { csvField, parseTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { exampleColumns, exampleCsv, exampleFileName } from './example-csv';

function doc(input: unknown) {
  const parsed = parseTemplate(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const card = doc({
  version: 2,
  canvas: { width: 1200, height: 630, background: '#ffffff' },
  layers: [
    { type: 'rect', name: 'panel', x: 0, y: 0, width: 1200, height: 630, fill: '#0f172a' },
    { type: 'text', name: 'title', x: 60, y: 60, width: 1000, height: 200, text: 'Hello, "world"' },
    { type: 'image', name: 'logo', x: 60, y: 400, width: 100, height: 100, src: 'https://cdn.example.com/logo.png' },
    { type: 'image', name: 'photo', x: 200, y: 400, width: 100, height: 100, src: 'data:image/png;base64,AAAA' },
    { type: 'qr', name: 'link', x: 1000, y: 400, width: 150, height: 150, data: 'https://example.com' },
    { type: 'line', name: 'rule', x: 60, y: 300, width: 400, height: 4 },
  ],
  variables: [{ name: 'author', default: 'Jane Doe' }],
});

describe('the example CSV of a template', () => {
  it('has a column per content layer and per variable, named as the bulk endpoint reads them', () => {
    expect(exampleColumns(card).map((c) => c.header)).toEqual([
      'title.text',
      'logo.image_url',
      'photo.image_url',
      'link.data',
      '{{author}}',
    ]);
  });

  it("fills one row with the template's own values, quoting what needs it, and no inline images", () => {
    expect(exampleCsv(card)).toBe(
      'title.text,logo.image_url,photo.image_url,link.data,{{author}}\r\n' +
        '"Hello, ""world""",https://cdn.example.com/logo.png,,https://example.com,Jane Doe\r\n',
    );
  });

  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('');
  });

  it('is empty for a template with nothing to fill in, and names the file after the template', () => {
    const shapes = doc({
      version: 2,
      canvas: { width: 100, height: 100 },
      layers: [{ type: 'ellipse', name: 'dot', x: 0, y: 0, width: 10, height: 10 }],
    });
    expect(exampleCsv(shapes)).toBe('');
    expect(exampleFileName('Summer Sale — 2024!')).toBe('summer-sale-2024-rows.csv');
    expect(exampleFileName('***')).toBe('template-rows.csv');
  });
});
