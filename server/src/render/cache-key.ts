// The render cache key: (template id, template version, normalized overrides and variables,
// format, quality, scale, size variant). Object keys are sorted at every depth, so the order a client
// writes its JSON in does not matter; defaults are spelled out so that omitting a value and
// sending its default hit the same entry.
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export interface CacheKeyInput {
  templateId: string;
  version: number;
  layers: unknown;
  variables: unknown;
  format: string;
  quality: number | null;
  scale: number;
  /** The size variant rendered (its own name, however it was asked for); absent for the base. */
  variant?: string;
  /** The owner's fonts revision; absent while the account has never changed its fonts. */
  fonts?: number;
  /** Fonts named by URL for the render. */
  fontUrls?: unknown;
}

export function renderCacheKey(input: CacheKeyInput): string {
  const text = JSON.stringify(canonical({ v: 1, ...input }));
  return createHash('sha256').update(text).digest('hex');
}
