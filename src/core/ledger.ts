/**
 * The programme's money, in double entry. Accounts (per programme):
 *   payer:<name>  money received from a payer (credit, so negative)
 *   unactivated   funded value not yet backing any pass
 *   outstanding   value of active passes not yet used
 *   redeemed / expired / cancelled  where activated value ended up
 *   paid          value used that the funder has paid to the place (issue 12)
 *   written_off   value used the funder will not pay: the remainder of a partial payment
 *                 written off with a reason (the place agreed to a deduction)
 *   carried_out / carried_in  value of passes never handed out moved to a following programme:
 *                 out of the old programme's circulation, into the new one's (issue 12)
 * Every movement sums to zero within its programme, so funded + carried in = unactivated +
 * activated and activated = outstanding + used + expired + cancelled + carried out hold by
 * construction (carried in/out are 0 unless passes were carried over), where the value
 * used is redeemed + paid + written_off: 'redeemed' is what is still owed to places.
 * Postings to 'redeemed', 'paid' and 'written_off' name the place (the place's claim, per
 * programme: owed = balance of 'redeemed', paid = balance of 'paid', and
 * owed + paid + written_off = value redeemed).
 */
export interface Posting {
  account: string;
  amountCents: number;
  placeId?: string;
}

export const PAYER_PREFIX = 'payer:';

export function fundingMovement(payer: string, amountCents: number): Posting[] {
  return [
    { account: 'unactivated', amountCents },
    { account: `${PAYER_PREFIX}${payer}`, amountCents: -amountCents },
  ];
}

/**
 * The funder renamed (its identity corrected): what it paid moves from its account under the
 * old name to the new one, where its share is matched and later fundings and reversals go.
 */
export function payerRenamedMovement(from: string, to: string, amountCents: number): Posting[] {
  return [
    { account: `${PAYER_PREFIX}${from}`, amountCents },
    { account: `${PAYER_PREFIX}${to}`, amountCents: -amountCents },
  ];
}

/** A funding cancelled by a reversal: its money leaves the account it entered. */
export function fundingReversalMovement(payer: string, amountCents: number): Posting[] {
  return fundingMovement(payer, amountCents).map((p) => ({ ...p, amountCents: -p.amountCents }));
}

/**
 * A funding reversed once no pass circulates: what unactivated and the stock cannot cover is
 * taken back from the value of passes cancelled, then expired. That money backs no pass anyone
 * holds; it leaves the programme with the reversal, so the closure says what each payer paid.
 */
export function reclaimMovement(fromCancelledCents: number, fromExpiredCents: number): Posting[] {
  return [
    { account: 'unactivated', amountCents: fromCancelledCents + fromExpiredCents },
    { account: 'cancelled', amountCents: -fromCancelledCents },
    { account: 'expired', amountCents: -fromExpiredCents },
  ].filter((p) => p.amountCents !== 0);
}

/** Passes still in the funder's stock go back to unactivated when the money behind them is withdrawn. */
export function deactivationMovement(valueCents: number): Posting[] {
  return activationMovement(valueCents).map((p) => ({ ...p, amountCents: -p.amountCents }));
}

export function activationMovement(valueCents: number): Posting[] {
  return [
    { account: 'outstanding', amountCents: valueCents },
    { account: 'unactivated', amountCents: -valueCents },
  ];
}

/** A cancelled redemption: the value leaves the place's 'redeemed' for the account the pass returns to. */
export function redemptionReversal(
  valueCents: number,
  to: 'outstanding' | 'cancelled',
  placeId: string,
): Posting[] {
  return [
    { account: to, amountCents: valueCents },
    { account: 'redeemed', amountCents: -valueCents, placeId },
  ];
}

/** The funder pays a place: the value leaves what is owed to it for what was paid to it. */
export function placePaymentMovement(placeId: string, amountCents: number): Posting[] {
  return [
    { account: 'paid', amountCents, placeId },
    { account: 'redeemed', amountCents: -amountCents, placeId },
  ];
}

/** A payment the bank sent back: its value is owed to the place again. */
export function placeReturnMovement(placeId: string, amountCents: number): Posting[] {
  return [
    { account: 'redeemed', amountCents, placeId },
    { account: 'paid', amountCents: -amountCents, placeId },
  ];
}

/**
 * The funder writes off the remainder of a partial payment (the place agreed to a deduction):
 * the value leaves what is owed to the place without being paid. It stays value used.
 */
export function placeWriteOffMovement(placeId: string, amountCents: number): Posting[] {
  return [
    { account: 'written_off', amountCents, placeId },
    { account: 'redeemed', amountCents: -amountCents, placeId },
  ];
}

/** Passes of a blocked booklet stop circulating: their value is cancelled. */
export function cancellationMovement(valueCents: number): Posting[] {
  return [
    { account: 'cancelled', amountCents: valueCents },
    { account: 'outstanding', amountCents: -valueCents },
  ];
}

/**
 * Passes never handed out carried over to a following programme: two movements, each balanced
 * within its own programme, so each programme's identities hold on their own. In the old
 * programme the value leaves circulation like a cancellation; in the new one it enters
 * circulation from 'carried_in', as money from a payer enters 'unactivated'.
 */
export function carryOverMovements(valueCents: number): { out: Posting[]; in: Posting[] } {
  return {
    out: [
      { account: 'carried_out', amountCents: valueCents },
      { account: 'outstanding', amountCents: -valueCents },
    ],
    in: [
      { account: 'outstanding', amountCents: valueCents },
      { account: 'carried_in', amountCents: -valueCents },
    ],
  };
}

/** Passes whose validity ended unused: their value leaves circulation. */
export function expiryMovement(valueCents: number): Posting[] {
  return [
    { account: 'expired', amountCents: valueCents },
    { account: 'outstanding', amountCents: -valueCents },
  ];
}

export interface Balances {
  fundedCents: number;
  unactivatedCents: number;
  activatedCents: number;
  outstandingCents: number;
  /** The value used: still owed to places, paid to them, or written off (never to be paid). */
  redeemedCents: number;
  /** Of the value used, what was paid to places. */
  paidCents: number;
  expiredCents: number;
  cancelledCents: number;
  /** Value of passes carried over to a following programme (out of this one's circulation). */
  carriedOutCents: number;
  /** Value of passes received from a previous programme (funded + carriedIn = unactivated + activated). */
  carriedInCents: number;
  byPayer: { payer: string; amountCents: number }[];
}

/** Balances from per-account sums (as the database returns them). */
export function balances(sums: { account: string; amountCents: number }[]): Balances {
  const of = (account: string) => sums.find((s) => s.account === account)?.amountCents ?? 0;
  const byPayer = sums
    .filter((s) => s.account.startsWith(PAYER_PREFIX))
    .map((s) => ({ payer: s.account.slice(PAYER_PREFIX.length), amountCents: -s.amountCents }))
    .sort((a, b) => a.payer.localeCompare(b.payer, 'fr'));
  const b = {
    fundedCents: byPayer.reduce((t, p) => t + p.amountCents, 0),
    unactivatedCents: of('unactivated'),
    outstandingCents: of('outstanding'),
    redeemedCents: of('redeemed') + of('paid') + of('written_off'),
    paidCents: of('paid'),
    expiredCents: of('expired'),
    cancelledCents: of('cancelled'),
    carriedOutCents: of('carried_out'),
    carriedInCents: -of('carried_in'),
  };
  return {
    ...b,
    activatedCents:
      b.outstandingCents + b.redeemedCents + b.expiredCents + b.cancelledCents + b.carriedOutCents,
    byPayer,
  };
}
