// Sample data on the canvas: the preview panel's trial overrides and variables, validated
// as the server validates a render request, become the layout input of the canvas itself,
// so the engine draws exactly what the API would return for them. The document is not
// changed: turning the preview off shows the template again.
import type { LayoutInput } from '@layercast/engine';
import { type TemplateDocument, applyOverrides, parseOverrides, parseVariables } from '@layercast/shared';
import { describeIssue } from '../state/issue-text';
import type { TrialInput } from '../state/ui-store';
import { overridesFromForm } from './preview-overrides';

export interface SampleData {
  input: LayoutInput;
  /** The document with the overrides applied: the fonts and images the canvas needs. */
  effective: TemplateDocument;
  /** Why the trial values cannot be drawn (the canvas then shows the template as it is). */
  error: string | null;
}

/** The trial as a render request would carry it: the raw JSON when typed, else the form. */
export function trialOverrides(doc: TemplateDocument, trial: TrialInput): { value: unknown; error: string | null } {
  if (trial.raw === null) return { value: overridesFromForm(doc, trial.values), error: null };
  if (trial.raw.trim() === '') return { value: {}, error: null };
  try {
    return { value: JSON.parse(trial.raw), error: null };
  } catch (e) {
    return { value: {}, error: `Not valid JSON: ${(e as Error).message}` };
  }
}

/** The trial's variables that have a value (empty fields fall back to the defaults). */
export function trialVariables(trial: TrialInput): Record<string, string> {
  return Object.fromEntries(Object.entries(trial.variables).filter(([, v]) => v !== ''));
}

export function sampleData(doc: TemplateDocument, trial: TrialInput): SampleData {
  const raw = trialOverrides(doc, trial);
  const layers = parseOverrides(doc, raw.value);
  const variables = parseVariables(doc, trialVariables(trial));
  const issue = !layers.ok ? layers.errors[0] : !variables.ok ? variables.errors[0] : undefined;
  if (raw.error || !layers.ok || !variables.ok) {
    return { input: {}, effective: doc, error: raw.error ?? (issue ? describeIssue(doc, issue) : 'Invalid values') };
  }
  return {
    input: { layers: layers.value, variables: variables.value },
    effective: applyOverrides(doc, layers.value),
    error: null,
  };
}
