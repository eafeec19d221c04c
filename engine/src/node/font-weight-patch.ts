// Google's Thin and ExtraLight files both say weight 250 in their OS/2 table (an old
// Windows workaround). Skia matches faces by that number, so `100` and `200` would
// draw the same face, while the browser, which loads each file with an explicit
// FontFace weight, draws two. The fix is a copy of the file with the weight the
// catalog declares. Copies go to a cache directory and are registered by path, so
// Skia maps them lazily like the originals instead of holding ~50 MB of CJK faces in
// memory; when the directory is not writable the caller registers the bytes instead.
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import process from 'node:process';
import { findTable, findTableIn, readAt, tableChecksum } from './sfnt';

/** The OS/2 usWeightClass of a font file. */
export function readWeightClass(path: string): number | undefined {
  // One open per file: the catalogue's 188 files are checked at every start.
  const fd = openSync(path, 'r');
  try {
    const os2 = findTableIn(fd, 'OS/2');
    return os2 ? readAt(fd, os2.offset + 4, 2).readUInt16BE(0) : undefined;
  } finally {
    closeSync(fd);
  }
}

function patchInPlace(path: string, weight: number): void {
  const os2 = findTable(path, 'OS/2');
  if (!os2) throw new Error('font has no OS/2 table');
  const fd = openSync(path, 'r+');
  try {
    const value = Buffer.alloc(2);
    value.writeUInt16BE(weight, 0);
    writeSync(fd, value, 0, 2, os2.offset + 4);
    // Keep the table directory consistent so strict readers accept the copy.
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(tableChecksum(readAt(fd, os2.offset, os2.length)), 0);
    writeSync(fd, checksum, 0, 4, os2.recordOffset + 4);
  } finally {
    closeSync(fd);
  }
}

/** `$TMPDIR/layercast-fonts-<uid>`: where copies go unless the caller names a directory. */
export function defaultFontCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return join(tmpdir(), `layercast-fonts-${uid}`);
}

/**
 * The cache sits in a shared temp directory: only trust it when this user owns it and
 * nobody else can write to it, or another local user could plant font files for Skia.
 */
function assertPrivateDir(dir: string): void {
  const info = lstatSync(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) {
    throw new Error('font cache directory is not private');
  }
}

/** Creates `dir` (mode 0700) if needed and checks it is private to this user; throws if not. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  assertPrivateDir(dir);
}

export type PatchedFont = { path: string } | { bytes: Buffer };

/**
 * The font at `path` declaring `weight`: the file itself when it already does, else a
 * patched copy cached in `dir` (or its bytes when no copy can be written there).
 */
export function fontWithWeight(path: string, weight: number, dir = defaultFontCacheDir()): PatchedFont {
  if (readWeightClass(path) === weight) return { path };
  const target = join(dir, `${basename(path, '.ttf')}-w${weight}.ttf`);
  try {
    ensurePrivateDir(dir);
    if (existsSync(target) && statSync(target).size === statSync(path).size && readWeightClass(target) === weight) {
      return { path: target };
    }
    // Another process may be writing the same copy: write aside, then rename atomically.
    const temp = `${target}.${process.pid}.tmp`;
    copyFileSync(path, temp);
    patchInPlace(temp, weight);
    renameSync(temp, target);
    return { path: target };
  } catch {
    const bytes = readFileSync(path);
    const os2 = findTable(path, 'OS/2');
    if (os2) bytes.writeUInt16BE(weight, os2.offset + 4);
    return { bytes };
  }
}
