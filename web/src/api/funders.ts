import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  CreateFunderInput,
  CreateFunderResult,
  Funder,
  FunderSettings,
  FunderSettingsInput,
  TerritoryLevel,
  TerritoryMatch,
  TerritoryRef,
} from './types';

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

/** Territories whose name (or postcode, département number) starts with what was typed. */
export function useTerritorySearch(
  query: string,
  levels: readonly TerritoryLevel[],
  limit = 10,
  /** communes only: those within every group (a booklet's `residenceWithin`) */
  within: readonly TerritoryRef[][] = [],
) {
  const q = query.trim();
  const wanted = levels.join(',');
  const inside = within.map((group) => group.map((t) => `${t.level}:${t.code}`).join(',')).join(';');
  return useQuery({
    queryKey: ['territories', wanted, q, limit, inside] as const,
    queryFn: ({ signal }) =>
      api.get<TerritoryMatch[]>('/territories', {
        signal,
        query: { q, levels: wanted, limit: String(limit), within: inside || undefined },
      }),
    enabled: q.length >= 2,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
}

const settingsKey = (funderId: string) => ['funders', funderId, 'settings'] as const;

export function useFunderSettings(funderId: string) {
  return useQuery({
    queryKey: settingsKey(funderId),
    queryFn: ({ signal }) => api.get<FunderSettings>(`/funders/${funderId}/settings`, { signal }),
  });
}

export function useUpdateFunderSettings(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FunderSettingsInput) =>
      api.patch<FunderSettings>(`/funders/${funderId}/settings`, input),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey(funderId), settings);
      // The funder's territory shows on other pages (funder lists, hand-out checks).
      void queryClient.invalidateQueries({ queryKey: keys.funders, exact: true });
    },
  });
}
