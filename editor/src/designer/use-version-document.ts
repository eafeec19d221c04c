// One saved version of a template, whole: fetched once, since versions never change.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';

export function useVersionDocument(templateId: string, version: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.templates.version(templateId, version),
    queryFn: () => api.templates.version(templateId, version),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}
