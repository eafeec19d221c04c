// Image loading for renders: bytes from a data: URL, an injected fetcher or (for the
// local CLI only) a file; the type decided by magic bytes, the size checked from the
// header before anything is decoded, and only the bytes handed to the decoder — never
// a user string, which @napi-rs/canvas would read as a path or fetch as a URL.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { type Image, loadImage } from '@napi-rs/canvas';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { type VectorImage, looksLikeSvg } from '../svg';
import { DecodedCache, type DecodedCacheLimits } from './decoded-cache';
import { imageShapeProblem } from './image-shape';
import { ImageLoadError, decodeDataUrl, fail } from './image-budget';
import { SvgError, parseSvg } from './svg';

export interface LoadedImage {
  /** A decoded bitmap, or an SVG that the painter rasterises at the size it is drawn. */
  image: Image | VectorImage;
  width: number;
  height: number;
}

/** An image whose bytes were read and whose header was checked, not yet decoded. */
export interface ProbedImage {
  /** From the header (the decoded image may swap them for EXIF orientation; the area is the same). */
  width: number;
  height: number;
  /**
   * Pixels decoding allocates, for the render's budget: width × height when omitted. An
   * SVG allocates none until it is rasterised for a layer (`plannedRasters`).
   */
  pixels?: number;
  decode(): Promise<LoadedImage>;
}

export type ImageProbe = (src: string) => Promise<ProbedImage>;

/**
 * Loads and decodes one source. A loader with `probe` lets `renderTemplate` check the
 * render's pixel budget from the headers before anything is decoded; without one, the
 * budget can only be applied after decoding (the memory is already spent by then).
 */
export type ImageLoader = ((src: string) => Promise<LoadedImage>) & { probe?: ImageProbe };

export interface ImageLoaderOptions {
  /** Fetches http(s) URLs; without one, remote images are refused. Throw ImageLoadError for a reason to show. */
  fetchBytes?: (url: string) => Promise<Uint8Array>;
  /** Allow file paths and file: URLs (the local CLI); never on a server. */
  allowFiles?: boolean;
  /** Where relative file paths start; the current directory by default. */
  baseDir?: string;
  /** Largest accepted image in pixels (width × height); 25 megapixels by default. */
  maxPixels?: number;
  /** Largest accepted file or data: URL payload in bytes; 32 MB by default. */
  maxBytes?: number;
  /** Keep decoded data: URL images for later renders; `false` turns it off. */
  dataUrlCache?: DecodedCacheLimits | false;
}

/** 16 MP decoded (64 MB) and 16 M characters of keys: a few dozen typical logos and photos. */
export const DEFAULT_DATA_URL_CACHE: DecodedCacheLimits = { maxPixels: 16_000_000, maxKeyChars: 16_000_000 };

const ACCEPTED: Record<string, string> = { png: 'PNG', jpg: 'JPEG', webp: 'WebP', gif: 'GIF' };
const ACCEPTED_LIST = 'PNG, JPEG, WebP, GIF or SVG';

/**
 * Checks type and size from the magic bytes and the header; `decode()` then decodes.
 * Exported for callers that already hold the bytes (an uploaded asset, a fetched body).
 */
export async function probeImageBytes(bytes: Uint8Array, maxPixels = 25_000_000): Promise<ProbedImage> {
  if (bytes.length === 0) fail('the image is empty');
  const type = await fileTypeFromBuffer(bytes);
  // file-type does not detect SVG (it is text; with an XML declaration it says XML). resvg
  // parses it, never Skia, whose SVG decoder may follow external references and would not
  // match the editor's pixels.
  if ((!type || type.ext === 'xml') && looksLikeSvg(bytes)) return probeSvg(bytes);
  if (!type || !(type.ext in ACCEPTED)) {
    fail(
      type
        ? `unsupported image type ${type.ext.toUpperCase()}; expected ${ACCEPTED_LIST}`
        : `not a ${ACCEPTED_LIST} image`,
    );
  }
  let size: { width: number; height: number };
  try {
    size = imageSize(bytes);
  } catch {
    fail(`could not read the ${ACCEPTED[type.ext]} image's dimensions`);
  }
  if (!(size.width > 0 && size.height > 0)) fail(`could not read the ${ACCEPTED[type.ext]} image's dimensions`);
  if (size.width * size.height > maxPixels) {
    fail(
      `the image is too large: ${size.width}×${size.height} pixels; at most ${Math.round(maxPixels / 1e6)} megapixels`,
    );
  }
  const shape = imageShapeProblem(type.ext, size.width, size.height, bytes);
  if (shape) fail(shape);
  const kind = ACCEPTED[type.ext];
  return { width: size.width, height: size.height, decode: () => decodeChecked(bytes, kind) };
}

