// Layer names are the keys programs use in overrides (`{"title": {...}}`), so they must be
// unique in the template and safe to type in JSON and in a URL: the schema's
// `[A-Za-z0-9_-]{1,64}`. The editor proposes names and refuses bad ones before the server does.
import { LIMITS, type Layer, type LayerType } from '@layercast/shared';

const NAME_RE = /^[A-Za-z0-9_-]+$/;

/** Why a name cannot be used for the layer `selfId`, or null when it can. */
export function validateLayerName(
  name: string,
  layers: readonly Pick<Layer, 'id' | 'name'>[],
  selfId?: string,
): string | null {
  if (name.length === 0) return 'A name is required: it is the key used in API overrides.';
  if (name.length > LIMITS.maxNameLength) return `Use at most ${LIMITS.maxNameLength} characters.`;
  if (!NAME_RE.test(name)) return 'Use only letters, digits, _ and - (the name is the key used in API overrides).';
  const clash = layers.find((l) => l.name === name && l.id !== selfId);
  if (clash) return `Another layer is already named "${name}".`;
  return null;
}

/** Turns free text into a usable name: `Hero title!` → `hero_title`. */
export function sanitizeLayerName(input: string): string {
  const cleaned = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, LIMITS.maxNameLength);
  return cleaned;
}

/** `base` if free, else `base_2`, `base_3`, … (a trailing `_N` of `base` is replaced). */
export function uniqueLayerName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  const root = sanitizeLayerName(base).replace(/_\d+$/, '') || 'layer';
  if (!names.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = root.slice(0, LIMITS.maxNameLength - suffix.length) + suffix;
    if (!names.has(candidate)) return candidate;
  }
}

const BASE_NAMES: Record<LayerType, string> = {
  text: 'text',
  image: 'image',
  rect: 'rect',
  ellipse: 'ellipse',
  line: 'line',
  polygon: 'polygon',
  star: 'star',
  qr: 'qr',
  group: 'group',
};

export function defaultLayerName(type: LayerType, layers: readonly Pick<Layer, 'name'>[]): string {
  return uniqueLayerName(
    BASE_NAMES[type],
    layers.map((l) => l.name),
  );
}

/** Ids are stable and never shown; they only need to be unique and schema-safe. */
export function newLayerId(taken: Iterable<string>): string {
  const ids = new Set(taken);
  for (;;) {
    const id = `l${Math.random().toString(36).slice(2, 10)}`;
    if (!ids.has(id)) return id;
  }
}
