import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
    /** since when it is disabled, null when it is enabled */
    disabledAt: string | null;
    /** when it last signed in (also after signing out), null if it never did */
    lastSessionAt: string | null;
    lock: { addresses: number; until: string } | null;
    roles: (HeldRole & { since: string })[];
  } | null;
  /** not accepted nor withdrawn, the latest first, expired ones too (`expired`) */
  invitations: (HeldRole & { createdAt: string; expiresAt: string; expired: boolean })[];
  /** whether « Mot de passe oublié ? » e-mails a link (SMTP configured) */
  resetByEmail: boolean;
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

/** What disabling an account did (POST /admin/accounts/disable). */
export interface AccountDisabled {
  email: string;
  disabledAt: string;
  endedSessions: number;
  spentResetLinks: number;
  /** invitations it sent that nobody had accepted, withdrawn with it (API 1.33.0) */
  withdrawnInvitations: number;
}

/** Disables an account (with the reason) or enables it again; the lookups are read again after. */
export function useAccountAccess() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.accountLookups });
  const disable = useMutation({
    mutationFn: (input: { email: string; reason: string }) =>
      api.post<AccountDisabled>('/admin/accounts/disable', input),
    onSettled: refresh,
  });
  const enable = useMutation({
    mutationFn: (email: string) => api.post<{ email: string }>('/admin/accounts/enable', { email }),
    onSettled: refresh,
  });
  return { disable, enable };
}