function probeSvg(bytes: Uint8Array): ProbedImage {
  let image: VectorImage;
  try {
    image = parseSvg(bytes);
  } catch (error) {
    fail(error instanceof SvgError ? error.message : 'could not read the SVG');
  }
  return { width: image.width, height: image.height, pixels: 0, decode: async () => ({ image, ...size(image) }) };
}

const size = (image: VectorImage) => ({ width: image.width, height: image.height });

/** Checks type and size, then decodes. */
export async function decodeImageBytes(bytes: Uint8Array, maxPixels = 25_000_000): Promise<LoadedImage> {
  return (await probeImageBytes(bytes, maxPixels)).decode();
}

async function decodeChecked(bytes: Uint8Array, kind: string | undefined): Promise<LoadedImage> {
  let image: Image;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    fail(`could not decode the ${kind} image`);
  }
  // The decoded size, not the header's: it has the EXIF orientation applied, as in browsers.
  if (!(image.width > 0 && image.height > 0)) fail(`could not decode the ${kind} image`);
  return { image, width: image.width, height: image.height };
}

async function readLocalFile(src: string, baseDir: string, maxBytes: number): Promise<Buffer> {
  let path: string;
  try {
    path = src.startsWith('file:') ? fileURLToPath(src) : isAbsolute(src) ? src : resolve(baseDir, src);
  } catch {
    fail('invalid file URL');
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    fail(`image file not found: ${src}`);
  }
  if (!info.isFile()) fail(`not a file: ${src}`);
  if (info.size > maxBytes) fail(`the image file is larger than ${Math.round(maxBytes / 1e6)} MB`);
  return readFile(path);
}

export function createImageLoader(options: ImageLoaderOptions = {}): ImageLoader & { probe: ImageProbe } {
  const {
    fetchBytes,
    allowFiles = false,
    baseDir = process.cwd(),
    maxPixels = 25_000_000,
    maxBytes = 32_000_000,
    dataUrlCache = DEFAULT_DATA_URL_CACHE,
  } = options;

  const readBytes = async (src: string): Promise<Uint8Array> => {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(src)?.[1]?.toLowerCase();
    if (scheme === 'data') {
      if (src.length > maxBytes * 1.4) fail(`the data URL is larger than ${Math.round(maxBytes / 1e6)} MB`);
      return decodeDataUrl(src);
    }
    if (scheme === 'http' || scheme === 'https') {
      if (!fetchBytes) fail('remote images are not allowed here');
      try {
        return await fetchBytes(src);
      } catch (error) {
        if (error instanceof ImageLoadError) throw error;
        fail('could not fetch the image');
      }
    }
    // A one-letter "scheme" is a Windows drive (C:\...), i.e. a path.
    if (scheme === undefined || scheme === 'file' || scheme.length === 1) {
      if (!allowFiles) fail('local files are not allowed here; use an http(s) or data: URL');
      return readLocalFile(src, baseDir, maxBytes);
    }
    fail(`unsupported image source "${scheme}:"; expected an http(s) URL or a data: URL`);
  };

  // Only data: URLs are cached: their bytes cannot change, while a file or a remote
  // resource can change under the same name.
  const cache = dataUrlCache === false ? undefined : new DecodedCache<LoadedImage>(dataUrlCache);

  const probe: ImageProbe = async (input) => {
    const src = input.trim();
    if (!src) fail('no image source');
    const cacheable = cache && src.slice(0, 5).toLowerCase() === 'data:';
    const hit = cacheable ? cache.get(src) : undefined;
    // A cached image counts against the budget like any other: the decision must not
    // depend on what earlier renders left in the cache.
    if (hit) return { width: hit.width, height: hit.height, decode: async () => hit };
    const probed = await probeImageBytes(await readBytes(src), maxPixels);
    if (!cacheable) return probed;
    return {
      ...probed,
      decode: async () => {
        const loaded = await probed.decode();
        cache.set(src, loaded);
        return loaded;
      },
    };
  };
  return Object.assign(async (src: string) => (await probe(src)).decode(), { probe });
}
