// Validation messages as a designer reads them: the layer's name instead of its index
// (`title: text is longer than 2,000 characters`, not `layers[0].text expected at most 2000
// characters`). Works on the document's own paths (`layers[0].text`, from saving) and on
// the override paths a render request names (`layers.title.text`).
import type { Layer, TemplateDocument, ValidationIssue } from '@layercast/shared';

const number = (n: number) => n.toLocaleString('en');

/** "expected at most 2000 characters" → "text is longer than 2,000 characters". */
function phrase(field: string, message: string): string {
  const longer = /^expected at most (\d+) characters$/.exec(message);
  if (longer) return `${field} is longer than ${number(Number(longer[1]))} characters`;
  return field ? `${field}: ${message}` : message;
}

export function describeIssue(doc: Pick<TemplateDocument, 'layers' | 'variables'>, given: ValidationIssue): string {
  // A save's body holds the document under jsonData.
  const issue = { ...given, path: given.path.replace(/^jsonData\.?/, '') };
  // `layers[0].layers[2].width`: a layer inside a group, named by its own name.
  const byIndex = /^layers\[(\d+)\]((?:\.layers\[\d+\])*)(?:\.(.+))?$/.exec(issue.path);
  if (byIndex) {
    let layer: Layer | undefined = doc.layers[Number(byIndex[1])];
    let position = Number(byIndex[1]) + 1;
    for (const [, inner] of (byIndex[2] ?? '').matchAll(/\[(\d+)\]/g)) {
      position = Number(inner) + 1;
      layer = layer?.type === 'group' ? layer.layers[Number(inner)] : undefined;
    }
    const who = layer ? layer.name : `layer ${position}`;
    return `${who}: ${phrase(byIndex[3] ?? '', issue.message)}`;
  }
  const byName = /^layers\.([A-Za-z0-9_-]+)(?:\.(.+))?$/.exec(issue.path);
  if (byName) return `${byName[1]}: ${phrase(byName[2] ?? '', issue.message)}`;
  const variable = /^variables\[(\d+)\](?:\.(.+))?$/.exec(issue.path);
  if (variable) {
    const v = doc.variables[Number(variable[1])];
    return `${v ? `{{${v.name}}}` : `variable ${Number(variable[1]) + 1}`}: ${phrase(variable[2] ?? '', issue.message)}`;
  }
  const byVariableName = /^variables\.([A-Za-z0-9_]+)$/.exec(issue.path);
  if (byVariableName) return `{{${byVariableName[1]}}}: ${phrase('value', issue.message)}`;
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** The details of an API error, when it carries validation issues. */
export function issuesOf(error: unknown): ValidationIssue[] {
  const details = (error as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is ValidationIssue =>
      typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
  );
}
