// A flat image of one colour: what the server shows instead of a thumbnail whose template is
// too heavy to render within the thumbnail budget. A few milliseconds, off the main thread.
import sharp from 'sharp';

export interface PlaceholderOptions {
  width: number;
  height: number;
  /** sRGB, 0–255 per channel. */
  color: { r: number; g: number; b: number };
}

const hex = ({ r, g, b }: PlaceholderOptions['color']) =>
  `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

export async function placeholderWebp({ width, height, color }: PlaceholderOptions): Promise<Uint8Array> {
  const data = await sharp({
    create: {
      width: Math.max(1, Math.round(width)),
      height: Math.max(1, Math.round(height)),
      channels: 3,
      background: hex(color),
    },
  })
    .webp({ quality: 50, effort: 0 })
    .toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
