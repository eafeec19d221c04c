import { parseTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { columnProblems, describeColumn, failureText, jobProgress, rowPreview } from './bulk-view';

const parsed = parseTemplate({
  version: 2,
  canvas: { width: 1200, height: 630 },
  layers: [
    { type: 'text', name: 'title', x: 0, y: 0, width: 1000, height: 200, text: 'Hello' },
    { type: 'image', name: 'logo', x: 0, y: 300, width: 100, height: 100 },
  ],
  variables: [{ name: 'author', default: 'Jane' }],
});
if (!parsed.ok) throw new Error('bad fixture');
const doc = parsed.value;

describe('the column mapping as the Bulk page lists it', () => {
  it('says where each column goes: layer property, variable or render field', () => {
    expect(describeColumn({ header: 'title.text', target: { layer: 'title', property: 'text' } }, doc)).toEqual({
      header: 'title.text',
      kind: 'layer',
      target: 'layer title (text) → text',
      error: null,
    });
    expect(describeColumn({ header: '{{author}}', target: { variable: 'author' } }, doc)).toMatchObject({
      kind: 'variable',
      target: 'variable {{author}}',
      error: null,
    });
    expect(describeColumn({ header: 'format', target: { field: 'format' } }, doc)).toMatchObject({
      kind: 'field',
      target: 'render format',
    });
  });

  it("marks a column that names nothing with the server's error, or a reason of its own", () => {
    const withError = describeColumn(
      { header: 'subtitle.text', target: null, error: 'no layer named "subtitle"; layers: title, logo' },
      doc,
    );
    expect(withError).toMatchObject({ kind: 'unused', target: 'not used', error: expect.stringContaining('subtitle') });
    const bare = describeColumn({ header: 'notes', target: null }, doc);
    expect(bare.error).toBe('"notes" names no layer property, variable or field of this template');
    expect(columnProblems([withError, bare, describeColumn({ header: 'format', target: { field: 'format' } })])).toBe(
      2,
    );
  });
});

describe('a previewed row', () => {
  it('becomes the layout input of its overrides and variables', () => {
    const row = rowPreview(doc, { layers: { title: { text: 'Row one' } }, variables: { author: 'Ann' } });
    expect(row).toEqual({
      input: { layers: { title: { text: 'Row one' } }, variables: { author: 'Ann' } },
      error: null,
    });
  });

  it('that the server would refuse says why, with the layer name', () => {
    const row = rowPreview(doc, { layers: { title: { fontSize: 'huge' } } });
    expect(row.input).toEqual({});
    expect(row.error).toMatch(/^title: fontSize/);
  });
});

describe('job progress', () => {
  it('counts rendered and failed rows, and is whole when the job is finished', () => {
    expect(jobProgress({ status: 'running', total: 40, done: 11, failed: 1 })).toEqual({
      processed: 12,
      percent: 30,
      finished: false,
      label: '12 of 40 rows · 1 failed',
    });
    expect(jobProgress({ status: 'queued', total: 1, done: 0, failed: 0 }).label).toBe('0 of 1 row');
    expect(jobProgress({ status: 'partial', total: 3, done: 2, failed: 1 })).toMatchObject({
      processed: 3,
      percent: 100,
      finished: true,
    });
  });
});

describe('a failed row', () => {
  it("reads as the server's message, the row number (its own column) left out, the path added when missing", () => {
    const error = { code: 'invalid_overrides', path: 'layers.title.fontSize' };
    expect(
      failureText({
        row: 2,
        status: 'failed',
        error: { ...error, message: 'row 2: layers.title.fontSize: expected a number' },
      }),
    ).toBe('layers.title.fontSize: expected a number');
    expect(failureText({ row: 2, status: 'failed', error: { ...error, message: 'expected a number' } })).toBe(
      'layers.title.fontSize: expected a number',
    );
    expect(failureText({ row: 5, status: 'failed' })).toBe('Not rendered');
  });
});
