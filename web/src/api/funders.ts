import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { regionName, territoryKey } from '../lib/residenceArea';
import { api } from './client';
import { keys } from './keys';
import type {
  CreateFunderInput,
  CreateFunderResult,
  Funder,
  FunderIdentityInput,
  FunderSettings,
  FunderSettingsInput,
  PrivacyNotice,
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

/** The operator's correction of a funder's name, kind or SIRET. */
export function useCorrectFunderIdentity(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FunderIdentityInput) => api.patch<Funder>(`/funders/${funderId}`, input),
    // Everything read under the funder, and the accounts the helpdesk has open on the same page,
    // whose teams are named by their funder: the new name shows at once, not at the next reload.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.funders }),
        queryClient.invalidateQueries({ queryKey: keys.accountLookups }),
      ]),
  });
}

/** Territories whose name (or postcode, département number) starts with what was typed. */
/** The longest search /territories takes (TerritoryQuery's `q`): longer, it answers 422. */
export const TERRITORY_QUERY_MAX = 100;

export function useTerritorySearch(
  query: string,
  levels: readonly TerritoryLevel[],
  limit = 10,
  /** only the territories within every group (a booklet's `residenceWithin`, a funder's territory) */
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

/**
 * How to name a territory known by its code through the territory search: a département by its
 * number, a commune by the first digits of its postcodes (its département's, « 20 » in Corsica),
 * the search kept to that very commune. An EPCI is found by its name only: none.
 */
function nameSearch(t: TerritoryRef): Record<string, string> | null {
  if (t.level === 'departement') return { q: t.code, levels: 'departement', limit: '1' };
  if (t.level === 'commune')
    return {
      q: /^2[ab]/i.test(t.code) ? '20' : t.code.slice(0, 2),
      levels: 'commune',
      limit: '1',
      within: `commune:${t.code}`,
    };
  return null;
}

/**
 * The names of territories known by their codes (a stock booklet's `residenceWithin`), by key
 * « departement:80 »: « Somme (80) », « Amiens (80000) », « Hauts-de-France ». A région is named
 * from the official list the app carries; an EPCI, or a territory not (yet) found, has none.
 */
export function useTerritoryNames(refs: readonly TerritoryRef[]): ReadonlyMap<string, string> {
  const searched = refs.filter((t) => nameSearch(t));
  return useQueries({
    queries: searched.map((t) => {
      const query = nameSearch(t)!;
      return {
        queryKey: ['territories', 'name', t.level, t.code] as const,
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<TerritoryMatch[]>('/territories', { signal, query }),
        staleTime: Number.POSITIVE_INFINITY,
      };
    }),
    combine: (results) => {
      const names = new Map<string, string>();
      for (const t of refs)
        if (t.level === 'region') {
          const name = regionName(t.code);
          if (name) names.set(territoryKey(t), name);
        }
      results.forEach((r, i) => {
        const t = searched[i]!;
        const found = r.data?.find((m) => m.level === t.level && m.code === t.code);
        // « Somme (80) — département » → « Somme (80) »: the level goes without saying here.
        if (found) names.set(territoryKey(t), found.label.replace(/ — [^—]+$/, ''));
      });
      return names;
    },
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
      // The notice shows the contact and the retention period.
      void queryClient.invalidateQueries({ queryKey: privacyKey(funderId) });
      // The funder's territory shows on other pages (funder lists, hand-out checks).
      void queryClient.invalidateQueries({ queryKey: keys.funders, exact: true });
    },
  });
}

const privacyKey = (funderId: string) => ['funders', funderId, 'privacy-notice'] as const;

/** What a person is told of their data at hand-out: the prescriber's desk shows and prints it. */
export function usePrivacyNotice(funderId: string | null) {
  return useQuery({
    queryKey: privacyKey(funderId ?? ''),
    queryFn: ({ signal }) => api.get<PrivacyNotice>(`/funders/${funderId}/privacy-notice`, { signal }),
    enabled: funderId !== null,
  });
}
