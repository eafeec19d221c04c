// `{{name}}` placeholders in text, filled from request values or the variable's default.
import { type ParseResult, type ValidationIssue, formatPath } from './issues';
import { LIMITS, type TemplateDocument } from './schema';

export type VariableValues = Record<string, string>;

/** Request values must name declared variables and be strings (numbers are accepted as text). */
export function parseVariables(
  doc: TemplateDocument,
  input: unknown,
  basePath = 'variables',
): ParseResult<VariableValues> {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: basePath, message: 'expected an object of variable name → text' }] };
  }
  const declared = doc.variables.map((v) => v.name);
  const errors: ValidationIssue[] = [];
  const value: VariableValues = {};
  for (const [name, raw] of Object.entries(input)) {
    const path = formatPath([name], basePath);
    if (!declared.includes(name)) {
      errors.push({
        path,
        message: `the template has no variable "${name}"; its variables are: ${declared.join(', ') || '(none)'}`,
      });
    } else if (typeof raw === 'number' && Number.isFinite(raw)) {
      value[name] = String(raw);
    } else if (typeof raw !== 'string') {
      errors.push({ path, message: 'expected a string' });
    } else if (raw.length > LIMITS.maxTextLength) {
      errors.push({ path, message: `expected at most ${LIMITS.maxTextLength} characters` });
    } else value[name] = raw;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

/** Replaces `{{name}}` with the value or the declared default; unknown names stay as written. */
export function substituteVariables(text: string, doc: TemplateDocument, values: VariableValues): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(values, name)) return values[name] ?? '';
    const declared = doc.variables.find((v) => v.name === name);
    return declared ? declared.default : whole;
  });
}
