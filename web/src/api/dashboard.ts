import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ProgramDashboard } from './types';

/** Passes of a programme by envelope and stage, and redemptions by month. */
export function useProgramDashboard(programId: string) {
  return useQuery({
    queryKey: keys.programDashboard(programId),
    queryFn: ({ signal }) =>
      api.get<ProgramDashboard>(`/programs/${encodeURIComponent(programId)}/dashboard`, { signal }),
  });
}
