// Reading a few tables of a TrueType/OpenType file without reading the whole file: the
// CJK and emoji fonts are 5–25 MB each and the registry only needs their cmap, metrics
// and OS/2 weight. The result is a small, valid sfnt that fontkit can open.
import { closeSync, openSync, readSync } from 'node:fs';

interface TableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) throw new Error('font file is truncated');
    done += n;
  }
  return buf;
}

function readDirectory(fd: number): { version: number; tables: TableRecord[] } {
  const header = readAt(fd, 0, 12);
  const version = header.readUInt32BE(0);
  // 0x00010000 TrueType outlines, 'OTTO' CFF; collections ('ttcf') are not shipped.
  if (version !== 0x00010000 && version !== 0x4f54544f) throw new Error('not a single TrueType/OpenType font');
  const count = header.readUInt16BE(4);
  const dir = readAt(fd, 12, count * 16);
  const tables: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * 16;
    tables.push({
      tag: dir.toString('latin1', at, at + 4),
      checksum: dir.readUInt32BE(at + 4),
      offset: dir.readUInt32BE(at + 8),
      length: dir.readUInt32BE(at + 12),
    });
  }
  return { version, tables };
}

/** The OpenType table checksum: the sum of big-endian uint32s, the last one zero-padded. */
export function tableChecksum(data: Buffer): number {
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  if (whole < data.length) {
    const tail = Buffer.alloc(4);
    data.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** A new sfnt holding only the `tags` tables of the font at `path` (missing tags are skipped). */
export function readSfntSubset(path: string, tags: readonly string[]): Buffer {
  const fd = openSync(path, 'r');
  try {
    const { version, tables } = readDirectory(fd);
    const wanted = tables.filter((t) => tags.includes(t.tag)).sort((a, b) => (a.tag < b.tag ? -1 : 1));
    const datas = wanted.map((t) => readAt(fd, t.offset, t.length));
    const headerSize = 12 + wanted.length * 16;
    const padded = (n: number) => (n + 3) & ~3;
    const total = datas.reduce((sum, d) => sum + padded(d.length), headerSize);
    const out = Buffer.alloc(total);
    out.writeUInt32BE(version, 0);
    out.writeUInt16BE(wanted.length, 4);
    // searchRange, entrySelector and rangeShift are binary-search hints no reader needs here.
    let offset = headerSize;
    wanted.forEach((t, i) => {
      const data = datas[i] as Buffer;
      const at = 12 + i * 16;
      out.write(t.tag, at, 'latin1');
      out.writeUInt32BE(t.checksum, at + 4);
      out.writeUInt32BE(offset, at + 8);
      out.writeUInt32BE(data.length, at + 12);
      data.copy(out, offset);
      offset += padded(data.length);
    });
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Where the OS/2 table is in the file, for patching its weight class. */
export function findTable(
  path: string,
  tag: string,
): { offset: number; length: number; recordOffset: number } | undefined {
  const fd = openSync(path, 'r');
  try {
    return findTableIn(fd, tag);
  } finally {
    closeSync(fd);
  }
}

/** `findTable` on a file already open. */
export function findTableIn(
  fd: number,
  tag: string,
): { offset: number; length: number; recordOffset: number } | undefined {
  const { tables } = readDirectory(fd);
  const index = tables.findIndex((t) => t.tag === tag);
  const table = tables[index];
  return table ? { offset: table.offset, length: table.length, recordOffset: 12 + index * 16 } : undefined;
}

export { readAt };
