// The benchmark card: 1200×630, gradient background, translucent rounded panel, a
// three-line bold title, a subtitle and a round cover-fit logo. The logo is a PNG drawn
// at start, so the bench needs no files.
import { createCanvas } from '@napi-rs/canvas';
import type { TemplateDocumentInput } from '@layercast/shared';

export const CARD_TITLE = 'Layercast renders social cards in milliseconds with one engine';
export const CARD_SUBTITLE = 'layercast.dev · Self-hosted image templates';

/** A 400×400 PNG logo: a radial gradient disc with a mark, as a data: URL. */
export function makeLogoDataUrl(): string {
  const canvas = createCanvas(400, 400);
  const ctx = canvas.getContext('2d');
  const g = ctx.createRadialGradient(160, 140, 20, 200, 200, 260);
  g.addColorStop(0, '#fde68a');
  g.addColorStop(1, '#f97316');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 400, 400);
  ctx.fillStyle = '#1f2937';
  ctx.beginPath();
  ctx.moveTo(120, 290);
  ctx.lineTo(200, 100);
  ctx.lineTo(280, 290);
  ctx.closePath();
  ctx.fill();
  return `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
}

export function cardTemplate(logo: string): TemplateDocumentInput {
  return {
    version: 4,
    canvas: { width: 1200, height: 630, background: 'linear-gradient(135deg, #667eea, #764ba2)' },
    layers: [
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
        height: 300,
        text: CARD_TITLE,
        fontFamily: 'Inter',
        fontWeight: 700,
        fontSize: 60,
        lineHeight: 1.2,
        color: '#ffffff',
        maxLines: 3,
      },
      {
        name: 'subtitle',
        type: 'text',
        x: 110,
        y: 460,
        width: 760,
        height: 60,
        text: CARD_SUBTITLE,
        fontFamily: 'Inter',
        fontSize: 30,
        color: 'rgba(255, 255, 255, 0.85)',
      },
      {
        name: 'logo',
        type: 'image',
        x: 910,
        y: 110,
        width: 180,
        height: 180,
        src: logo,
        objectFit: 'cover',
        borderRadius: 90,
      },
    ],
  };
}
