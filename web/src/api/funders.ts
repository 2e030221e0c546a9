import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { CreateFunderInput, CreateFunderResult, Funder } from './types';

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
