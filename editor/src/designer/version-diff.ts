// The pixel difference of two drawings of a template (two versions' thumbnails): which
// pixels changed, as a mask to lay over the newer one, and their share of the whole.
// pixelmatch is what the server's `layercast diff` uses, so both count alike.
import pixelmatch from 'pixelmatch';

export interface VersionDiff {
  /** Changed pixels in the highlight colour on transparency, the size of the drawings. */
  mask: ImageData;
  /** Changed pixels / all pixels, 0..1. */
  share: number;
}

/** Null when the drawings differ in size (the canvas was resized): no pixel-for-pixel diff. */
export function diffCanvases(a: HTMLCanvasElement, b: HTMLCanvasElement): VersionDiff | null {
  if (a.width !== b.width || a.height !== b.height || !a.width || !a.height) return null;
  const ca = a.getContext('2d');
  const cb = b.getContext('2d');
  if (!ca || !cb) return null;
  const { width, height } = a;
  const mask = new ImageData(width, height);
  const changed = pixelmatch(
    ca.getImageData(0, 0, width, height).data,
    cb.getImageData(0, 0, width, height).data,
    mask.data,
    width,
    height,
    { threshold: 0.1, diffMask: true, diffColor: [255, 0, 96], diffColorAlt: [255, 0, 96] },
  );
  return { mask, share: changed / (width * height) };
}

/** `12.3 %`, and `< 0.1 %` rather than a misleading `0 %` when anything changed. */
export function formatShare(share: number): string {
  if (share === 0) return '0 %';
  if (share < 0.001) return '< 0.1 %';
  return `${(share * 100).toFixed(1)} %`;
}
