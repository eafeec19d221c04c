// The benchmark card for satori + resvg, the pipeline @vercel/og runs: an element tree
// laid out by satori into SVG, rasterized to PNG by resvg, with the same Inter files
// our registry registers and no system fonts.
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { listFonts } from '../src/node/fonts';
import { CARD_SUBTITLE, CARD_TITLE } from './card';

type Element = { type: string; props: Record<string, unknown> };
const h = (
  type: string,
  style: Record<string, unknown>,
  children?: unknown,
  extra: Record<string, unknown> = {},
): Element => ({
  type,
  props: { style, children, ...extra },
});

function interFonts() {
  const inter = listFonts().find((f) => f.family === 'Inter');
  const files = inter?.files.filter((f) => f.style === 'normal' && (f.weight === 400 || f.weight === 700)) ?? [];
  return files.map((f) => ({
    name: 'Inter',
    data: readFileSync(f.path),
    weight: f.weight as 400 | 700,
    style: 'normal' as const,
  }));
}

let fonts: ReturnType<typeof interFonts> | undefined;

function cardElement(logo: string): Element {
  const abs = (left: number, top: number, width: number, height?: number) => ({
    position: 'absolute',
    left,
    top,
    width,
    height,
  });
  return h(
    'div',
    {
      display: 'flex',
      width: 1200,
      height: 630,
      position: 'relative',
      backgroundImage: 'linear-gradient(135deg, #667eea, #764ba2)',
    },
    [
      h('div', { ...abs(60, 60, 1080, 510), backgroundColor: 'rgba(255, 255, 255, 0.14)', borderRadius: 32 }),
      h(
        'div',
        {
          ...abs(110, 110, 760, 300),
          display: 'block',
          fontFamily: 'Inter',
          fontWeight: 700,
          fontSize: 60,
          lineHeight: 1.2,
          color: '#ffffff',
          lineClamp: 3,
        },
        CARD_TITLE,
      ),
      h(
        'div',
        { ...abs(110, 460, 760, 60), fontFamily: 'Inter', fontSize: 30, color: 'rgba(255, 255, 255, 0.85)' },
        CARD_SUBTITLE,
      ),
      h('img', { ...abs(910, 110, 180, 180), borderRadius: 90, objectFit: 'cover' }, undefined, {
        src: logo,
        width: 180,
        height: 180,
      }),
    ],
  );
}

export async function renderWithSatori(logo: string): Promise<Buffer> {
  fonts ??= interFonts();
  const svg = await satori(cardElement(logo) as never, { width: 1200, height: 630, fonts });
  const resvg = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}
