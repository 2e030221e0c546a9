import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../lib/saveFile';
import { api, postForFile } from './client';

const enc = encodeURIComponent;

/** rejected: the bank refused the file carrying it (its run is rejected) */
export type TransferStatus = 'prepared' | 'sent' | 'paid' | 'partial' | 'returned' | 'cancelled' | 'rejected';
export interface PaymentTransfer {
  id: string;
  placeId: string;
  placeName: string;
  programId: string;
  programName: string;
  amountCents: number;
  endToEndId: string;
  iban: string;
  /** the place recorded another account since the run was prepared: the transfer keeps this one */
  accountChangedSince: boolean;
  /** the day the place recorded the account paid */
  accountRecordedOn: string;
  /** the account replaced an earlier one of the place within the 30 days before the run */
  accountNew: boolean;
  /** the other places whose current account has the same IBAN, but those of the same SIREN */
  accountSharedWith: string[];
  statementNumbers: string[];
  status: TransferStatus;
  paidCents: number | null;
  paidOn: string | null;
  /** the bank sent it back: the day, and its ISO 20022 reason */
  returnedOn: string | null;
  returnReason: string | null;
  /** a complement: the end-to-end id of the transfer paid in part or returned whose remainder it pays */
  complementOf: string | null;
  /** a complement that sends a returned transfer again whole, not the rest of a partial one */
  sentAgain: boolean;
  /** a transfer paid in part: what is left to pay, and what the funder wrote off */
  remainderCents: number;
  /** what writing the rest off would take now: netted with the statements below zero since */
  writeOffCents: number;
  writtenOffCents: number;
}
export interface PaymentRun {
  id: string;
  /** rejected: the bank refused its whole file; its statements go into the next run */
  status: 'prepared' | 'approved' | 'sent' | 'cancelled' | 'rejected';
  messageId: string;
  requestedExecutionDate: string;
  /** once sent: the day its file asks the bank for (the next bank business day if the requested one had passed) */
  sentExecutionDate: string | null;
  totalCents: number;
  transferCount: number;
  preparedBy: string | null;
  preparedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  sentAt: string | null;
  cancelledAt: string | null;
  /** the bank refused its whole file: when it was recorded, by whom, and the bank's reason */
  rejectedAt: string | null;
  rejectedBy: string | null;
  rejectionReason: string | null;
  /** the funder recorded another account since: the run debits the one it was prepared with */
  debtorAccountChangedSince: boolean;
  mayApprove: boolean;
  approveBlockedReason: string | null;
  transfers: PaymentTransfer[];
}
export type LineOutcome = 'matched' | 'partial' | 'returned' | 'unmatched' | 'ignored';
export interface BankLine {
  id: number;
  line: number;
  endToEndId: string | null;
  amountCents: number;
  debit: boolean;
  bookingDate: string | null;
  label: string;
  outcome: LineOutcome;
  reason: string | null;
  transferId: string | null;
  placeName: string | null;
  expectedCents: number | null;
  decision: 'accept' | 'reject' | 'dismiss' | null;
  decidedAt: string | null;
  /** a line of another amount whose transfer another line reconciled since: only set aside */
  transferSettledSince: boolean;
}
export interface BankImport {
  id: string;
  format: 'camt053' | 'csv';
  fileName: string;
  importedAt: string;
  importedBy: string | null;
  counts: Record<LineOutcome, number>;
  pending: number;
  /** lines reconciled: matched, or accepted by a person afterwards */
  reconciled: number;
  /** lines of another amount (or above their transfer) a person accepted */
  accepted: number;
  lines: BankLine[];
}
export interface Remainder {
  endToEndId: string;
  placeName: string;
  statementNumbers: string[];
  remainderCents: number;
}
/** A complement as the next run would send it: its remainder netted with the statements since. */
export interface PlannedComplement extends Remainder {
  carriedNumbers: string[];
  amountCents: number;
}
export interface PaymentsOverview {
  fourEyes: boolean;
  adminCount: number;
  debtorAccount: { iban: string; holder: string } | null;
  payable: {
    statements: number;
    totalCents: number;
    placesWithoutAccount: string[];
    /** remainders of transfers paid in part or returned, which the next run pays by a complement */
    complements: PlannedComplement[];
    /** complements netted to zero or below by statements since: they wait for the place's next ones */
    heldByNetting: PlannedComplement[];
    /** remainders of transfers the bank sent back, held until the place records a bank account */
    awaitingAccount: Remainder[];
    /** places the bank sent a transfer back from: nothing sent to them until they record an account anew */
    placesAwaitingAccount: string[];
  };
  runs: PaymentRun[];
  imports: Omit<BankImport, 'lines'>[];
}

const key = (funderId: string) => ['funders', funderId, 'payments'];

export function usePayments(funderId: string) {
  return useQuery({
    queryKey: key(funderId),
    queryFn: ({ signal }) => api.get<PaymentsOverview>(`/funders/${enc(funderId)}/payments`, { signal }),
  });
}

function useRefresh(funderId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key(funderId) });
}

export function usePrepareRun(funderId: string) {
  const refresh = useRefresh(funderId);
  return useMutation({
    mutationFn: () => api.post<PaymentRun>(`/funders/${enc(funderId)}/payment-runs`, {}),
    onSuccess: refresh,
  });
}

