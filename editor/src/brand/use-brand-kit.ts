// The account's brand kit, read once per page and shared by every colour field, image source
// and the Brand page. Saving replaces the whole kit and updates every reader at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { BrandKit, BrandKitUpdate } from '@layercast/shared';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';

export function useBrandKit(): BrandKit | undefined {
  return useQuery({ queryKey: queryKeys.brand, queryFn: api.brand.get, staleTime: 60_000 }).data;
}

/** The kit as PUT /api/brand takes it (logo details are the server's). */
export function toUpdate(kit: BrandKit): BrandKitUpdate {
  return {
    colors: kit.colors.map((c) => ({ ...c })),
    logos: kit.logos.map(({ assetId, name }) => (name ? { assetId, name } : { assetId })),
  };
}

/** The kit as `update` leaves it, shown while it saves: logos keep the details the kit has. */
function withUpdate(kit: BrandKit, update: BrandKitUpdate): BrandKit {
  const known = new Map(kit.logos.map((logo) => [logo.assetId, logo]));
  const logos = update.logos.flatMap(({ assetId, name }) => {
    const logo = known.get(assetId);
    if (!logo) return [];
    const { name: _old, ...details } = logo;
    return [name ? { ...details, name } : details];
  });
  return { ...kit, colors: update.colors.map((c) => ({ ...c })), logos };
}

/**
 * Saves edits to the kit. Each edit applies to the kit as the edits before it left it, not
 * to the last answer from the server: a name typed while the colour before it is still
 * saving keeps that colour. The saves go one at a time, in order (each replaces the whole
 * kit), the kit shows each edit at once, and the server's answer to the last one is kept.
 */
export function useSaveBrandKit() {
  const qc = useQueryClient();
  const latest = useRef<BrandKitUpdate | null>(null);
  const mutation = useMutation({
    scope: { id: 'brand-kit' },
    mutationFn: (update: BrandKitUpdate) => api.brand.put(update),
    onSuccess: (kit, update) => {
      // A later edit is on its way; its answer is the kit.
      if (latest.current !== update) return;
      latest.current = null;
      qc.setQueryData(queryKeys.brand, kit);
    },
    onError: () => {
      latest.current = null;
      void qc.invalidateQueries({ queryKey: queryKeys.brand });
    },
  });
  const change = (kit: BrandKit, edit: (update: BrandKitUpdate) => void) => {
    const update = structuredClone(latest.current ?? toUpdate(kit));
    edit(update);
    latest.current = update;
    qc.setQueryData(queryKeys.brand, withUpdate(kit, update));
    mutation.mutate(update);
  };
  return { change, isError: mutation.isError, error: mutation.error };
}
