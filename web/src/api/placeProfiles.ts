import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { useStoreSession } from './session';
import type { Session } from './types';

/** A place's name, commune and description in the national standard, as the API takes them. */
export interface PlaceProfileInput {
  name: string;
  communeCode: string;
  address: string;
  addressComplement: string | null;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: string | null;
  services: string[];
  publics: string[];
  specificSupport: string[];
  accessModes: string[];
  supportModes: string[];
  fees: string[];
  phone: string | null;
  email: string | null;
  website: string | null;
  accessibilityUrl: string | null;
  summary: string | null;
  description: string | null;
}

export type PlaceProfile = Omit<PlaceProfileInput, 'name' | 'communeCode'> & { updatedAt: string };

export interface PlaceWithProfile {
  placeId: string;
  name: string;
  siret: string | null;
  communeCode: string | null;
  communeName: string | null;
  /** null until the place's admin completes it (a place a funder created) */
  profile: PlaceProfile | null;
}

export interface PlaceRegistrationInput extends PlaceProfileInput {
  siret: string;
  funderIds: string[];
  admin: { displayName: string; email: string; password: string };
}

/** Another site of the place's structure: described as a registration, under the place's SIRET. */
export interface PlaceSiteInput extends PlaceProfileInput {
  funderIds: string[];
}

const profileKey = (placeId: string) => ['places', placeId, 'profile'] as const;

/** Every funder by name, for a place choosing whose passes it takes (public). */
/** The funders a place may choose: of its commune's territory once it has one (INSEE code). */
export function usePublicFunders(communeCode = '') {
  return useQuery({
    queryKey: ['public', 'funders', communeCode] as const,
    queryFn: ({ signal }) =>
      api.get<{ funders: { id: string; name: string }[] }>(
        communeCode ? `/public/funders?commune=${encodeURIComponent(communeCode)}` : '/public/funders',
        { signal },
      ),
    staleTime: 5 * 60_000,
    // The last list stays in the form while another commune's loads (no empty group meanwhile).
    placeholderData: keepPreviousData,
  });
}

/** A place registered and its admin signed in (a server without e-mail, or the link followed). */
export type Registered = Session & { placeId: string };
/** A server that sends e-mail: nothing is created until the link sent to the admin is followed. */
export interface RegistrationPending {
  sentByEmail: true;
  message: string;
}

export const isPending = (answer: Registered | RegistrationPending): answer is RegistrationPending =>
  'sentByEmail' in answer;

/**
 * Registers the place. Signed in at once on a server that sends no e-mail (the session is
 * stored like a sign-in's); otherwise the answer says a link was sent to confirm the address.
 */
export function useRegisterPlace() {
  const store = useStoreSession();
  return useMutation({
    mutationFn: (input: PlaceRegistrationInput) =>
      api.post<Registered | RegistrationPending>('/public/place-registrations', input),
    onSuccess: (answer) => {
      if (!isPending(answer)) store(answer);
    },
  });
}

/** The e-mailed link followed: the place and its admin's account are created, signed in. */
export function useConfirmPlaceRegistration() {
  const store = useStoreSession();
  return useMutation({
    mutationFn: (token: string) => api.post<Registered>('/public/place-registrations/confirm', { token }),
    onSuccess: (session) => store(session),
  });
}

export function usePlaceProfile(placeId: string) {
  return useQuery({
    queryKey: profileKey(placeId),
    queryFn: ({ signal }) => api.get<PlaceWithProfile>(`/places/${placeId}/profile`, { signal }),
  });
}

export function useSavePlaceProfile(placeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlaceProfileInput) => api.put<PlaceWithProfile>(`/places/${placeId}/profile`, input),
    onSuccess: (saved) => queryClient.setQueryData(profileKey(placeId), saved),
  });
}

/**
 * The place's admin adds another site of its structure (`POST /places/{placeId}/sites`), of
 * which it becomes the admin: the session is read again to hold the new site, « Mes lieux » too.
 */
export function useAddPlaceSite(placeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlaceSiteInput) => api.post<PlaceWithProfile>(`/places/${placeId}/sites`, input),
    onSuccess: (site) => {
      queryClient.setQueryData(profileKey(site.placeId), site);
      void queryClient.invalidateQueries({ queryKey: keys.session });
      void queryClient.invalidateQueries({ queryKey: ['my-places'] });
    },
  });
}
