// Fonts: the catalogue the server renders with (its files at stable URLs, so the editor
// loads exactly the fonts the server draws with), and the fonts each account uploads.
//
// Uploaded faces are read with fontkit before anything stores them, kept in the blob store
// under `fonts/<id>.<ext>`, and drawn by the render children from a local copy named by
// content hash (the children never talk to the store). A family's faces are registered under
// a private name derived from their contents (`registeredAs`): another account's "Brand" is
// another name, and a changed file is a new name, so a long-lived child never mixes faces.
import { createHash } from 'node:crypto';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants } from 'node:zlib';
import { MAX_FONT_BYTES } from '@layercast/engine/limits';
import type { NodeCustomFontFace } from '@layercast/engine/node';
import type { CustomFont, FontListResponse, FontStyle, RenderFont } from '@layercast/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DomainError, validationError } from '../errors';
import type { FetchLease, FileKind, ImageFetcher } from '../fetch/guarded-fetch';
import { ImageSourceError } from '../fetch/image-bytes';
import { newPublicId } from '../render/render.repository';
import type { BlobStore } from '../storage/blob-store';
import { type StoredFont, deleteAccountFont, findAccountFont, listAccountFonts, putFont } from './fonts.repository';

export interface ServedFont {
  path: string;
  bytes: number;
}

interface FontIndex {
  body: Omit<FontListResponse, 'custom'>;
  files: Map<string, ServedFont>;
}

/** How a font named by URL is downloaded. */
const FONT_DOWNLOAD: FileKind = {
  noun: 'font',
  accept: 'font/woff2,font/woff,font/ttf,font/otf,application/octet-stream;q=0.5,*/*;q=0.1',
  maxBytes: MAX_FONT_BYTES,
};

/** Faces one account may upload. */
export const MAX_FONTS_PER_ACCOUNT = 50;

/** `<id>.<format>`: an uploaded face's URL segment and, under `fonts/`, its blob key. */
export const FONT_FILE = /^([A-Za-z0-9_-]{22})\.(ttf|otf|woff|woff2)$/;

const fontKey = (font: Pick<StoredFont, 'id' | 'format'>) => `fonts/${font.id}.${font.format}`;
const brotli = promisify(brotliCompress);

/** Letters, digits, spaces and a little punctuation: never quotes, commas or escapes, which CSS would read. */
const FAMILY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.&+-]{0,63}$/u;

type NodeBackend = typeof import('@layercast/engine/node');

/**
 * The engine's Node backend (Skia, fontkit), loaded with the first request that reads a font
 * rather than at start: the server process needs it for nothing else (docs/server.md,
 * "Start-up"). The render children load their own.
 */
let backend: Promise<NodeBackend> | undefined;
const nodeBackend = () => {
  backend ??= import('@layercast/engine/node');
  return backend;
};

