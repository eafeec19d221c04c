// Validation results that name the JSON path and say what was expected.
import type { z } from 'zod';

export interface ValidationIssue {
  /** `layers[2].fontSize`; empty for the document itself. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

/** `['layers', 2, 'fontSize']` → `layers[2].fontSize`, prefixed with `base` when given. */
export function formatPath(path: readonly PropertyKey[], base = ''): string {
  let out = base;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

type Issue = z.core.$ZodIssue;

/** For a failed union, the branch whose errors got past the type check says the most. */
function bestUnionBranch(errors: Issue[][]): Issue[] | undefined {
  const informative = errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
  return informative.length === 1 ? informative[0] : undefined;
}

function collect(issue: Issue, prefix: PropertyKey[], out: { path: PropertyKey[]; message: string }[]) {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
    const branch = bestUnionBranch(issue.errors);
    if (branch) {
      for (const inner of branch) collect(inner, path, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown property' });
    return;
  }
  // Only a parse with `reportInput` tells a missing value from a wrong one: without the
  // input every type error would read as missing.
  if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
    out.push({ path, message: `required: ${issue.message}` });
    return;
  }
  out.push({ path, message: issue.message });
}

export function issuesFromZod(error: z.ZodError, base = ''): ValidationIssue[] {
  const flat: { path: PropertyKey[]; message: string }[] = [];
  for (const issue of error.issues) collect(issue, [], flat);
  return flat.map((i) => ({ path: formatPath(i.path, base), message: i.message }));
}

/** One issue per line, `path: message`, for terminals and error bodies. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
}
