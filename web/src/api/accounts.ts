import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Role } from './types';

interface HeldRole {
  role: Role;
  roleLabel: string;
  /** the team: « Mission locale (Région Hauts-de-France) », or the funder */
  where: string;
}

/** What the helpdesk reads of an address (GET /admin/accounts). */
export interface AccountLookup {
  email: string;
  account: {
    displayName: string;
    createdAt: string;
    disabled: boolean;
    lastSessionAt: string | null;
    lock: { addresses: number; until: string } | null;
    roles: (HeldRole & { since: string })[];
  } | null;
  invitations: (HeldRole & { createdAt: string; expiresAt: string })[];
}

/** Looks an address up once it is asked for (`email` empty: nothing is asked). */
export function useAccountLookup(email: string) {
  return useQuery({
    queryKey: keys.accountLookup(email),
    queryFn: ({ signal }) => api.get<AccountLookup>('/admin/accounts', { signal, query: { email } }),
    enabled: email !== '',
    retry: false,
  });
}
