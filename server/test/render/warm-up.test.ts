// The warm-up card every render child draws before the server listens, and the server
// parses: a failure there is swallowed at start-up (the first request just pays the cost),
// so it is checked here.
import { registerFonts, renderTemplate } from '@layercast/engine/node';
import { parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { warmUpRequests } from '../../src/render/render.service';
import { WARM_UP_DOCUMENT, WARM_UP_OVERRIDES } from '../../src/render/warm-up';
import { openTestDatabase } from '../support/test-db';

describe('warm-up card', () => {
  it('is a valid template that draws every layer at 1200×630, its PNG included', async () => {
    const parsed = parseTemplate(WARM_UP_DOCUMENT);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    registerFonts();
    const result = await renderTemplate(parsed.value, { layers: WARM_UP_OVERRIDES }, { format: 'png' });
    expect([result.width, result.height]).toEqual([1200, 630]);
    expect(result.diagnostics.layers['logo']).toMatchObject({ type: 'image', loaded: true });
    expect(result.diagnostics.layers['title']).toMatchObject({ lines: 1, truncated: false });
    const { data, info } = await sharp(result.data).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    // The logo's gradient square, clipped round: orange inside, the panel outside it.
    const [r, g, b] = at(1000, 200);
    expect(r).toBeGreaterThan(240);
    expect(b).toBeLessThan(120);
    expect(g).toBeGreaterThan(120);
    expect(at(915, 115)[0]).toBeLessThan(120);
  });

  it('goes through the request path without an error, reading the database and writing nothing', async () => {
    await expect(warmUpRequests()).resolves.toBeUndefined();
    const opened = await openTestDatabase();
    try {
      await expect(warmUpRequests(opened.db)).resolves.toBeUndefined();
      for (const table of ['templates', 'renders', 'accounts'] as const) {
        const row = await opened.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(row.n)).toBe(0);
      }
    } finally {
      await opened.close();
    }
  });
});
