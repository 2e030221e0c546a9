/**
 * The funder's dashboard of a programme: counts of passes per envelope, from the
 * plan to what became of them. Pure: the figures come from the database, the
 * arithmetic (what is planned outside envelopes, what remains to issue) lives here.
 */
export interface PassCounts {
  issued: number;
  activated: number;
  allocated: number;
  handedOut: number;
  redeemed: number;
  expired: number;
  cancelled: number;
  /** Handed out, valid, not used yet: the passes people hold today. */
  outstanding: number;
}

export interface DashboardRow extends PassCounts {
  envelopeId: string | null;
  name: string;
  planned: number;
  /** Still to issue within the plan (never negative). */
  remaining: number;
}

export const NO_ENVELOPE = 'Hors enveloppe';

const ZERO: PassCounts = {
  issued: 0,
  activated: 0,
  allocated: 0,
  handedOut: 0,
  redeemed: 0,
  expired: 0,
  cancelled: 0,
  outstanding: 0,
};

function row(envelopeId: string | null, name: string, planned: number, counts: PassCounts): DashboardRow {
  return { envelopeId, name, planned, ...counts, remaining: Math.max(0, planned - counts.issued) };
}

function add(a: PassCounts, b: PassCounts): PassCounts {
  const sum = { ...a };
  for (const k of Object.keys(ZERO) as (keyof PassCounts)[]) sum[k] += b[k];
  return sum;
}

/**
 * One row per envelope in force, one for the passes outside any envelope (planned:
 * `outsidePlanned`, what the envelopes leave of the programme's plan on every day from the
 * dashboard's, as issuing allows it; by default what those in force leave), and the total.
 */
export function dashboardRows(
  plannedPasses: number,
  envelopes: { id: string; name: string; cap: number }[],
  counts: Map<string | null, PassCounts>,
  outsidePlanned = Math.max(0, plannedPasses - envelopes.reduce((t, e) => t + e.cap, 0)),
): { rows: DashboardRow[]; total: DashboardRow } {
  const rows = envelopes.map((e) => row(e.id, e.name, e.cap, counts.get(e.id) ?? ZERO));
  const outside = counts.get(null) ?? ZERO;
  if (outsidePlanned > 0 || outside.issued > 0) {
    rows.push(row(null, NO_ENVELOPE, outsidePlanned, outside));
  }
  const all = [...counts.values()].reduce(add, ZERO);
  return { rows, total: row(null, 'Total', plannedPasses, all) };
}
