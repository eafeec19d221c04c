// Documents carry a `version`; older ones are migrated step by step on read, before
// validation, so stored rows and files in users' git repositories keep working.
import { CURRENT_VERSION } from './schema';

type JsonObject = Record<string, unknown>;
type Migration = (doc: JsonObject) => JsonObject;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function mapLayers(doc: JsonObject, fn: (layer: JsonObject) => JsonObject): JsonObject {
  if (!Array.isArray(doc.layers)) return doc;
  return { ...doc, layers: doc.layers.map((l) => (isObject(l) ? fn(l) : l)) };
}

/**
 * Version 1 is the first public format (and any document without a `version`, as in the
 * API examples users copy): image layers named their source `image_url`, like the override,
 * and rectangles named their corner radius `borderRadius`. Version 2 uses `src` and
 * `cornerRadius`, so that `borderRadius` means one thing (image clipping).
 */
const v1ToV2: Migration = (doc) =>
  mapLayers(doc, (layer) => {
    const { image_url, borderRadius, ...rest } = layer;
    if (layer.type === 'image' && image_url !== undefined && rest.src === undefined) {
      return { ...rest, ...(borderRadius !== undefined ? { borderRadius } : {}), src: image_url };
    }
    if (layer.type === 'rect' && borderRadius !== undefined && rest.cornerRadius === undefined) {
      return { ...rest, ...(image_url !== undefined ? { image_url } : {}), cornerRadius: borderRadius };
    }
    return layer;
  });

/**
 * Version 3 adds right-to-left text: `direction` on text layers (`auto` by default) and
 * the `start` / `end` alignments. A version-2 document has neither and lays out the same
 * with the defaults (its text has no drawable right-to-left characters: no font shipped
 * with version 2 had them), so it is carried over as it is; the version number is what
 * lets an older server refuse a version-3 document by name instead of by unknown key.
 */
const v2ToV3: Migration = (doc) => doc;

/**
 * Version 4 adds to image layers a `crop` (fractions of the source image, applied before
 * `objectFit`), a `mask` (`rect` or `ellipse`), per-corner radii (`borderRadius` may be
 * [top-left, top-right, bottom-right, bottom-left]) and `filters` (grayscale, brightness,
 * contrast, blur, tint). A version-3 image has none of them and means the same with the
 * defaults: no crop, a rect mask rounded by its one `borderRadius`, no filters.
 *
 * Version 4 also adds size variants: `variants`, other canvas sizes of the same design,
 * each with per-layer geometry and style overrides. A version-3 document has none and
 * renders the same, so it is carried over as it is.
 *
 * Version 4 also adds groups: a `group` layer whose `layers` are its children, placed
 * relative to the group's box, with names unique across the whole tree. A version-3
 * document has none.
 */
const v3ToV4: Migration = (doc) => doc;

/** `MIGRATIONS[n]` turns a version-n document into version n+1. */
const MIGRATIONS: Record<number, Migration> = { 1: v1ToV2, 2: v2ToV3, 3: v3ToV4 };

export type MigrationResult = { ok: true; value: unknown } | { ok: false; message: string };

export function migrateDocument(input: unknown): MigrationResult {
  if (!isObject(input)) return { ok: true, value: input };
  const raw = input.version ?? 1;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
    return { ok: false, message: `expected a whole number from 1 to ${CURRENT_VERSION}` };
  }
  if (raw > CURRENT_VERSION) {
    return { ok: false, message: `version ${raw} is newer than this server understands (up to ${CURRENT_VERSION})` };
  }
  let doc: JsonObject = input;
  for (let v = raw; v < CURRENT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, message: `no migration from version ${v}` };
    doc = { ...step(doc), version: v + 1 };
  }
  return { ok: true, value: doc };
}
