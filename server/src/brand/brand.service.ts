// The brand kit: read with its logos' current asset details and the account's font families;
// written whole after every logo is checked to be one of the account's uploads.
import type { BrandColor, BrandKit, BrandKitUpdate } from '@layercast/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { validationError } from '../errors';

interface LogoRef {
  assetId: string;
  name?: string;
}

export interface BrandService {
  get(accountId: string): Promise<BrandKit>;
  /** Replaces the kit; a logo that is not the account's upload is a 422 naming its index. */
  put(accountId: string, update: BrandKitUpdate): Promise<BrandKit>;
}

export function createBrandService(db: Kysely<Database>): BrandService {
  async function assetsOf(accountId: string, ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { ext: string; mime: string; width: number; height: number }>();
    const rows = await db
      .selectFrom('assets')
      .select(['id', 'ext', 'mime', 'width', 'height'])
      .where('account_id', '=', accountId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async function get(accountId: string): Promise<BrandKit> {
    const [row, families] = await Promise.all([
      db.selectFrom('brand_kits').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
      db
        .selectFrom('fonts')
        .select('family')
        .distinct()
        .where('account_id', '=', accountId)
        .orderBy('family')
        .execute(),
    ]);
    const colors = row ? (JSON.parse(row.colors) as BrandColor[]) : [];
    const refs = row ? (JSON.parse(row.logos) as LogoRef[]) : [];
    const assets = await assetsOf(
      accountId,
      refs.map((r) => r.assetId),
    );
    const logos = refs.flatMap((ref) => {
      const asset = assets.get(ref.assetId);
      // An asset that went away leaves the kit quietly: there is nothing to show or apply.
      if (!asset) return [];
      return [
        {
          ...ref,
          url: `/api/assets/${ref.assetId}.${asset.ext}`,
          mime: asset.mime,
          width: asset.width,
          height: asset.height,
        },
      ];
    });
    return { colors, logos, fonts: families.map((f) => f.family), updatedAt: row?.updated_at ?? null };
  }

  async function put(accountId: string, update: BrandKitUpdate): Promise<BrandKit> {
    const assets = await assetsOf(
      accountId,
      update.logos.map((l) => l.assetId),
    );
    const issues = update.logos.flatMap((logo, i) =>
      assets.has(logo.assetId)
        ? []
        : [
            {
              path: `logos[${i}].assetId`,
              message: 'no image of this account has this id; upload it with POST /api/assets',
            },
          ],
    );
    if (issues.length) throw validationError('invalid_request', issues);
    const colors = JSON.stringify(
      update.colors.map((c) => (c.name ? { name: c.name, value: c.value } : { value: c.value })),
    );
    const logos = JSON.stringify(
      update.logos.map((l) => (l.name ? { assetId: l.assetId, name: l.name } : { assetId: l.assetId })),
    );
    const now = new Date().toISOString();
    await db
      .insertInto('brand_kits')
      .values({ account_id: accountId, colors, logos, updated_at: now })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ colors, logos, updated_at: now }))
      .execute();
    return get(accountId);
  }

  return { get, put };
}
