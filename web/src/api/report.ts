import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ProgramReport, ReportPlaces } from './types';

/** A period of the report: 'YYYY-MM-DD' days; left out, the server's defaults (the programme's start, today). */
export interface ReportPeriod {
  from?: string;
  to?: string;
}

const enc = encodeURIComponent;
const query = (period: ReportPeriod) => {
  const q = new URLSearchParams();
  if (period.from) q.set('from', period.from);
  if (period.to) q.set('to', period.to);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/**
 * A programme's report for a period. Under the programme's key: whatever refreshes the
 * programme refreshes its report. The figures of the period before stay on screen while the
 * new ones load, so that the page does not jump at each change of date.
 */
export function useProgramReport(programId: string, period: ReportPeriod) {
  return useQuery({
    queryKey: [...keys.program(programId), 'report', period] as const,
    queryFn: ({ signal }) =>
      api.get<ProgramReport>(`/programs/${enc(programId)}/report${query(period)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The places of the report's period with their sessions and coordinates, for its map. */
export function useReportPlaces(programId: string, period: ReportPeriod) {
  return useQuery({
    queryKey: [...keys.program(programId), 'report', 'places', period] as const,
    queryFn: ({ signal }) =>
      api.get<ReportPlaces>(`/programs/${enc(programId)}/report/places${query(period)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The report as PDF, for the State agency or the assembly (a native download, audited). */
export function programReportPdfUrl(programId: string, period: ReportPeriod): string {
  return `/api/v1/programs/${enc(programId)}/report.pdf${query(period)}`;
}

/** The report's figures as CSV, for a spreadsheet (a native download, audited). */
export function programReportCsvUrl(programId: string, period: ReportPeriod): string {
  return `/api/v1/programs/${enc(programId)}/report.csv${query(period)}`;
}
