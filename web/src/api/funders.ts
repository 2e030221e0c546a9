import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Commune, CreateFunderInput, CreateFunderResult, Funder } from './types';

export function useFunders() {
  return useQuery({
    queryKey: keys.funders,
    queryFn: ({ signal }) => api.get<Funder[]>('/funders', { signal }),
  });
}

export function useCreateFunder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFunderInput) => api.post<CreateFunderResult>('/funders', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.funders }),
  });
}

/** Communes whose name or postcode starts with what was typed (two characters at least). */
/** `path` '/public/communes' serves the forms of people not signed in (a place registering). */
export function useCommuneSearch(query: string, path: '/communes' | '/public/communes' = '/communes') {
  const q = query.trim();
  return useQuery({
    queryKey: ['communes', path, q] as const,
    queryFn: ({ signal }) => api.get<Commune[]>(path, { signal, query: { q } }),
    enabled: q.length >= 2,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
}
