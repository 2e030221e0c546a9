/**
 * The exchange between a place and its funder about a statement: every contest and every
 * answer, in order, in the words the place's page and the statement's PDF both use (one rule,
 * so that the document of record says what the page said). Shared with the web app.
 */

/** A statement's event as the API gives it (`at` an instant: text from the API, a Date on the server). */
export interface ExchangeEvent {
  event: string;
  reason: string | null;
  actorLabel: string | null;
  at: string | Date;
}

/** One message of the exchange between the place and its funder about a statement. */
export interface Exchange {
  kind: 'contest' | 'answer';
  /** 1 for the first contest, 2 for the second…; the answer carries its contest's number */
  round: number;
  reason: string | null;
  actorLabel: string | null;
  at: string;
}

/**
 * The contests and the funder's answers, in the order they came (the events are in order):
 * the statement's other steps (issue, approval, payment) are not part of the exchange.
 */
export function contestExchanges(events: readonly ExchangeEvent[]): Exchange[] {
  let round = 0;
  const out: Exchange[] = [];
  for (const e of events) {
    if (e.event !== 'contest' && e.event !== 'answer') continue;
    if (e.event === 'contest') round += 1;
    out.push({
      kind: e.event,
      round: Math.max(round, 1),
      reason: e.reason,
      actorLabel: e.actorLabel,
      at: e.at instanceof Date ? e.at.toISOString() : e.at,
    });
  }
  return out;
}

/**
 * « : « what they wrote » » closing the sentence: a quotation that ends with its own full stop
 * (or ! ? …) takes no second one after the guillemet.
 */
export const quoted = (text: string | null) =>
  text ? ` : « ${text} »${/[.!?…]$/.test(text.trim()) ? '' : '.'}` : '.';

const ordinal = (n: number) => (n === 1 ? '1re' : `${n}e`);

/**
 * One message in words: « Le 3 mars 2026, 2e contestation, par Thomas Petit : « … » »,
 * « Le 5 mars 2026, réponse du financeur (Camille Martin) : « … » ». `day` gives the day of an
 * instant in words.
 */
export function exchangeText(x: Exchange, day: (iso: string) => string): string {
  return x.kind === 'contest'
    ? `Le ${day(x.at)}, ${ordinal(x.round)} contestation${x.actorLabel ? `, par ${x.actorLabel}` : ''}${quoted(x.reason)}`
    : `Le ${day(x.at)}, réponse du financeur${x.actorLabel ? ` (${x.actorLabel})` : ''}${quoted(x.reason)}`;
}
