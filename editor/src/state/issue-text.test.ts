import type { TemplateDocument } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { describeIssue } from './issue-text';

const doc = {
  layers: [{ name: 'title' }, { name: 'logo' }],
  variables: [{ name: 'author' }],
} as unknown as TemplateDocument;

describe('validation messages that name the layer', () => {
  it('names the layer of a document path and says what is too long in words', () => {
    expect(describeIssue(doc, { path: 'layers[0].text', message: 'expected at most 2000 characters' })).toBe(
      'title: text is longer than 2,000 characters',
    );
    expect(describeIssue(doc, { path: 'jsonData.layers[0].text', message: 'expected at most 2000 characters' })).toBe(
      'title: text is longer than 2,000 characters',
    );
    expect(describeIssue(doc, { path: 'layers[1].width', message: 'expected a number from 1 to 10000' })).toBe(
      'logo: width: expected a number from 1 to 10000',
    );
  });

  it('names a layer inside a group by its own name', () => {
    const grouped = {
      layers: [{ name: 'badge', type: 'group', layers: [{ name: 'plate' }, { name: 'label', type: 'text' }] }],
      variables: [],
    } as unknown as TemplateDocument;
    expect(
      describeIssue(grouped, { path: 'layers[0].layers[1].text', message: 'expected at most 2000 characters' }),
    ).toBe('label: text is longer than 2,000 characters');
    expect(
      describeIssue(grouped, { path: 'layers[0].layers', message: 'expected at least one layer in a group' }),
    ).toBe('badge: layers: expected at least one layer in a group');
  });

  it('reads override paths by name, and variables by their {{name}}', () => {
    expect(describeIssue(doc, { path: 'layers.title.text', message: 'expected at most 2000 characters' })).toBe(
      'title: text is longer than 2,000 characters',
    );
    expect(describeIssue(doc, { path: 'variables[0].default', message: 'expected at most 2000 characters' })).toBe(
      '{{author}}: default is longer than 2,000 characters',
    );
    expect(describeIssue(doc, { path: 'variables.author', message: 'expected at most 2000 characters' })).toBe(
      '{{author}}: value is longer than 2,000 characters',
    );
  });

  it('keeps other paths as they are', () => {
    expect(describeIssue(doc, { path: 'canvas.width', message: 'expected a whole number from 16 to 4096' })).toBe(
      'canvas.width: expected a whole number from 16 to 4096',
    );
    expect(describeIssue(doc, { path: 'layers[7]', message: 'unknown property' })).toBe('layer 8: unknown property');
  });
});
