import { cofunderShares, shareOut, valueUsedCents } from '../../core/cofunding.js';
import { businessDate } from '../../core/dates.js';
import { balances } from '../../core/ledger.js';
import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as ledger from '../ledger/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import { outcomeOf } from './carry-over.js';
import { endDates } from './end-of-programme.js';
import * as repo from './repo.js';

/**
 * A programme's closure summary: its end dates, its passes (issued, used, expired, cancelled,
 * still out), its money (used, owed to places, paid, expired and cancelled value back to the
 * funder) and, per payer, what to return to it. The money received but never activated backed
 * no pass, so no payer's rule claims it: it goes back in proportion to what each paid. A
 * co-funder whose convention ties it to the passes used (the State pays 50 % of them) owes that
 * share and no more: it gets back all it paid beyond it, the value of passes expired or
 * cancelled included (which came back to the funder), not only its part of the money never
 * activated; the co-funders' shares say the same (« versé en plus »).
 * The money as of the end of `asOf`; the passes as they stand now (their states have no date).
 * Passes never handed out carried over to a following programme are that programme's now:
 * here they show as carried over (to which programme, or why it could not take them), there
 * as received.
 */
export async function closureSummary(db: Queryable, actor: Actor, programId: string, asOf = businessDate()) {
  const view = await programs.get(db, actor, programId, asOf, 'finance:read');
  const sums = await ledger.accountSumsAsOf(db, programId, asOf);
  const b = balances(sums);
  const counts = await passes.statusCounts(db, programId);
  const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  const usedCents = valueUsedCents(sums);
  const sumOf = (account: string) => sums.find((s) => s.account === account)?.amountCents ?? 0;
  // Used = still owed + paid + written off: a rest written off is never to be paid, so it is
  // not owed (the payables say the same).
  const [owedCents, paidCents, writtenOffCents] = [sumOf('redeemed'), sumOf('paid'), sumOf('written_off')];
  const moves = await repo.carryOversOf(db, programId);
  const nameOf = (id: string) => programs.nameOf(db, id, asOf);
  const out = moves.find((m) => m.fromProgramId === programId) ?? null;
  const received = moves.filter((m) => m.toProgramId === programId && m.refusal === null);
  const neverActivated = shareOut(
    Math.max(0, b.unactivatedCents),
    b.byPayer.map((p) => Math.max(0, p.amountCents)),
  );
  const shares = view.state ? cofunderShares(view.state, usedCents, b.byPayer) : [];
  const byUse = (payer: string) => shares.find((s) => s.name === payer && s.basis === 'used');
  return {
    programId,
    asOf,
    status: view.status,
    dates: view.state ? endDates(view.state) : null,
    // A pass keeps its state, not its history: its counts are today's, and say so, whatever
    // `asOf` (to which the money, read from the ledger, is).
    passesOn: businessDate(),
    passes: {
      issued: counts.reduce((t, c) => t + c.n, 0),
      used: count('redeemed'),
      expired: count('expired'),
      cancelled: count('cancelled'),
      outstanding: count('active'),
      notActivated: count('issued'),
      // Carried over to the following programme: no longer this programme's (not in `issued`).
      carriedOut: out && out.refusal === null ? out.passes : 0,
      // Received from a previous programme: counted in `issued` and the states above.
      carriedIn: received.reduce((t, m) => t + m.passes, 0),
    },
    money: {
      fundedCents: b.fundedCents,
      usedCents,
      owedCents,
      paidCents,
      writtenOffCents,
      expiredCents: b.expiredCents,
      cancelledCents: b.cancelledCents,
      outstandingCents: b.outstandingCents,
      unactivatedCents: b.unactivatedCents,
      carriedOutCents: b.carriedOutCents,
      carriedInCents: b.carriedInCents,
    },
    carryOver: out ? await outcomeOf(out, nameOf) : null,
    received: await Promise.all(
      received.map(async (m) => ({
        from: await nameOf(m.fromProgramId),
        carriedOn: m.carriedOn,
        passes: m.passes,
        valueCents: m.valueCents,
      })),
    ),
    byPayer: b.byPayer.map((p, i) => {
      const share = byUse(p.payer);
      return {
        payer: p.payer,
        receivedCents: p.amountCents,
        neverActivatedCents: neverActivated[i]!,
        // Its share by its convention, for a co-funder tied to the passes used; else null.
        shareCents: share ? share.owedCents : null,
        toReturnCents: share ? Math.max(0, -share.balanceCents) : neverActivated[i]!,
      };
    }),
  };
}
