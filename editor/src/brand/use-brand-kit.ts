// The account's brand kit, read once per page and shared by every colour field, image source
// and the Brand page. Saving replaces the whole kit and updates every reader at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export function useSaveBrandKit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (update: BrandKitUpdate) => api.brand.put(update),
    onSuccess: (kit) => qc.setQueryData(queryKeys.brand, kit),
  });
}
