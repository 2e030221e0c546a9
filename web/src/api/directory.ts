import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DirectoryProgram as DirectoryProgramSchema,
  ListedPlace as ListedPlaceSchema,
  PassDirectory as PassDirectorySchema,
  PlaceSearchResult as PlaceSearchResultSchema,
  PublicConfig as PublicConfigSchema,
  PublicPlace as PublicPlaceSchema,
} from '../../../src/modules/directory/schemas';
import { ApiError, api } from './client';

// Types only: the server's schemas are not bundled.
export type DirectoryProgram = z.infer<typeof DirectoryProgramSchema>;
export type ListedPlace = z.infer<typeof ListedPlaceSchema>;
export type PlaceSearchResult = z.infer<typeof PlaceSearchResultSchema>;
export type PassDirectory = z.infer<typeof PassDirectorySchema>;
export type PublicPlace = z.infer<typeof PublicPlaceSchema>;
export type PublicConfig = z.infer<typeof PublicConfigSchema>;

/**
 * What a public link's failed read says about the link: `mangled` when its identifier is not
 * even one (a link cut short in a text message, a character lost: the route's check refused it
 * with a 422 on that parameter), `gone` when no such programme or place is listed (404).
 */
export function brokenLink(error: unknown, param: string): 'mangled' | 'gone' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return 'gone';
  if (error.status === 422 && error.errors.some((e) => e.field === `params.${param}`)) return 'mangled';
  return null;
}

export interface PlaceFilters {
  commune?: string;
  lat?: number;
  lon?: number;
  radiusKm?: number;
  service?: string;
  openNow?: boolean;
}

export function useDirectoryPrograms() {
  return useQuery({
    queryKey: ['public', 'programs'] as const,
    queryFn: ({ signal }) => api.get<DirectoryProgram[]>('/public/programs', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useDirectoryPlaces(programId: string, f: PlaceFilters) {
  return useQuery({
    queryKey: ['public', 'programs', programId, 'places', f] as const,
    queryFn: ({ signal }) =>
      api.get<PlaceSearchResult>(`/public/programs/${programId}/places`, {
        signal,
        query: {
          commune: f.commune,
          lat: f.lat,
          lon: f.lon,
          radiusKm: f.lat !== undefined ? f.radiusKm : undefined,
          service: f.service,
          openNow: f.openNow ? 'true' : undefined,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicPlace(placeId: string) {
  return useQuery({
    queryKey: ['public', 'places', placeId] as const,
    queryFn: ({ signal }) => api.get<PublicPlace>(`/public/places/${placeId}`, { signal }),
  });
}

export function usePublicConfig() {
  return useQuery({
    queryKey: ['public', 'config'] as const,
    queryFn: ({ signal }) => api.get<PublicConfig>('/public/config', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The programme of a pass (canonical code): the way to its places, from its page or a beneficiary's. */
export const passDirectoryQuery = (code: string) =>
  queryOptions({
    queryKey: ['public', 'pass-directory', code] as const,
    queryFn: ({ signal }) =>
      api.get<PassDirectory>(`/public/passes/${encodeURIComponent(code)}/directory`, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The programme of a pass, for « Où utiliser mon pass ? » on its QR landing page; null if unknown. */
export function usePassDirectory(code: string, enabled: boolean) {
  return useQuery({ ...passDirectoryQuery(code), enabled });
}
