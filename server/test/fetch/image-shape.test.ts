// The parent checks fetched and uploaded images from their headers before a render child sees
// them: extreme sides and aspect ratios, and GIFs over the frame budget, are refused there too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ImageSourceError, inspectImage } from '../../src/fetch/image-bytes';
import sharp from 'sharp';

function gifOf(frames: number): Buffer {
  const head = Buffer.from([...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
  const frame = Buffer.from([0x21, 0xf9, 4, 0, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0]);
  return Buffer.concat([head, ...Array<Buffer>(frames).fill(frame), Buffer.from([0x3b])]);
}

async function problem(bytes: Buffer): Promise<string> {
  try {
    await inspectImage(bytes);
  } catch (error) {
    if (error instanceof ImageSourceError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('image shapes refused by the parent', () => {
  it('refuses 1 × 20,000 and 3,000 × 2, accepts a 1,000 px rule', async () => {
    const png = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
    expect(await problem(await png(1, 20_000))).toBe(
      'too_many_pixels: the image is 1×20000 pixels; each side may be at most 16384',
    );
    expect(await problem(await png(3000, 2))).toBe(
      'too_many_pixels: the image is 3000×2 pixels; its sides may differ at most 1000:1',
    );
    expect(await problem(await png(1000, 1))).toBe('accepted');
  });

  it('refuses a GIF with more than 1,000 frames', async () => {
    expect(await problem(gifOf(1001))).toBe(
      'too_many_pixels: the GIF has more than 1000 frames; only the first is drawn',
    );
    expect(await problem(gifOf(3))).toBe('accepted');
  });

  it('gives a render 5 s by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layercast-config-'));
    expect(loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_SECRET: 'x'.repeat(40) }).render.timeoutMs).toBe(5000);
    rmSync(dir, { recursive: true, force: true });
  });
});
