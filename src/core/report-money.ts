import { applyBps, formatBps, formatCount } from './money.js';

/*
 * The money lines of a programme's report (« Bilan de la période ») that need words as well as
 * figures, worded once for the page, the PDF and the CSV: each is given the date as it writes
 * dates (in words, or 30/09/2026). Pure, and free of anything the browser must not load.
 */

interface ReconciliationFigures {
  to: string;
  passes: { toDate: { usedValueCents: number } };
  money: {
    paidToPlacesToDateCents: number;
    writtenOffToDateCents: number;
    owedToPlacesCents: number;
    recordedAfter: { sessions: number; valueCents: number };
    cancelledAfter: { sessions: number; valueCents: number };
  };
}

/**
 * « Des pass utilisés aux paiements »: the value of the passes used since the start (by session
 * day, as known today) as the ledger explains it, its total first and its parts after it (the
 * last one, « Moins … », taken off). Paid, written off and owed are the three places the ledger
 * puts value used (docs/architecture.md); a remainder written off left out, the parts fell short
 * of the total by it. Worded once: the page, the PDF and the CSV had each their own list.
 */
export function moneyReconciliation(
  r: ReconciliationFigures,
  date: (day: string) => string,
): [[string, number], ...[string, number][]] {
  const m = r.money;
  const end = date(r.to);
  return [
    [`Valeur des pass utilisés jusqu’au ${end}`, r.passes.toDate.usedValueCents],
    [`Payé aux lieux depuis le début, au ${end}`, m.paidToPlacesToDateCents],
    [`Passé en perte depuis le début, au ${end}`, m.writtenOffToDateCents],
    [`Reste dû aux lieux au ${end}`, m.owedToPlacesCents],
    [
      `Séances jusqu’au ${end} enregistrées après cette date (${formatCount(m.recordedAfter.sessions)})`,
      m.recordedAfter.valueCents,
    ],
    [
      `Moins les séances enregistrées au ${end} et annulées depuis (${formatCount(m.cancelledAfter.sessions)})`,
      m.cancelledAfter.valueCents,
    ],
  ];
}

interface ConventionFigures {
  to: string;
  money: {
    recordedAfter: { sessions: number; valueCents: number };
    cancelledAfter: { sessions: number; valueCents: number };
    budget: {
      usedValueCents: number;
      payers: { name: string; owedByRuleCents: number | null; usedShareBps: number | null }[];
    } | null;
  };
}

/**
 * On what a co-funder's due by its convention is counted, when a convention ties one to use.
 * The passes used are counted by the day of their session; the convention, as the call for funds
 * of the same day and the programme's page, by the ledger as of the end (money as recorded by
 * then, docs/architecture.md): a session given in the period and recorded after it is in the
 * first, not in the second, and a session recorded by then and cancelled since the reverse.
 * Both figures stand; these lines say which base the due is computed on and what separates it
 * from the value of the passes used, so that a reader can go from one to the other.
 * Empty without a co-funder whose due follows use.
 */
export function conventionBase(r: ConventionFigures, date: (day: string) => string): [string, number][] {
  const budget = r.money.budget;
  const byUse = budget?.payers.filter((p) => p.usedShareBps !== null && p.owedByRuleCents !== null) ?? [];
  if (!budget || byUse.length === 0) return [];
  const end = date(r.to);
  const { recordedAfter, cancelledAfter } = r.money;
  return [
    [`Valeur des pass utilisés enregistrés au ${end}`, budget.usedValueCents],
    ...(recordedAfter.valueCents > 0
      ? [
          [
            `Non comptées dans cette base : séances jusqu’au ${end} enregistrées après cette date (${formatCount(recordedAfter.sessions)})`,
            recordedAfter.valueCents,
          ] as [string, number],
        ]
      : []),
    ...(cancelledAfter.valueCents > 0
      ? [
          [
            `Comptées dans cette base : séances enregistrées au ${end} et annulées depuis (${formatCount(cancelledAfter.sessions)})`,
            cancelledAfter.valueCents,
          ] as [string, number],
        ]
      : []),
    ...byUse.map((p): [string, number] => {
      const bps = p.usedShareBps!;
      // Its share of the base, unless its part of the budget caps it: then that says so.
      const capped = p.owedByRuleCents! < applyBps(budget.usedValueCents, bps);
      return [
        `${p.name} : ${formatBps(bps)} de cette base${capped ? ', dans la limite de sa part du budget' : ''}`,
        p.owedByRuleCents!,
      ];
    }),
  ];
}
