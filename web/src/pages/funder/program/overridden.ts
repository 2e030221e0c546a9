import type { TimelineEntry } from '../../../api/types';
import { fieldLabel } from '../../../lib/labels';

/**
 * What of a deliberation never is in force, in one sentence per overriding deliberation:
 * « Sans effet : « Nombre de pass prévus », que la délibération n° 2026.0600, décidée plus
 * tard, fixe aussi pour le même jour. » Empty when all of it counts.
 */
export function overriddenSentences(
  overridden: TimelineEntry['overridden'],
  /** Undefined for a deliberation the page has not loaded (recorded meanwhile from another tab). */
  numberOf: (id: string) => string | undefined,
): string[] {
  const byDeliberation = new Map<string, string[]>();
  for (const { field, by } of overridden) byDeliberation.set(by, [...(byDeliberation.get(by) ?? []), field]);
  return [...byDeliberation].map(([by, fields]) => {
    const labels = fields.map((f) => `« ${fieldLabel(f)} »`);
    const named = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} et ${labels.at(-1)}` : labels[0];
    const number = numberOf(by);
    const other = number ? `que la délibération n° ${number}` : 'qu’une autre délibération';
    return `Sans effet : ${named}, ${other}, décidée plus tard, fixe aussi pour le même jour.`;
  });
}
