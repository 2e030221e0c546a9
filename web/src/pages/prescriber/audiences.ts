import type { Audience, ProgramSummary, StockBooklet } from '../../api/types';
import { normalizeSerial } from '../../lib/serial';

export interface AudienceChoice {
  audiences: Audience[];
  /** the programme of the typed booklet, once the serial matches one in stock */
  programName?: string;
}

/**
 * The publics to offer for a hand-out: those of the typed booklet's programme once the
 * serial matches the stock, else those of every programme the stock holds booklets of (never
 * those of a programme it holds none of, a closed one say).
 * The server checks the public against the booklet's programme in any case.
 */
export function audienceChoice(
  serial: string,
  booklets: StockBooklet[],
  programs: ProgramSummary[],
): AudienceChoice {
  const booklet = booklets.find((b) => b.serial === normalizeSerial(serial));
  const ids = new Set(booklet ? [booklet.programId] : booklets.map((b) => b.programId));
  const held = programs.filter((p) => ids.has(p.id));
  const byCode = new Map<string, Audience>();
  for (const a of held.flatMap((p) => p.state?.audiences ?? []))
    if (!byCode.has(a.code)) byCode.set(a.code, a);
  return { audiences: [...byCode.values()], programName: booklet ? held[0]?.name : undefined };
}