function buildIndex({ listFonts, familyCoverage, glyphCoverage }: NodeBackend): FontIndex {
  const files = new Map<string, ServedFont>();
  const families: FontListResponse['families'] = listFonts().map((family) => ({
    family: family.family,
    category: family.category,
    weights: family.weights,
    styles: family.styles,
    metrics: family.metrics,
    coverage: familyCoverage(family.family).map(([from, to]): [number, number] => [from, to]),
    files: family.files.map((file) => {
      const stat = statSync(file.path);
      const tag = createHash('sha256').update(`${file.path}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 12);
      const key = `${tag}/${basename(file.path)}`;
      files.set(key, { path: file.path, bytes: stat.size });
      return { weight: file.weight, style: file.style, format: file.format, url: `/api/fonts/files/${key}` };
    }),
  }));
  // What the fonts cover between them: the editor lays out characters outside it as U+FFFD,
  // as the renderer does.
  const coverage = glyphCoverage().map(([from, to]): [number, number] => [from, to]);
  return { body: { success: true, families, coverage }, files };
}

const familyKeyOf = (family: string) => family.toLowerCase();

/**
 * The private name a family's faces are registered under: a hash of the family and of its
 * faces' contents, the same on every node and in the editor.
 */
export function registeredNameFor(family: string, faces: readonly { sha256: string; weight: number; style: string }[]) {
  const parts = faces.map((f) => `${f.sha256}:${f.weight}:${f.style}`).sort();
  const hash = createHash('sha256')
    .update(`${familyKeyOf(family)}\n${parts.join('\n')}`)
    .digest('hex')
    .slice(0, 20);
  return `Layercast custom ${hash}`;
}

/** Each face's `registeredAs`, by face id. */
function registeredNames(rows: readonly StoredFont[]): Map<string, string> {
  const byFamily = new Map<string, StoredFont[]>();
  for (const row of rows) byFamily.set(row.family_key, [...(byFamily.get(row.family_key) ?? []), row]);
  const names = new Map<string, string>();
  for (const [key, faces] of byFamily) {
    const name = registeredNameFor(key, faces);
    for (const face of faces) names.set(face.id, name);
  }
  return names;
}

function toWire(row: StoredFont, registeredAs: string): CustomFont {
  return {
    id: row.id,
    family: row.family,
    weight: row.weight,
    style: row.style,
    format: row.format,
    bytes: row.bytes,
    sha256: row.sha256,
    url: `/api/fonts/custom/${row.id}.${row.format}`,
    registeredAs,
    metrics: JSON.parse(row.metrics) as CustomFont['metrics'],
    coverage: JSON.parse(row.coverage) as CustomFont['coverage'],
    createdAt: row.created_at,
  };
}

export interface FontUpload {
  /** The family templates will name; the file's own family name when omitted. */
  family?: string;
  weight?: number;
  style?: FontStyle;
}

export interface FontsDeps {
  db: Kysely<Database>;
  storage: BlobStore;
  /** Where render children read uploaded faces from; the engine's private default when null. */
  fontCacheDir: string | null;
}

export type FontsService = ReturnType<typeof createFontsService>;

const invalidFont = (message: string) => new DomainError('invalid_font', message);

export function createFontsService(deps: FontsDeps) {
  let index: Promise<FontIndex> | undefined;
  const current = () => {
    index ??= nodeBackend().then(buildIndex);
    return index;
  };
  const cacheDir = async (name: string) => join(deps.fontCacheDir ?? (await nodeBackend()).defaultFontCacheDir(), name);
  const compressing = new Map<string, Promise<ServedFont | undefined>>();
  let compressedBody: Promise<Buffer> | undefined;

  async function compressFont(font: ServedFont, path: string): Promise<ServedFont | undefined> {
    try {
      if (existsSync(path)) return { path, bytes: statSync(path).size };
      (await nodeBackend()).ensurePrivateDir(dirname(path));
      const bytes = await readFile(font.path);
      // Quality 9 is within a few per cent of 11 for fonts at a fraction of the time (CJK faces are 5 MB).
      const compressed = await brotli(bytes, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, compressed, { mode: 0o600 });
      renameSync(temp, path);
      return { path, bytes: compressed.length };
    } catch {
      return undefined;
    }
  }
  /** Local copies known to be complete, by file name. */
  const local = new Set<string>();

  /**
   * A local file with a face's bytes, named by their hash, for the render children (written
   * once, atomically). `read` gives the bytes when the file is not there yet.
   */
  async function localFile(sha256: string, format: string, size: number, read: () => Promise<Buffer>): Promise<string> {
    const name = `${sha256}.${format}`;
    const localDir = await cacheDir('custom');
    const path = join(localDir, name);
    if (local.has(name)) return path;
    (await nodeBackend()).ensurePrivateDir(localDir);
    if (!(existsSync(path) && statSync(path).size === size)) {
      const bytes = await read();
      const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temp, bytes, { mode: 0o600 });
      renameSync(temp, path);
    }
    local.add(name);
    return path;
  }

  const localCopy = (row: StoredFont) =>
    localFile(row.sha256, row.format, row.bytes, async () => {
      const bytes = await deps.storage.get(fontKey(row));
      if (!bytes) throw new DomainError('not_found', `the file of font "${row.family}" is missing from storage`);
      return bytes;
    });

  return {
    /** GET /api/fonts's body: the shipped families, with the account's own faces when there is one. */
    async catalog(accountId?: string): Promise<FontListResponse> {
      const custom = accountId ? await this.list(accountId) : [];
      return { ...(await current()).body, custom };
    },

    /** The catalogue without an account's fonts, brotli-compressed once. */
    compressedCatalog(): Promise<Buffer> {
      compressedBody ??= current().then(({ body }) =>
        brotli(JSON.stringify({ ...body, custom: [] }), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }),
      );
      return compressedBody;
    },

    /** A JSON text compressed quickly (an account's own catalogue, per request). */
    compress: (text: string): Promise<Buffer> => brotli(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }),

    /** A shipped file by `<tag>/<name>`, or undefined. */
    file: async (tag: string, name: string): Promise<ServedFont | undefined> =>
      (await current()).files.get(`${tag}/${name}`),

    /**
     * A shipped file compressed with brotli, written once to the font cache directory (the
     * tag names the file's version, so a cached copy never goes stale); undefined when the
     * file is unknown or the copy cannot be written (the caller sends the file as it is).
     */
    async brotli(tag: string, name: string): Promise<ServedFont | undefined> {
      const font = (await current()).files.get(`${tag}/${name}`);
      if (!font) return undefined;
      const key = `${tag}-${name}`;
      const path = join(await cacheDir('br'), `${key}.br`);
      let pending = compressing.get(key);
      if (!pending) {
        pending = compressFont(font, path).finally(() => compressing.delete(key));
        compressing.set(key, pending);
      }
      return pending;
    },

    async list(accountId: string): Promise<CustomFont[]> {
      const rows = await listAccountFonts(deps.db, accountId);
      const names = registeredNames(rows);
      return rows.map((row) => toWire(row, names.get(row.id) as string));
    },

    /**
     * Reads, checks and stores an uploaded face. A face of the same family, weight and style
     * is replaced. Throws 422 `invalid_font` (with the reason) or `too_many_fonts`.
     */
    async upload(
      accountId: string,
      uploaded: Uint8Array,
      options: FontUpload,
    ): Promise<{ font: CustomFont; replaced?: string }> {
      const { describeFont, withDeclaredWeight, FontFileError, hasFamily } = await nodeBackend();
      let bytes = Buffer.from(uploaded.buffer, uploaded.byteOffset, uploaded.byteLength);
      let description: ReturnType<typeof describeFont>;
      try {
        description = describeFont(bytes);
        if (options.weight !== undefined && options.weight !== description.weight) {
          bytes = withDeclaredWeight(bytes, options.weight);
          description = describeFont(bytes);
        }
      } catch (error) {
        if (error instanceof FontFileError) throw invalidFont(error.message);
        throw error;
      }
      if (options.style !== undefined && options.style !== description.style) {
        throw invalidFont(
          `style: the file is ${description.style === 'italic' ? 'an italic' : 'an upright'} face; upload the ${options.style} file of the family`,
        );
      }
      const family = (options.family ?? description.family).trim();
      if (!FAMILY_NAME.test(family)) {
        throw invalidFont(
          options.family === undefined
            ? `the file's family name "${description.family}" cannot be used; give one with ?family=`
            : 'family: expected 1–64 letters, digits, spaces or _ . & + - (starting with a letter or digit)',
        );
      }
      if (hasFamily(family)) {
        throw invalidFont(`family: "${family}" is a family the renderer ships; upload under another name`);
      }
      const row: StoredFont = {
        id: newPublicId(),
        account_id: accountId,
        family,
        family_key: familyKeyOf(family),
        weight: description.weight,
        style: description.style,
        format: description.format,
        bytes: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        metrics: JSON.stringify(description.metrics),
        coverage: JSON.stringify(description.coverage),
        created_at: new Date().toISOString(),
      };
      // The bytes first: a row never points at nothing.
      await deps.storage.put(fontKey(row), bytes, `font/${row.format}`);
      const result = await putFont(deps.db, row, MAX_FONTS_PER_ACCOUNT);
      if (result === 'limit') {
        await deps.storage.delete(fontKey(row));
        throw new DomainError(
          'too_many_fonts',
          `an account may have ${MAX_FONTS_PER_ACCOUNT} fonts; delete one (DELETE /api/fonts/:id) first`,
        );
      }
      if (result.replaced) await deps.storage.delete(fontKey(result.replaced));
      const all = await listAccountFonts(deps.db, accountId);
      const names = registeredNames(all);
      const stored = all.find((f) => f.id === row.id) ?? row;
      return {
        font: toWire(stored, names.get(row.id) ?? registeredNameFor(row.family_key, [row])),
        ...(result.replaced ? { replaced: result.replaced.id } : {}),
      };
    },

    /** Deletes a face; false when the account has none with that id. */
    async remove(accountId: string, id: string): Promise<boolean> {
      const removed = await deleteAccountFont(deps.db, accountId, id);
      if (!removed) return false;
      await deps.storage.delete(fontKey(removed));
      return true;
    },

    /** An uploaded face's bytes by file name (`<id>.<format>`), for its owner only. */
    async read(accountId: string, file: string): Promise<{ font: StoredFont; bytes: Buffer } | undefined> {
      const match = FONT_FILE.exec(file);
      if (!match?.[1]) return undefined;
      const font = await findAccountFont(deps.db, accountId, match[1]);
      if (!font || font.format !== match[2]) return undefined;
      const bytes = await deps.storage.get(fontKey(font));
      return bytes ? { font, bytes } : undefined;
    },

    /**
     * Fonts named by URL for one render: fetched through the guarded fetcher (cached by URL),
     * read like an upload, kept locally by content hash. A font that cannot be had is a 422
     * naming `fonts[i]`; a full fetch budget is the fetcher's `busy`.
     */
    async facesFromUrls(
      fonts: readonly RenderFont[],
      fetcher: ImageFetcher,
      lease: FetchLease,
    ): Promise<NodeCustomFontFace[]> {
      const { describeFont, withDeclaredWeight, FontFileError } = await nodeBackend();
      const read = await Promise.all(
        fonts.map(async (font, i) => {
          const fail = (path: string, message: string) =>
            validationError('invalid_request', [{ path: `fonts[${i}]${path}`, message }]);
          let bytes: Buffer;
          try {
            bytes = await fetcher.fetchFile(font.url, FONT_DOWNLOAD, lease);
          } catch (error) {
            if (error instanceof ImageSourceError && error.problem !== 'busy') throw fail('.url', error.message);
            throw error;
          }
          let description: ReturnType<typeof describeFont>;
          try {
            description = describeFont(bytes);
            if (font.weight !== undefined && font.weight !== description.weight) {
              bytes = withDeclaredWeight(bytes, font.weight);
              description = describeFont(bytes);
            }
          } catch (error) {
            if (error instanceof FontFileError)
              throw fail(font.weight !== undefined ? '.weight' : '.url', error.message);
            throw error;
          }
          if (font.style !== undefined && font.style !== description.style) {
            throw fail('.style', `the file is ${description.style === 'italic' ? 'an italic' : 'an upright'} face`);
          }
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          const path = await localFile(sha256, description.format, bytes.byteLength, async () => bytes);
          return { font, description, sha256, path };
        }),
      );
      const byFamily = new Map<string, typeof read>();
      for (const r of read)
        byFamily.set(familyKeyOf(r.font.family), [...(byFamily.get(familyKeyOf(r.font.family)) ?? []), r]);
      return read.map(({ font, description, sha256, path }) => ({
        family: font.family,
        registeredAs: registeredNameFor(
          font.family,
          (byFamily.get(familyKeyOf(font.family)) ?? []).map((r) => ({
            sha256: r.sha256,
            weight: r.description.weight,
            style: r.description.style,
          })),
        ),
        weight: description.weight,
        style: description.style,
        metrics: description.metrics,
        coverage: description.coverage,
        key: sha256,
        path,
      }));
    },

    /** The account's faces as a render child takes them: private names, metrics, coverage, a local file. */
    async facesForRender(accountId: string): Promise<NodeCustomFontFace[]> {
      const rows = await listAccountFonts(deps.db, accountId);
      if (rows.length === 0) return [];
      const names = registeredNames(rows);
      return Promise.all(
        rows.map(async (row) => ({
          family: row.family,
          registeredAs: names.get(row.id) as string,
          weight: row.weight,
          style: row.style,
          metrics: JSON.parse(row.metrics) as NodeCustomFontFace['metrics'],
          coverage: JSON.parse(row.coverage) as NodeCustomFontFace['coverage'],
          key: row.sha256,
          path: await localCopy(row),
        })),
      );
    },
  };
}
