import type { QueryClient } from '@tanstack/react-query';
import { resetPlatform } from '../engine/platform';
// Every react-query key the editor uses, from one factory: a key is written once, and
// invalidating "the templates" or "one template" cannot miss a spelling elsewhere.
export const queryKeys = {
  /** The signed-in account (null when signed out). */
  me: ['me'] as const,
  /** The engine platform: the font catalogue and its faces. Page-wide, never refetched. */
  platform: ['platform'] as const,
  templates: {
    all: ['templates'] as const,
    /** One template with its ETag, as the designer opened it. */
    detail: (id: string) => ['template', id] as const,
  },
  keys: ['keys'] as const,
  /** The account's uploaded fonts. */
  fonts: ['fonts'] as const,
  /** The account's brand kit (colours, logos, font families). */
  brand: ['brand'] as const,
  usage: ['usage'] as const,
  bulk: {
    /** A template as the Bulk page reads it (its layers and variables), apart from the designer's copy. */
    template: (id: string) => ['bulk-template', id] as const,
    /** The server's reading of a CSV: `csvVersion` counts the texts given, not the text itself. */
    preview: (templateId: string, csvVersion: number) => ['bulk-preview', templateId, csvVersion] as const,
  },
  jobs: {
    all: ['jobs'] as const,
    /** Its progress, without items. */
    detail: (id: string) => ['job', id] as const,
    /** The first failed rows of a finished job. */
    failures: (id: string) => ['job-failures', id] as const,
  },
  /** A signed render URL for these overrides and variables. */
  signedUrl: (templateId: string, keyId: string | null, layers: unknown, variables: unknown) =>
    ['signed', templateId, keyId, JSON.stringify(layers), JSON.stringify(variables)] as const,
};

/**
 * After the account's fonts change (or who is signed in does): the next view loads the font
 * list again, with the faces the renderer now has.
 */
export function refreshPlatform(qc: QueryClient): void {
  resetPlatform();
  qc.removeQueries({ queryKey: queryKeys.platform });
}
