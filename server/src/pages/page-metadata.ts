// What a web page says about itself, for a card made from its URL (seed 003): Open Graph,
// then Twitter cards, then <title> and <meta name=description>, then JSON-LD, then
// <link rel=icon>, in that order of preference. Parsed with htmlparser2's streaming parser
// (no DOM, no scripts); URLs resolved against the page, only http(s) kept.
import { Parser } from 'htmlparser2';

export interface PageMetadata {
  url: string;
  title?: string;
  description?: string;
  image?: string;
  siteName?: string;
  favicon?: string;
  author?: string;
  publishedAt?: string;
}

/** Longest value kept for any field (template variables hold at most 2,000 characters). */
const MAX_FIELD = 1000;
/** JSON-LD text parsed per page, at most. */
const MAX_JSON_LD = 256 * 1024;

const clean = (value: string | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_FIELD) : undefined;
};

function absolute(raw: string | undefined, base: string): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.slice(0, 2048) : undefined;
  } catch {
    return undefined;
  }
}

const first = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== '');

/** The fields JSON-LD gives, from the first object (or @graph entry) that has them. */
function fromJsonLd(blocks: string[]): {
  title?: string;
  description?: string;
  image?: string;
  author?: string;
  published?: string;
} {
  const out: { title?: string; description?: string; image?: string; author?: string; published?: string } = {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const nameOf = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return nameOf(v[0]);
    if (v && typeof v === 'object') return text((v as { name?: unknown }).name);
    return undefined;
  };
  const imageOf = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return imageOf(v[0]);
    if (v && typeof v === 'object') return text((v as { url?: unknown }).url);
    return undefined;
  };
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 4) return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 50)) visit(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    out.title ??= text(o.headline) ?? text(o.name);
    out.description ??= text(o.description);
    out.image ??= imageOf(o.image);
    out.author ??= nameOf(o.author);
    out.published ??= text(o.datePublished);
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  let budget = MAX_JSON_LD;
  for (const block of blocks) {
    if (block.length > budget) break;
    budget -= block.length;
    try {
      visit(JSON.parse(block), 0);
    } catch {
      // A broken block is skipped; pages ship them.
    }
  }
  return out;
}

/** Reads the page's metadata; `pageUrl` is where it was fetched from (relative URLs resolve against it). */
export function parsePageMetadata(html: string, pageUrl: string): PageMetadata {
  const meta = new Map<string, string>();
  const icons: { rel: string; href: string }[] = [];
  const jsonLd: string[] = [];
  let title = '';
  let canonical: string | undefined;
  let inTitle = false;
  let inJsonLd = false;
  let script = '';

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').toLowerCase().trim();
          const content = attrs.content;
          // The first value of a key wins, as crawlers read them.
          if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
        } else if (name === 'title' && !title) {
          inTitle = true;
        } else if (name === 'link' && attrs.href) {
          const rel = (attrs.rel ?? '').toLowerCase();
          if (/\bicon\b/.test(rel) || rel === 'apple-touch-icon') icons.push({ rel, href: attrs.href });
          if (rel === 'canonical') canonical ??= attrs.href;
        } else if (name === 'script' && (attrs.type ?? '').toLowerCase() === 'application/ld+json') {
          inJsonLd = true;
          script = '';
        }
      },
      ontext(text) {
        if (inTitle && title.length < MAX_FIELD) title += text;
        if (inJsonLd && script.length < MAX_JSON_LD) script += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'script' && inJsonLd) {
          inJsonLd = false;
          jsonLd.push(script);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const ld = fromJsonLd(jsonLd);
  const m = (key: string) => clean(meta.get(key));
  const url = absolute(first(m('og:url'), canonical), pageUrl) ?? pageUrl;
  // A plain "icon" before "shortcut icon" before the touch icon; /favicon.ico when none.
  const icon = icons.find((i) => i.rel === 'icon') ?? icons.find((i) => /\bicon\b/.test(i.rel)) ?? icons[0];
  return {
    url,
    title: first(m('og:title'), m('twitter:title'), clean(title), clean(ld.title)),
    description: first(m('og:description'), m('twitter:description'), m('description'), clean(ld.description)),
    image: absolute(
      first(
        m('og:image'),
        m('og:image:url'),
        m('og:image:secure_url'),
        m('twitter:image'),
        m('twitter:image:src'),
        ld.image,
      ),
      pageUrl,
    ),
    siteName: first(m('og:site_name'), m('application-name'), m('twitter:site')?.replace(/^@/, '')),
    favicon: absolute(icon?.href ?? '/favicon.ico', pageUrl),
    author: first(m('author'), m('article:author'), m('twitter:creator')?.replace(/^@/, ''), clean(ld.author)),
    publishedAt: first(m('article:published_time'), m('datepublished'), clean(ld.published)),
  };
}
