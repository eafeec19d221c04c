// What a render child draws, and the server parses, before the server listens: a document
// like the cards people render most (an og:image at 1200×630 with a gradient, a translucent
// panel, bold and regular text and a small rounded PNG). The first real render then finds
// the code of each of those paths loaded and compiled, the template schemas' validators
// built, and a kept canvas of the most common size (engine/src/node/surface.ts).
import type { TemplateDocumentInput } from '@layercast/shared';

/** A 32×32 PNG (a gradient square). */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAABHNCSVQICAgIfAhkiAAAAAFzUkdCAK7OHOkAAAGASURBVFiFvVZbkgMhCETLw+9Bc4wF9kN0eOgkU1n8SE20bLFtwC6/rx8uzACIAMzAhFCYgZHkK2O6xsAMQATANNcBCR4dfrGfxrdCJIM+WUgFk3kewdS68Ss8/gveBO/zS7zgmg5WZNGa+QBrBjZYUTcyme/wMm5lMqcPmVsGE2+C3zG3+MqEc9FkTmpztEH9ZhNvmN/gzZihndZ84uVw9T1znGBYBXnLXPCocSMnqOfAI81JaU7PNff4ts92MrmhNV/W+Q6PG7ysb6c1n8EF1yC5ztkcWsuG4wZy6zzkDNmca3BYc79fO625z7maXeeWeV9XdCfMrvMd8xG33vZ2et7bw9uyYX75gROaY2R+vYZ4QHMjl825ll3nkbmtuvrte/5U8+gHkus8dlbrQWt2nS/7zMCT9gOHNDc5113x//Z2L1vAo/cDyXXuNbeHv/MDH77nkbnzEzs87vxAsubeg0Y/kKx5zIHkOveaX0++9wNJdW6YO1lgeQMZmmNkPnB/YjsPcrhG56MAAAAASUVORK5CYII=';

export const WARM_UP_DOCUMENT: TemplateDocumentInput = {
  version: 4,
  canvas: { width: 1200, height: 630, background: '#0f172a' },
  layers: [
    {
      name: 'background',
      type: 'rect',
      width: 1200,
      height: 630,
      fill: {
        type: 'linear',
        angle: 135,
        stops: [
          { offset: 0, color: '#1e3a8a' },
          { offset: 1, color: '#0f172a' },
        ],
      },
    },
    {
      name: 'panel',
      type: 'rect',
      x: 60,
      y: 60,
      width: 1080,
      height: 510,
      fill: 'rgba(255, 255, 255, 0.14)',
      cornerRadius: 32,
    },
    {
      name: 'title',
      type: 'text',
      x: 110,
      y: 110,
      width: 760,
      height: 220,
      text: 'Warm up Aa 0123',
      fontSize: 60,
      fontWeight: 700,
      color: '#ffffff',
      maxLines: 3,
    },
    {
      name: 'subtitle',
      type: 'text',
      x: 110,
      y: 400,
      width: 760,
      height: 60,
      text: 'Warm up Aa 0123',
      fontSize: 28,
      color: '#e2e8f0',
    },
    {
      name: 'logo',
      type: 'image',
      x: 910,
      y: 110,
      width: 180,
      height: 180,
      src: PNG,
      objectFit: 'cover',
      borderRadius: 90,
    },
  ],
  variables: [],
};

/** Overrides like a request's, for the server's parse of them. */
export const WARM_UP_OVERRIDES = { title: { text: 'Warm up' } };
