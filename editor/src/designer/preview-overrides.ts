// The trial-override form's model: one field per layer, generated from the template, kept
// in sync with the raw JSON the same request would carry.
import { type Layer, type TemplateDocument, leafLayers } from '@layercast/shared';

export type TrialValues = Record<string, string>;

/**
 * The property a layer's form field sets: text for text, image_url for images, data for QR
 * codes, stroke for lines, fill for the other shapes.
 */
export function trialProperty(layer: Layer): 'text' | 'image_url' | 'fill' | 'data' | 'stroke' {
  switch (layer.type) {
    case 'text':
      return 'text';
    case 'image':
      return 'image_url';
    case 'qr':
      return 'data';
    case 'line':
      return 'stroke';
    default:
      return 'fill';
  }
}

/** Form values → the `layers` object of a render request; empty fields are left out. */
export function overridesFromForm(doc: TemplateDocument, values: TrialValues): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const layer of leafLayers(doc.layers)) {
    const v = values[layer.name];
    if (v !== undefined && v !== '') out[layer.name] = { [trialProperty(layer)]: v };
  }
  return out;
}

/** The JSON a user typed → form values for the fields that have one (the rest stay in the JSON). */
export function formFromOverrides(doc: TemplateDocument, overrides: unknown): TrialValues {
  const values: TrialValues = {};
  if (!overrides || typeof overrides !== 'object') return values;
  for (const layer of leafLayers(doc.layers)) {
    const o = (overrides as Record<string, unknown>)[layer.name];
    if (o && typeof o === 'object') {
      const v = (o as Record<string, unknown>)[trialProperty(layer)];
      if (typeof v === 'string') values[layer.name] = v;
    }
  }
  return values;
}
