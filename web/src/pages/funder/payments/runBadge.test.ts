import { describe, expect, it } from 'vitest';
import type { TransferStatus } from '../../../api/payments';
import { runBadge } from './runBadge';

const sent = (...statuses: TransferStatus[]) => ({
  status: 'sent' as const,
  transfers: statuses.map((status) => ({ status })) as never,
});

/** A run sent and paid whole read « Transmis à la banque » for ever, like one the bank had not booked yet. */
describe('runBadge', () => {
  it('says a sent run is paid once the bank booked every transfer', () => {
    expect(runBadge(sent('paid', 'paid'))).toEqual({ label: 'Payé', severity: 'success' });
  });

  it('says it awaits the bank while no transfer is booked', () => {
    expect(runBadge(sent('sent', 'sent'))).toEqual({ label: 'Transmis à la banque', severity: 'info' });
  });

  it('counts what the bank booked so far, in French', () => {
    expect(runBadge(sent('paid', 'sent', 'sent')).label).toBe('Transmis : 3 virements, 1 payé');
    expect(runBadge(sent('paid', 'paid', 'sent')).label).toBe('Transmis : 3 virements, 2 payés');
  });

  it('warns when a transfer was paid in part or came back', () => {
    expect(runBadge(sent('paid', 'partial', 'returned', 'returned'))).toEqual({
      label: 'Transmis : 4 virements, 1 payé, 1 payé en partie, 2 retournés',
      severity: 'warning',
    });
  });

  it('keeps the other states as they are', () => {
    expect(runBadge({ status: 'rejected', transfers: [] }).label).toBe('Refusé par la banque');
    expect(runBadge({ status: 'prepared', transfers: [] }).label).toBe('À approuver');
  });
});
