import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ApiKey, ApiKeyUsage, CreatedApiKey } from './types';

const base = (placeId: string) => `/places/${encodeURIComponent(placeId)}/api-keys`;

export function useApiKeys(placeId: string) {
  return useQuery({
    queryKey: keys.placeApiKeys(placeId),
    queryFn: ({ signal }) => api.get<{ keys: ApiKey[] }>(base(placeId), { signal }),
    select: (r) => r.keys,
  });
}

export function useApiKeyUsage(placeId: string) {
  return useQuery({
    queryKey: keys.placeApiKeyUsage(placeId),
    queryFn: ({ signal }) => api.get<ApiKeyUsage>(`${base(placeId)}/usage`, { signal }),
  });
}

function useInvalidateKeys(placeId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.placeApiKeys(placeId) });
}

export function useCreateApiKey(placeId: string) {
  const invalidate = useInvalidateKeys(placeId);
  return useMutation({
    mutationFn: (input: { label: string }) => api.post<CreatedApiKey>(base(placeId), input),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKey(placeId: string) {
  const invalidate = useInvalidateKeys(placeId);
  return useMutation({
    mutationFn: (keyId: string) => api.post<ApiKey>(`${base(placeId)}/${encodeURIComponent(keyId)}/revoke`),
    onSettled: invalidate,
  });
}
