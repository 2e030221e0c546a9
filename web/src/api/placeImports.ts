import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';

const enc = encodeURIComponent;

export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'rejected';
export interface PlaceImportLine {
  line: number;
  status: ImportStatus;
  externalId: string | null;
  name: string | null;
  field?: string;
  reason?: string;
  notes: { field: string; reason: string }[];
}
export interface PlaceImport {
  id: string;
  fileName: string;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  expected: number;
  processed: number;
  counts: Record<ImportStatus, number>;
  lines: PlaceImportLine[];
  error: string | null;
}

/** Sends the file itself; the import runs on the server, this page then follows it. */
export function useStartPlaceImport(funderId: string) {
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      api.post<{ id: string }>(`/funders/${enc(funderId)}/place-imports`, file, {
        query: { dryRun: String(dryRun), fileName: file.name },
      }),
  });
}

/** An import, asked again every half second while it runs. */
export function usePlaceImport(funderId: string, id: string | null) {
  return useQuery({
    queryKey: ['funders', funderId, 'place-imports', id],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<PlaceImport>(`/funders/${enc(funderId)}/place-imports/${enc(id ?? '')}`, { signal }),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 500 : false),
  });
}
