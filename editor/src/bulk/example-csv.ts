// "Download example CSV": a file the bulk endpoint reads as it is, built from the template.
// One column per content layer (the property its preview field sets: text, image_url, data)
// and one per variable, with a row of the template's own values, so a user fills in rows
// rather than learns the header syntax. Shapes and lines are left out (a card is rarely
// recoloured per row); their `layer.fill` / `layer.stroke` columns work when added by hand.
import { type Layer, type TemplateDocument, csvLine, leafLayers } from '@layercast/shared';
import { trialProperty } from '../designer/preview-overrides';

/** The layer kinds whose content a row usually changes. */
const CONTENT_LAYERS: ReadonlySet<Layer['type']> = new Set(['text', 'image', 'qr']);

export interface CsvColumn {
  header: string;
  /** The template's own value, as the example row shows it. */
  example: string;
}

/** What a template takes per row: `title.text`, `logo.image_url`, `{{author}}`. */
export function exampleColumns(doc: TemplateDocument): CsvColumn[] {
  const columns: CsvColumn[] = [];
  // Layers inside groups are columns by their own names too.
  for (const layer of leafLayers(doc.layers)) {
    if (!CONTENT_LAYERS.has(layer.type)) continue;
    const property = trialProperty(layer);
    columns.push({ header: `${layer.name}.${property}`, example: exampleValue(layer) });
  }
  for (const variable of doc.variables) {
    columns.push({ header: `{{${variable.name}}}`, example: variable.default });
  }
  return columns;
}

function exampleValue(layer: Layer): string {
  switch (layer.type) {
    case 'text':
      return layer.text;
    case 'qr':
      return layer.data;
    case 'image':
      // An uploaded or pasted image inline as data: is no use in a spreadsheet cell.
      return /^https?:\/\//.test(layer.src) ? layer.src : '';
    default:
      return '';
  }
}

/** The example file's text: the header and one row of the template's values (CRLF lines). */
export function exampleCsv(doc: TemplateDocument): string {
  const columns = exampleColumns(doc);
  if (!columns.length) return '';
  return `${csvLine(columns.map((c) => c.header))}\r\n${csvLine(columns.map((c) => c.example))}\r\n`;
}

/** `Summer sale — 2024` → `summer-sale-2024-rows.csv`. */
export function exampleFileName(templateName: string): string {
  const slug = templateName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'template'}-rows.csv`;
}
