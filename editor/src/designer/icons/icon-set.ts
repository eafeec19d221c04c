// The icon set (lucide-static, ISC): about 1,700 SVGs and their search tags. It is a chunk of
// its own, fetched the first time the picker opens, so the designer's cold load never pays
// for it.

export interface SetIcon {
  /** The set's kebab-case name (`arrow-right`), also the layer's marker. */
  name: string;
  /** The SVG as the set ships it. */
  svg: string;
  /** Words the set files the icon under, for search. */
  tags: readonly string[];
}

let loading: Promise<readonly SetIcon[]> | null = null;

async function load(): Promise<readonly SetIcon[]> {
  const [mod, tags] = await Promise.all([import('lucide-static'), import('lucide-static/tags.json')]);
  const byName = new Map<string, SetIcon>();
  // The module exports each icon under its name and its aliases; the SVG's class names it once.
  for (const svg of Object.values(mod as Record<string, unknown>)) {
    if (typeof svg !== 'string') continue;
    const name = /class="lucide lucide-([a-z0-9-]+)"/.exec(svg)?.[1];
    if (!name || byName.has(name)) continue;
    byName.set(name, { name, svg, tags: (tags.default as Record<string, string[]>)[name] ?? [] });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The whole set, loaded once (a failed load is retried on the next call). */
export function loadIconSet(): Promise<readonly SetIcon[]> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Icons whose name starts with, or whose name or a tag contains, every word of `query`. */
export function searchIcons(icons: readonly SetIcon[], query: string): SetIcon[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...icons];
  const hits = icons.filter((icon) =>
    words.every((w) => icon.name.includes(w) || icon.tags.some((t) => t.includes(w))),
  );
  // Name matches first, so "heart" lists heart before icons merely tagged with it.
  const rank = (icon: SetIcon) =>
    icon.name === words.join('-') ? 0 : words.every((w) => icon.name.includes(w)) ? 1 : 2;
  return hits.sort((a, b) => rank(a) - rank(b));
}
