// The LayoutEnv the server and the CLI lay out with: Skia measuring through a 1×1
// canvas, the registry's metrics, family list and glyph coverage.
import { createCanvas } from '@napi-rs/canvas';
import type { LayoutEnv, MeasureContext } from '../types';
import { fontMetrics, fontStack, hasFamily, hasGlyph, registerFonts } from './fonts';

let env: LayoutEnv | undefined;

/** One per process: measuring is synchronous, so a single context serves every render. */
export function nodeLayoutEnv(): LayoutEnv {
  if (env) return env;
  registerFonts();
  const ctx = createCanvas(1, 1).getContext('2d');
  // As in render.ts: shaping must not follow the host's language.
  ctx.lang = 'en';
  const measure: MeasureContext = ctx;
  env = { measure, fontStack, metrics: fontMetrics, hasFamily, hasGlyph };
  return env;
}
