import type { PaymentRun, TransferStatus } from '../../../api/payments';

export type RunBadge = { label: string; severity: 'info' | 'success' | 'new' | 'warning' };

const FIXED: Record<Exclude<PaymentRun['status'], 'sent'>, RunBadge> = {
  prepared: { label: 'À approuver', severity: 'new' },
  approved: { label: 'Approuvé, à transmettre', severity: 'info' },
  cancelled: { label: 'Annulé', severity: 'warning' },
  rejected: { label: 'Refusé par la banque', severity: 'warning' },
};

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * The run's state as a finance officer reads it. Once sent, a run stays `sent` in the database
 * (the bank's answer is per transfer), and a badge « Transmis » for ever did not say whether the
 * places were paid: the badge follows what the bank's statements showed of its transfers.
 */
export function runBadge(run: Pick<PaymentRun, 'status' | 'transfers'>): RunBadge {
  if (run.status !== 'sent') return FIXED[run.status];
  const of = (status: TransferStatus) => run.transfers.filter((t) => t.status === status).length;
  const [paid, partial, returned] = [of('paid'), of('partial'), of('returned')];
  const total = run.transfers.length;
  if (total > 0 && paid === total) return { label: 'Payé', severity: 'success' };
  if (paid + partial + returned === 0) return { label: 'Transmis à la banque', severity: 'info' };
  const parts = [
    paid > 0 && count(paid, 'payé', 'payés'),
    partial > 0 && count(partial, 'payé en partie', 'payés en partie'),
    returned > 0 && count(returned, 'retourné', 'retournés'),
  ].filter(Boolean);
  return {
    label: `Transmis : ${count(total, 'virement', 'virements')}, ${parts.join(', ')}`,
    severity: partial + returned > 0 ? 'warning' : 'info',
  };
}