export function useRunAction(funderId: string) {
  const refresh = useRefresh(funderId);
  return useMutation({
    mutationFn: ({
      runId,
      action,
      confirmAccountsChecked,
    }: {
      runId: string;
      action: 'approve' | 'cancel';
      /** approving a run whose accounts are to check (accountNew, accountSharedWith) */
      confirmAccountsChecked?: boolean;
    }) =>
      api.post<PaymentRun>(
        `/funders/${enc(funderId)}/payment-runs/${enc(runId)}/${action}`,
        confirmAccountsChecked ? { confirmAccountsChecked } : undefined,
      ),
    onSuccess: refresh,
  });
}

/** Records that the bank refused the run's whole file, with its reason: its statements go into the next run. */
export function useRejectRun(funderId: string) {
  const refresh = useRefresh(funderId);
  return useMutation({
    mutationFn: ({ runId, reason }: { runId: string; reason: string }) =>
      api.post<PaymentRun>(`/funders/${enc(funderId)}/payment-runs/${enc(runId)}/reject`, { reason }),
    onSuccess: refresh,
  });
}

/** Writes off the remainder of a transfer paid in part, with its reason. */
export function useWriteOff(funderId: string) {
  const refresh = useRefresh(funderId);
  return useMutation({
    mutationFn: ({ transferId, reason }: { transferId: string; reason: string }) =>
      api.post<PaymentTransfer>(`/funders/${enc(funderId)}/payment-transfers/${enc(transferId)}/write-off`, {
        reason,
      }),
    onSuccess: refresh,
  });
}

/** Fetches the run's SEPA file and saves it (the first download sends the run). */
export function useSepaDownload(funderId: string) {
  const refresh = useRefresh(funderId);
  return useMutation({
    mutationFn: async (runId: string) => {
      const { blob, fileName } = await postForFile(
        `/funders/${enc(funderId)}/payment-runs/${enc(runId)}/sepa`,
      );
      saveFile(blob, fileName);
    },
    onSuccess: refresh,
  });
}

export function useImportBankStatement(funderId: string) {
  const refresh = useRefresh(funderId);
  return useMutation({
    mutationFn: ({ file, format }: { file: File; format: 'camt053' | 'csv' }) =>
      api.post<BankImport>(`/funders/${enc(funderId)}/bank-imports`, file, {
        query: { format, fileName: file.name.slice(0, 200) },
      }),
    onSuccess: refresh,
  });
}

export function useBankImport(funderId: string, id: string | null) {
  return useQuery({
    queryKey: [...key(funderId), 'imports', id],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<BankImport>(`/funders/${enc(funderId)}/bank-imports/${enc(id ?? '')}`, { signal }),
  });
}

export function useDecideLine(funderId: string, importId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      lineId,
      decision,
      reason,
    }: {
      lineId: number;
      decision: 'accept' | 'reject' | 'dismiss';
      /** required to reject or dismiss: kept in the journal */
      reason?: string;
    }) =>
      api.post<BankImport>(
        `/funders/${enc(funderId)}/bank-imports/${enc(importId)}/lines/${lineId}/decision`,
        { decision, ...(reason && { reason }) },
      ),
    onSuccess: (report) => {
      client.setQueryData([...key(funderId), 'imports', importId], report);
      return client.invalidateQueries({ queryKey: key(funderId) });
    },
  });
}

/**
 * A transfer to the place as its bank statement shows it (`listPlaceTransfers`): the reference
 * and remittance text its SEPA file carried, the account paid by its last four characters.
 */
export interface PlaceTransfer {
  id: string;
  funderId: string;
  funderName: string;
  programId: string;
  programName: string;
  /** the day (Paris) its file was sent to the bank, YYYY-MM-DD */
  sentOn: string;
  /** the day that file asked the bank to execute it */
  executionDate: string | null;
  /** sent: not shown by the funder's bank yet; paid or paid in part on `paidOn`; returned by the place's bank */
  status: 'sent' | 'paid' | 'partial' | 'returned';
  amountCents: number;
  paidCents: number | null;
  paidOn: string | null;
  returnedOn: string | null;
  returnReason: string | null;
  /** the reason in words (« compte clôturé »), for a transfer returned */
  returnReasonLabel: string | null;
  /** the bank's reference of the transfer (EndToEndId) */
  endToEndId: string;
  /** the remittance text as the file carried it */
  remittance: string;
  /** who pays, as the file named it */
  payerName: string;
  /** the last four characters of the IBAN paid */
  ibanEnd: string;
  /** the statements it pays */
  statements: { id: string; number: string }[];
}

/** The transfers the place's funders sent it in a period, the most recent first. */
export function usePlaceTransfers(placeId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['payments', 'place', placeId, 'transfers', from, to] as const,
    queryFn: ({ signal }) =>
      api.get<{ from: string; to: string; transfers: PlaceTransfer[] }>(`/places/${enc(placeId)}/transfers`, {
        signal,
        query: { from, to },
      }),
  });
}

/** The same list as CSV, for the place's treasurer (a plain link, with the session cookie). */
export const placeTransfersCsvUrl = (placeId: string, from: string, to: string) =>
  `/api/v1/places/${enc(placeId)}/transfers.csv?from=${from}&to=${to}`;
