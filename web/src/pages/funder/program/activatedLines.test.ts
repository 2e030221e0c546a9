import { describe, expect, it } from 'vitest';
import { balances } from '../../../../../src/core/ledger';
import { activatedLines } from './activatedLines';

const sum = (lines: [string, number][]) => lines.reduce((t, [, cents]) => t + cents, 0);

describe('the activated value by state', () => {
  it('adds up to the total activated, passes carried over to the following programme included', () => {
    // 4,500 € received; 800 € used, 400 € expired, 3,100 € cancelled, 150 € carried over, 50 € left.
    const b = balances([
      { account: 'payer:Région', amountCents: -450_000 },
      { account: 'outstanding', amountCents: 5_000 },
      { account: 'redeemed', amountCents: 80_000 },
      { account: 'expired', amountCents: 40_000 },
      { account: 'cancelled', amountCents: 310_000 },
      { account: 'carried_out', amountCents: 15_000 },
    ]);
    const lines = activatedLines(b);
    expect(lines).toContainEqual(['Reportés sur le dispositif suivant', 15_000]);
    expect(sum(lines)).toBe(b.activatedCents);
  });

  it('has no line for carried passes when none was carried', () => {
    const b = balances([
      { account: 'payer:Région', amountCents: -10_000 },
      { account: 'outstanding', amountCents: 10_000 },
    ]);
    expect(activatedLines(b).map(([label]) => label)).not.toContain('Reportés sur le dispositif suivant');
    expect(sum(activatedLines(b))).toBe(b.activatedCents);
  });
});
