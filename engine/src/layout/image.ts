import type { ImageLayer } from '@layercast/shared';
import type { Rect } from '../types';

type Fit = ImageLayer['objectFit'];

/**
 * Source and destination rectangles for an image of natural size `iw`×`ih` in a
 * `w`×`h` box, CSS object-fit semantics with `pos` as object-position (0..1 each axis).
 */
export function fitImage(
  iw: number,
  ih: number,
  w: number,
  h: number,
  fit: Fit,
  pos: { x: number; y: number },
): { source: Rect; dest: Rect } {
  switch (fit) {
    case 'fill':
      return { source: { x: 0, y: 0, width: iw, height: ih }, dest: { x: 0, y: 0, width: w, height: h } };
    case 'contain': {
      const s = Math.min(w / iw, h / ih);
      const dw = iw * s;
      const dh = ih * s;
      return {
        source: { x: 0, y: 0, width: iw, height: ih },
        dest: { x: (w - dw) * pos.x, y: (h - dh) * pos.y, width: dw, height: dh },
      };
    }
    case 'cover': {
      const s = Math.max(w / iw, h / ih);
      const sw = w / s;
      const sh = h / s;
      return {
        source: { x: (iw - sw) * pos.x, y: (ih - sh) * pos.y, width: sw, height: sh },
        dest: { x: 0, y: 0, width: w, height: h },
      };
    }
    case 'none': {
      // Natural size; cropped on an axis where the image is larger than the box.
      const axis = (natural: number, box: number, p: number) =>
        natural > box
          ? { src: (natural - box) * p, size: box, dst: 0 }
          : { src: 0, size: natural, dst: (box - natural) * p };
      const ax = axis(iw, w, pos.x);
      const ay = axis(ih, h, pos.y);
      return {
        source: { x: ax.src, y: ay.src, width: ax.size, height: ay.size },
        dest: { x: ax.dst, y: ay.dst, width: ax.size, height: ay.size },
      };
    }
  }
}
