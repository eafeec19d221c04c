import type { Layer } from '@layercast/shared';

/** The value every layer agrees on, or null when they differ ("Mixed"). */
export function sharedValue<T>(layers: readonly Layer[], get: (l: Layer) => T): T | null {
  const first = layers[0];
  if (!first) return null;
  const v = get(first);
  for (const l of layers) {
    const w = get(l);
    if (w !== v && JSON.stringify(w) !== JSON.stringify(v)) return null;
  }
  return v;
}

export const prop =
  <K extends string>(key: K) =>
  (l: Layer): unknown =>
    (l as unknown as Record<K, unknown>)[key];
