// Saving: PUT with If-Match, visible states, and the 412 conflict choice (reload or overwrite).
import { isApiError, parseTemplate } from '@layercast/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api } from '../api/client';
import { type DocumentStore, selectFullDoc } from '../state/document-store';
import { describeIssue, issuesOf } from '../state/issue-text';
import { queryKeys } from '../api/queries';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string };

export function useSave(templateId: string, docs: DocumentStore, initialEtag: string | null) {
  const qc = useQueryClient();
  const etag = useRef(initialEtag);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const saving = useRef(false);

  const save = useCallback(
    async (overwrite = false) => {
      if (saving.current) return;
      const doc = selectFullDoc(docs.getState());
      const parsed = parseTemplate(doc);
      if (!parsed.ok) {
        const first = parsed.errors[0];
        setState({ kind: 'error', message: first ? describeIssue(doc, first) : 'The template is not valid' });
        return;
      }
      saving.current = true;
      setState({ kind: 'saving' });
      try {
        // Overwrite drops If-Match: the server then takes this document whatever was saved in between.
        const ifMatch = overwrite ? undefined : (etag.current ?? undefined);
        const saved = await api.templates.update(templateId, { jsonData: doc }, { ifMatch });
        etag.current = saved.etag;
        docs.getState().markSaved(doc);
        setState({ kind: 'saved', at: Date.now() });
        qc.invalidateQueries({ queryKey: queryKeys.templates.all });
        qc.setQueryData(queryKeys.templates.detail(templateId), (old: unknown) =>
          old ? { ...(old as object), version: saved.version, etag: saved.etag } : old,
        );
      } catch (error) {
        if (isApiError(error, 412)) setState({ kind: 'conflict', message: error.message });
        else {
          // A refusal with validation details names the layer, as a local check would.
          const first = issuesOf(error)[0];
          const message = first ? describeIssue(doc, first) : error instanceof Error ? error.message : 'Saving failed';
          setState({ kind: 'error', message });
        }
      } finally {
        saving.current = false;
      }
    },
    [docs, templateId, qc],
  );

  /** Drops local changes and loads what is on the server. */
  const reload = useCallback(async () => {
    setState({ kind: 'saving' });
    try {
      const fresh = await api.templates.get(templateId);
      const parsed = parseTemplate(fresh.jsonData);
      if (!parsed.ok) throw new Error('The saved template is not valid');
      etag.current = fresh.etag;
      docs.getState().load(parsed.value);
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : 'Reload failed' });
    }
  }, [docs, templateId]);

  /**
   * After a PUT of the name or the public flag: adopt its version when it directly follows
   * the one this editor holds, so the next save is not a false conflict. A version further
   * on means someone else saved in between, and the next save must still find that out.
   */
  const adoptMetaSave = useCallback((saved: { version: number; etag: string }) => {
    const held = /^"v(\d+)"$/.exec(etag.current ?? '')?.[1];
    if (held !== undefined && saved.version === Number(held) + 1) etag.current = saved.etag;
  }, []);

  return { state, save, reload, setState, etag, adoptMetaSave };
}
