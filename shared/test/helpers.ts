// Builders for schema tests: a small valid document with one layer of each kind, which a
// test breaks in exactly one place.
import { CURRENT_VERSION, type ValidationIssue, parseTemplate } from '../src/index';

export type Json = Record<string, unknown>;

export function validDocument(): Json & { canvas: Json; layers: Json[]; variables: Json[] } {
  return {
    version: CURRENT_VERSION,
    canvas: { width: 1200, height: 630, background: '#ffffff' },
    layers: [
      { name: 'title', type: 'text', x: 80, y: 80, width: 800, height: 200, text: 'Hello {{author}}' },
      { name: 'avatar', type: 'image', x: 80, y: 400, width: 120, height: 120, src: 'https://example.com/a.png' },
      { name: 'panel', type: 'rect', x: 0, y: 0, width: 400, height: 300, fill: '#eeeeee' },
      { name: 'dot', type: 'ellipse', x: 10, y: 10, width: 40, height: 40 },
    ],
    variables: [{ name: 'author', default: 'Jane' }],
  };
}

/** The issues for a document that must be rejected; fails the test if it is accepted. */
export function rejectionOf(input: unknown): ValidationIssue[] {
  const result = parseTemplate(input);
  if (result.ok) throw new Error('expected the document to be rejected, but it was accepted');
  return result.errors;
}

/** `path: message` lines, the form users see. */
export function lines(issues: ValidationIssue[]): string[] {
  return issues.map((i) => `${i.path}: ${i.message}`);
}
