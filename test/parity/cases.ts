// What the parity test renders on both sides: every starter template, and a matrix of
// feature cases built here (text wrap, autoFit, ellipsis, letter spacing, CJK, emoji,
// gradients, cover/contain images, rotation, lines, polygons, stars, QR codes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { STARTERS, type TemplateDocumentInput } from '@layercast/shared';
import { ROOT } from '../e2e/harness';

export interface ParityCase {
  name: string;
  doc: TemplateDocumentInput;
  /** A size variant to draw and render instead of the base design. */
  variant?: string;
  /** Font files the account uploads first (`POST /api/fonts?family=`); such cases run in an account of their own. */
  fonts?: { file: string; family: string; weight?: number }[];
}

const asset = (file: string) =>
  `data:image/png;base64,${readFileSync(join(ROOT, 'engine/test/fixtures/assets', file)).toString('base64')}`;

const svgAsset = (file: string) =>
  `data:image/svg+xml;base64,${readFileSync(join(ROOT, 'engine/test/fixtures/svg', file)).toString('base64')}`;

/** A viewBox-only badge: circle, ring and a bar, where resampling and anti-aliasing show. */
const BADGE = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 48"><rect width="64" height="48" fill="#fde68a"/>' +
    '<circle cx="24" cy="24" r="18" fill="#7c3aed"/><circle cx="24" cy="24" r="10" fill="none" stroke="#fff" stroke-width="3"/>' +
    '<rect x="44" y="8" width="12" height="32" rx="3" fill="#0f766e" fill-opacity="0.8"/></svg>',
).toString('base64')}`;

const canvas = { width: 800, height: 420, background: '#ffffff' };
const text = (name: string, props: Record<string, unknown>) => ({
  type: 'text' as const,
  name,
  x: 40,
  y: 40,
  width: 480,
  height: 200,
  fontSize: 40,
  color: '#111827',
  ...props,
});

const LOREM = 'Layercast lays out text once and paints it the same way in the editor and on the server.';

export function parityCases(): ParityCase[] {
  const wide = asset('pattern-wide.png');
  const tall = asset('pattern-tall.png');
  const avatar = asset('avatar-jane.png');
  const cover = asset('cover-waves.png');
  const matrix: ParityCase[] = [
    {
      name: 'text-wrap',
      doc: { version: 4, canvas, layers: [text('t', { text: LOREM, fontSize: 34, lineHeight: 1.3 })] },
    },
    {
      name: 'text-align-center-middle',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('t', {
            text: LOREM,
            fontSize: 28,
            textAlign: 'center',
            verticalAlign: 'middle',
            width: 700,
            height: 300,
          }),
        ],
      },
    },
    {
      name: 'autofit',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('t', { text: `${LOREM} ${LOREM}`, fontSize: 80, autoFit: true, minFontSize: 12, fontWeight: 700 }),
        ],
      },
    },
    {
      name: 'ellipsis',
      doc: {
        version: 4,
        canvas,
        layers: [text('t', { text: `${LOREM} ${LOREM}`, fontSize: 36, maxLines: 2, overflow: 'ellipsis' })],
      },
    },
    {
      name: 'letter-spacing-uppercase',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('t', {
            text: 'Letter spacing and capitals',
            fontSize: 44,
            letterSpacing: 6,
            textTransform: 'uppercase',
            fontWeight: 600,
          }),
        ],
      },
    },
    {
      name: 'serif-italic-mono',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('serif', { text: 'Noto Serif, italic', fontFamily: 'Noto Serif', fontStyle: 'italic', height: 80 }),
          text('mono', {
            text: 'const x = 42; // mono',
            fontFamily: 'JetBrains Mono',
            y: 160,
            height: 80,
            fontSize: 32,
          }),
        ],
      },
    },
    {
      name: 'cjk',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('ko', { text: '레이어캐스트는 편집기와 서버에서 똑같이 그립니다', fontSize: 34, height: 120 }),
          text('ja', {
            text: 'エディタとサーバーで同じ画像を描きます。',
            fontSize: 34,
            y: 170,
            height: 100,
            fontFamily: 'Noto Sans JP',
          }),
          text('zh', {
            text: '编辑器与服务器绘制相同的图像',
            fontSize: 34,
            y: 290,
            height: 80,
            fontFamily: 'Noto Sans SC',
          }),
        ],
      },
    },
    {
      name: 'emoji',
      doc: {
        version: 4,
        canvas,
        layers: [text('t', { text: 'Ship it 🚀 and celebrate 🎉✨ with 👩‍💻', fontSize: 40 })],
      },
    },
    {
      name: 'gradients',
      doc: {
        version: 4,
        canvas: { ...canvas, background: 'linear-gradient(135deg, #667eea, #764ba2)' },
        layers: [
          {
            type: 'rect',
            name: 'lin',
            x: 40,
            y: 40,
            width: 320,
            height: 200,
            cornerRadius: 24,
            fill: {
              type: 'linear',
              angle: 90,
              stops: [
                { offset: 0, color: '#f59e0b' },
                { offset: 1, color: '#ef4444' },
              ],
            },
          },
          {
            type: 'ellipse',
            name: 'rad',
            x: 420,
            y: 60,
            width: 300,
            height: 300,
            fill: {
              type: 'radial',
              cx: 0.3,
              cy: 0.3,
              radius: 1,
              stops: [
                { offset: 0, color: '#ffffff' },
                { offset: 1, color: 'rgba(14, 165, 233, 0.4)' },
              ],
            },
            stroke: '#0f172a',
            strokeWidth: 4,
          },
        ],
      },
    },
    {
      name: 'images-cover-contain',
      doc: {
        version: 4,
        canvas: { ...canvas, background: '#f1f5f9' },
        layers: [
          {
            type: 'image',
            name: 'cover',
            x: 30,
            y: 40,
            width: 220,
            height: 320,
            src: wide,
            objectFit: 'cover',
            borderRadius: 20,
          },
          { type: 'image', name: 'contain', x: 290, y: 40, width: 220, height: 320, src: wide, objectFit: 'contain' },
          {
            type: 'image',
            name: 'focal',
            x: 550,
            y: 40,
            width: 220,
            height: 160,
            src: tall,
            objectFit: 'cover',
            objectPosition: { x: 0.5, y: 0 },
          },
        ],
      },
    },
    {
      // Crop before fit, per-corner and ellipse masks with strokes and a shadow.
      name: 'image-crop-masks',
      doc: {
        version: 4,
        canvas: { ...canvas, background: '#f1f5f9' },
        layers: [
          {
            type: 'image',
            name: 'cropped',
            x: 30,
            y: 40,
            width: 300,
            height: 320,
            src: wide,
            crop: { x: 0.5, y: 0, width: 0.5, height: 1 },
            borderRadius: [80, 0, 80, 0],
            stroke: '#0f172a',
            strokeWidth: 4,
          },
          {
            type: 'image',
            name: 'circle',
            x: 370,
            y: 40,
            width: 180,
            height: 180,
            src: avatar,
            mask: 'ellipse',
            crop: { x: 0.1, y: 0, width: 0.8, height: 0.8 },
            shadow: { color: 'rgba(0, 0, 0, 0.4)', blur: 12, offsetX: 0, offsetY: 6 },
          },
          {
            type: 'image',
            name: 'contained',
            x: 590,
            y: 40,
            width: 180,
            height: 320,
            src: tall,
            objectFit: 'contain',
            crop: { x: 0, y: 0.25, width: 1, height: 0.5 },
            borderRadius: 24,
          },
        ],
      },
    },
    {
      // Filters run on decoded pixels in shared engine code, so both sides compute the same bytes.
      name: 'image-filters',
      doc: {
        version: 4,
        canvas: { ...canvas, background: '#ffffff' },
        layers: (
          [
            { grayscale: 1 },
            { brightness: 0.35 },
            { brightness: -0.4, contrast: 0.6 },
            { contrast: -0.5 },
            { blur: 5 },
            { tint: { color: '#0d9488', amount: 0.85 } },
            { grayscale: 0.5, blur: 2, tint: { color: '#f59e0b', amount: 0.4 } },
            {},
          ] as const
        ).map((filters, i) => ({
          type: 'image' as const,
          name: `filtered-${i}`,
          x: 20 + (i % 4) * 195,
          y: 20 + Math.floor(i / 4) * 200,
          width: 180,
          height: 180,
          src: i % 2 ? avatar : cover,
          filters,
        })),
      },
    },
    {
      // SVG is rasterised by resvg on both sides (resvg-js, resvg-wasm) at the drawn size.
      name: 'svg-logo',
      doc: {
        version: 4,
        canvas: { ...canvas, background: '#f8fafc' },
        layers: [
          { type: 'image', name: 'logo', x: 40, y: 40, width: 480, height: 160, src: svgAsset('logo.svg') },
          { type: 'image', name: 'small', x: 560, y: 60, width: 150, height: 50, src: svgAsset('logo.svg') },
          text('caption', { text: 'Brand mark', x: 40, y: 260, height: 60 }),
        ],
      },
    },
    {
      name: 'svg-contain-radius',
      doc: {
        version: 4,
        canvas: { ...canvas, backgroundImage: BADGE },
        layers: [
          {
            type: 'image',
            name: 'contain',
            x: 40,
            y: 40,
            width: 300,
            height: 340,
            src: BADGE,
            objectFit: 'contain',
            borderRadius: 40,
            stroke: '#111827',
            strokeWidth: 3,
          },
          {
            type: 'image',
            name: 'cover',
            x: 380,
            y: 40,
            width: 380,
            height: 150,
            src: svgAsset('logo.svg'),
            objectFit: 'cover',
            borderRadius: 24,
            opacity: 0.7,
          },
          {
            type: 'image',
            name: 'rotated',
            x: 420,
            y: 230,
            width: 300,
            height: 120,
            src: BADGE,
            objectFit: 'fill',
            rotation: 8,
          },
        ],
      },
    },
    {
      name: 'rotation-opacity-shadow',
      doc: {
        version: 4,
        canvas,
        layers: [
          {
            type: 'rect',
            name: 'card',
            x: 220,
            y: 90,
            width: 360,
            height: 220,
            rotation: -8,
            fill: '#4f46e5',
            cornerRadius: 18,
            shadow: { color: 'rgba(0,0,0,0.3)', blur: 20, offsetX: 0, offsetY: 10 },
          },
          text('label', {
            text: 'Rotated text',
            x: 240,
            y: 170,
            width: 320,
            height: 70,
            rotation: -8,
            color: '#ffffff',
            textAlign: 'center',
            fontWeight: 700,
            opacity: 0.9,
          }),
          { type: 'ellipse', name: 'dot', x: 620, y: 40, width: 120, height: 120, fill: '#f97316', opacity: 0.5 },
        ],
      },
    },
    {
      // Translucent layers that overlap themselves are composited once (an OffscreenCanvas
      // in the browser, a Skia canvas on the server); ellipses get elliptical radials.
      name: 'composited-opacity-elliptic-radial',
      doc: {
        version: 4,
        canvas: { ...canvas, background: 'radial-gradient(#fde68a, #7c3aed)' },
        layers: [
          { type: 'rect', name: 'band', x: 0, y: 160, width: 800, height: 60, fill: '#0f172a' },
          {
            type: 'rect',
            name: 'box',
            x: 60,
            y: 60,
            width: 260,
            height: 280,
            fill: '#f97316',
            cornerRadius: 24,
            opacity: 0.5,
            stroke: '#111827',
            strokeWidth: 14,
            shadow: { color: '#111827', blur: 6, offsetX: 18, offsetY: 18 },
          },
          text('ghost', {
            text: 'Ghost',
            x: 380,
            y: 120,
            width: 380,
            height: 140,
            fontSize: 96,
            fontWeight: 900,
            color: '#f97316',
            opacity: 0.5,
            stroke: '#111827',
            strokeWidth: 5,
            background: '#fde047',
            padding: 8,
          }),
        ],
      },
    },
    {
      // Every vector kind: a dashed line with round caps, an arrow, a double arrow, a
      // gradient polygon with a stroke, a star with a shadow, a rotated star, and QR codes
      // (one on a transparent background over the card, one rotated).
      name: 'vector-kinds',
      doc: {
        version: 4,
        canvas: { ...canvas, background: '#f8fafc' },
        layers: [
          { type: 'rect', name: 'panel', x: 520, y: 20, width: 260, height: 380, fill: '#fef3c7', cornerRadius: 16 },
          {
            type: 'line',
            name: 'dashed',
            x: 30,
            y: 20,
            width: 460,
            height: 20,
            stroke: '#0f766e',
            strokeWidth: 5,
            dash: [18, 10],
            lineCap: 'round',
          },
          {
            type: 'line',
            name: 'arrow',
            x: 30,
            y: 50,
            width: 200,
            height: 110,
            x1: 0,
            y1: 1,
            x2: 1,
            y2: 0,
            stroke: '#dc2626',
            strokeWidth: 4,
            endArrow: true,
          },
          {
            type: 'line',
            name: 'both',
            x: 260,
            y: 90,
            width: 230,
            height: 30,
            stroke: '#1d4ed8',
            strokeWidth: 3,
            startArrow: true,
            endArrow: true,
            rotation: 12,
          },
          {
            type: 'polygon',
            name: 'hex',
            x: 30,
            y: 190,
            width: 150,
            height: 150,
            sides: 6,
            fill: 'linear-gradient(135deg, #667eea, #764ba2)',
            stroke: '#111827',
            strokeWidth: 4,
          },
          {
            type: 'star',
            name: 'badge',
            x: 200,
            y: 180,
            width: 160,
            height: 160,
            points: 5,
            innerRatio: 0.45,
            fill: '#f59e0b',
            shadow: { color: 'rgba(0,0,0,0.3)', blur: 10, offsetX: 0, offsetY: 6 },
          },
          {
            type: 'star',
            name: 'burst',
            x: 380,
            y: 200,
            width: 120,
            height: 120,
            points: 16,
            innerRatio: 0.75,
            fill: 'radial-gradient(#fde68a, #ea580c)',
            rotation: 20,
          },
          {
            type: 'qr',
            name: 'code',
            x: 560,
            y: 40,
            width: 180,
            height: 180,
            data: 'https://layercast.dev/parity?case=vector-kinds',
            color: '#111827',
            background: 'transparent',
            errorCorrection: 'Q',
          },
          {
            type: 'qr',
            name: 'tilted',
            x: 590,
            y: 260,
            width: 120,
            height: 120,
            data: 'tilted',
            rotation: -10,
            quietZone: 1,
          },
        ],
      },
    },
    {
      // Translucent vector layers are composited once: the arrowhead over the line, the
      // stroke over the star, the modules over the QR background.
      name: 'vector-kinds-opacity',
      doc: {
        version: 4,
        canvas: { ...canvas, background: 'linear-gradient(90deg, #e0f2fe, #fce7f3)' },
        layers: [
          { type: 'rect', name: 'band', x: 0, y: 180, width: 800, height: 60, fill: '#0f172a' },
          {
            type: 'line',
            name: 'arrow',
            x: 40,
            y: 190,
            width: 300,
            height: 40,
            stroke: '#dc2626',
            strokeWidth: 12,
            lineCap: 'square',
            endArrow: true,
            opacity: 0.5,
          },
          {
            type: 'star',
            name: 'star',
            x: 360,
            y: 110,
            width: 200,
            height: 200,
            points: 6,
            fill: '#22c55e',
            stroke: '#14532d',
            strokeWidth: 10,
            opacity: 0.6,
          },
          {
            type: 'qr',
            name: 'code',
            x: 600,
            y: 120,
            width: 160,
            height: 160,
            data: 'https://layercast.dev',
            opacity: 0.7,
          },
          {
            type: 'polygon',
            name: 'tri',
            x: 40,
            y: 280,
            width: 200,
            height: 110,
            sides: 3,
            fill: '#a855f7',
            opacity: 0.5,
          },
        ],
      },
    },
    {
      // Arabic joined and right to left, start-aligned; a wrapped paragraph with digits
      // in brackets; an ellipsis at the left end of a cut line.
      name: 'script-arabic',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('title', { text: 'مرحبا بالعالم', fontSize: 48, fontWeight: 700, textAlign: 'start', height: 70 }),
          text('para', {
            y: 120,
            height: 110,
            fontSize: 30,
            textAlign: 'start',
            text: 'هذه بطاقة عربية تلتف على سطرين وتحافظ على ترتيب الكلمات (٢٠٢٤)',
          }),
          text('cut', {
            y: 260,
            height: 50,
            fontSize: 30,
            textAlign: 'start',
            maxLines: 1,
            text: 'نص طويل جدا لا يتسع في سطر واحد فينتهي بعلامة الحذف في الجهة اليسرى',
          }),
        ],
      },
    },
    {
      name: 'script-hebrew',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('title', { text: 'שלום עולם!', fontSize: 48, fontWeight: 700, textAlign: 'start', height: 70 }),
          text('para', {
            y: 120,
            height: 110,
            fontSize: 30,
            textAlign: 'end',
            text: 'זהו כרטיס בעברית משנת 2024 שנשבר לשתי שורות בסדר הנכון',
          }),
        ],
      },
    },
    {
      // A group turned 25° at 70% opacity, a child turned again inside it, a nested group,
      // a hidden child: the composed frames and multiplied opacities on both sides.
      name: 'group-rotated-nested',
      doc: {
        version: 4,
        canvas,
        layers: [
          { type: 'rect', name: 'bg', x: 0, y: 0, width: 800, height: 420, fill: '#f1f5f9' },
          {
            type: 'group',
            name: 'badge',
            x: 160,
            y: 90,
            width: 420,
            height: 220,
            rotation: 25,
            opacity: 0.7,
            layers: [
              { type: 'rect', name: 'plate', x: 0, y: 0, width: 420, height: 220, fill: '#1d4ed8', cornerRadius: 20 },
              { type: 'star', name: 'mark', x: 320, y: 20, width: 80, height: 80, fill: '#facc15', rotation: 15 },
              text('label', {
                x: 30,
                y: 70,
                width: 300,
                height: 60,
                text: 'Grouped',
                color: '#ffffff',
                fontWeight: 700,
              }),
              {
                type: 'group',
                name: 'chips',
                x: 30,
                y: 150,
                width: 200,
                height: 40,
                rotation: -10,
                layers: [
                  { type: 'ellipse', name: 'chip-1', x: 0, y: 0, width: 40, height: 40, fill: '#f97316' },
                  {
                    type: 'ellipse',
                    name: 'chip-2',
                    x: 60,
                    y: 0,
                    width: 40,
                    height: 40,
                    fill: '#22c55e',
                    opacity: 0.5,
                  },
                ],
              },
              { type: 'rect', name: 'secret', x: 0, y: 0, width: 420, height: 220, fill: '#ff0000', visible: false },
            ],
          },
        ],
      },
    },
    {
      // Thai broken between dictionary words (Intl.Segmenter in Chromium and in Node). Not
      // Khmer: Chromium's ICU and Node's split some Khmer compounds differently.
      name: 'script-thai',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('t', {
            text: 'ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยคเดียวกัน',
            fontSize: 36,
            width: 300,
            height: 300,
          }),
        ],
      },
    },
    {
      name: 'bidi-mixed',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('ltr', { text: 'Hello مرحبا 123', height: 60, width: 720 }),
          text('rtl', {
            y: 110,
            text: 'Hello مرحبا 123',
            height: 60,
            width: 720,
            direction: 'rtl',
            textAlign: 'start',
          }),
          text('brand', {
            y: 180,
            text: 'صمم بطاقتك مع Layercast اليوم (2024)',
            height: 60,
            width: 720,
            textAlign: 'start',
            stroke: '#f59e0b',
            strokeWidth: 2,
          }),
          text('scripts', { y: 260, width: 720, height: 120, fontSize: 30, text: 'नमस्ते বাংলা தமிழ் ქართული Հայերեն ሰላም' }),
        ],
      },
    },
    {
      name: 'rtl-letter-spacing',
      doc: {
        version: 4,
        canvas,
        layers: [
          text('a', { text: 'مرحبا بالعالم 2024', height: 70, width: 720, letterSpacing: 6, textAlign: 'start' }),
          text('b', { y: 130, text: 'Hello مرحبا 123', height: 70, width: 720, letterSpacing: 6 }),
          text('c', { y: 220, text: 'שלום עולם', height: 70, width: 720, letterSpacing: 6, textAlign: 'start' }),
        ],
      },
    },
    {
      // Characters no shipped font has are drawn as U+FFFD on both sides, never in a
      // font of the browser's or the host's own.
      name: 'missing-glyphs',
      doc: {
        version: 4,
        canvas,
        layers: [text('t', { text: 'Sinhala ආයුබෝවන් and Linear B 𐀀𐀁 stay boxes', fontSize: 40 })],
      },
    },
    {
      // A size variant: the editor draws the variant's view, the server renders `variant`.
      name: 'variant-square',
      variant: 'square',
      doc: {
        version: 4,
        canvas,
        layers: [
          {
            type: 'rect',
            name: 'bg',
            x: 0,
            y: 0,
            width: 800,
            height: 420,
            fill: 'linear-gradient(135deg, #667eea, #764ba2)',
          },
          text('title', { text: LOREM, fontSize: 34, color: '#ffffff', lineHeight: 1.3 }),
          { type: 'ellipse', name: 'dot', x: 640, y: 260, width: 120, height: 120, fill: '#f97316' },
        ],
        variants: [
          {
            name: 'square',
            width: 600,
            height: 600,
            layers: {
              bg: { width: 600, height: 600 },
              title: { x: 40, y: 300, width: 520, height: 260, fontSize: 44, textAlign: 'center', letterSpacing: -1 },
              dot: { x: 240, y: 60, width: 120, height: 120, opacity: 0.7 },
            },
          },
        ],
      },
    },
  ];
  return [
    ...STARTERS.map((s) => ({
      name: `starter-${s.file.replace('.json', '')}`,
      doc: s.document as TemplateDocumentInput,
    })),
    ...matrix,
  ];
}

const require = createRequire(import.meta.url);

/** Uploaded fonts: a TTF and a WOFF2 face, a bold made by the upload's weight, the family in the fallback chain. */
export function customFontCases(): ParityCase[] {
  const ttf = require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf');
  const woff2 = require.resolve('@fontsource/pacifico/files/pacifico-latin-400-normal.woff2');
  return [
    {
      name: 'custom-font-ttf',
      fonts: [{ file: ttf, family: 'Brand Script' }],
      doc: {
        version: 4,
        canvas,
        layers: [
          text('t', { text: `${LOREM} Ünïcödé — 123`, fontFamily: 'Brand Script', fontSize: 40, lineHeight: 1.3 }),
          text('k', { text: 'Inter beside it, 한국어 in the fallback', y: 330, height: 60, fontSize: 28 }),
        ],
      },
    },
    {
      name: 'custom-font-woff2-autofit',
      fonts: [{ file: woff2, family: 'Brand Web' }],
      doc: {
        version: 4,
        canvas,
        layers: [
          text('t', {
            text: `${LOREM} ${LOREM}`,
            fontFamily: 'Brand Web',
            fontSize: 90,
            autoFit: true,
            minFontSize: 12,
            textAlign: 'center',
            color: '#4f46e5',
          }),
        ],
      },
    },
  ];
}
