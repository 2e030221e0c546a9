import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  CreateAmendmentInput,
  CreateEnvelopeInput,
  CreateProgramInput,
  Envelope,
  ProgramDetail,
  ProgramSummary,
  TimelineEntry,
} from './types';

export function useFunderPrograms(funderId: string) {
  return useQuery({
    queryKey: keys.funderPrograms(funderId),
    queryFn: ({ signal }) =>
      api.get<ProgramSummary[]>(`/funders/${encodeURIComponent(funderId)}/programs`, { signal }),
  });
}

/** A new programme: the funder's list is stale (it lives under the funders' key). */
export function useCreateProgram(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgramInput) =>
      api.post<ProgramDetail>(`/funders/${encodeURIComponent(funderId)}/programs`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.funderPrograms(funderId) }),
  });
}

export function useProgram(programId: string, asOf: string) {
  return useQuery({
    queryKey: keys.programAsOf(programId, asOf),
    queryFn: ({ signal }) =>
      api.get<ProgramDetail>(`/programs/${encodeURIComponent(programId)}`, { signal, query: { asOf } }),
    // Keep the page on screen while another date loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

/** A programme changed: every dated view of it and the funder's list are stale. */
function useInvalidateProgram(programId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.program(programId) }),
      queryClient.invalidateQueries({ queryKey: keys.funders }),
    ]);
}

export function useCreateAmendment(programId: string) {
  const invalidate = useInvalidateProgram(programId);
  return useMutation({
    mutationFn: (input: CreateAmendmentInput) =>
      api.post<TimelineEntry>(`/programs/${encodeURIComponent(programId)}/amendments`, input),
    onSuccess: invalidate,
  });
}

export function useCreateEnvelope(programId: string) {
  const invalidate = useInvalidateProgram(programId);
  return useMutation({
    mutationFn: (input: CreateEnvelopeInput) =>
      api.post<Envelope>(`/programs/${encodeURIComponent(programId)}/envelopes`, input),
    onSuccess: invalidate,
  });
}
