// The undo history outlives a reload of the same template: it is kept in sessionStorage
// (this tab only) under the template's id, with the ETag of the version it was built on.
// A reload restores it only while the server still holds that version; after someone
// else's save the old steps would undo into a document that is no longer there.
import { TemplateDocumentSchema, type TemplateDocument } from '@layercast/shared';
import type { History } from './history';

const KEY = (templateId: string) => `layercast.history.${templateId}`;

interface Stored {
  etag: string;
  past: unknown[];
  present: unknown;
  future: unknown[];
}

/** Every stored snapshot is validated like any other document from outside. */
function parseAll(items: unknown[]): TemplateDocument[] | null {
  const out: TemplateDocument[] = [];
  for (const item of items) {
    const parsed = TemplateDocumentSchema.safeParse(item);
    if (!parsed.success) return null;
    out.push(parsed.data as TemplateDocument);
  }
  return out;
}

/** The stored history for this template and version, with `server` as its saved document. */
export function restoreHistory(
  templateId: string,
  etag: string | null,
  server: TemplateDocument,
): History<TemplateDocument> | null {
  if (!etag) return null;
  let stored: Stored;
  try {
    const raw = sessionStorage.getItem(KEY(templateId));
    if (!raw) return null;
    stored = JSON.parse(raw) as Stored;
  } catch {
    return null;
  }
  if (stored.etag !== etag || !Array.isArray(stored.past) || !Array.isArray(stored.future)) return null;
  const past = parseAll(stored.past);
  const future = parseAll(stored.future);
  const present = parseAll([stored.present])?.[0];
  if (!past || !future || !present) return null;
  // Unchanged since the save: the server's object, so the editor is not marked dirty.
  const same = JSON.stringify(present) === JSON.stringify(server);
  return { past, present: same ? server : present, future, lastKey: null, lastAt: 0 };
}

/** Writes the history; when storage is full the oldest steps go first. */
export function storeHistory(templateId: string, etag: string | null, h: History<TemplateDocument>): void {
  if (!etag) return;
  let past = h.past;
  for (;;) {
    try {
      const stored: Stored = { etag, past, present: h.present, future: h.future };
      sessionStorage.setItem(KEY(templateId), JSON.stringify(stored));
      return;
    } catch {
      if (past.length === 0) return;
      past = past.slice(Math.ceil(past.length / 2));
    }
  }
}
