import type { TimelineEntry } from '../../../api/types';
import { fieldLabel } from '../../../lib/labels';

/** What of a deliberation the sentences need: its kind, its decision and what was set again. */
type Overridden = Pick<TimelineEntry, 'kind' | 'legal' | 'overridden'>;

/**
 * What of a deliberation a later one sets again for its own day, in one sentence per later
 * deliberation, saying what it changed rather than that the first is void: a founding
 * deliberation whose distribution start an amendment moves from day one still founded the
 * programme. « La délibération n° 2026.0600, décidée plus tard, fixe aussi « Nombre de pass
 * prévus » pour le même jour : c’est sa valeur qui compte. » Empty when all of it counts.
 * Why the other one applies after this one is said only where it is so: the creation comes
 * first on its day, then the earlier decision (two decided the same day go by their numbers).
 */
export function overriddenSentences(
  entry: Overridden,
  /** Undefined for a deliberation the page has not loaded (recorded meanwhile from another tab). */
  entryOf: (id: string) => Pick<TimelineEntry, 'legal'> | undefined,
): string[] {
  const byDeliberation = new Map<string, string[]>();
  for (const { field, by } of entry.overridden)
    byDeliberation.set(by, [...(byDeliberation.get(by) ?? []), field]);
  return [...byDeliberation].map(([by, fields]) => {
    const labels = fields.map((f) => `« ${fieldLabel(f)} »`);
    const named = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} et ${labels.at(-1)}` : labels[0];
    const counts = labels.length > 1 ? 'ce sont ses valeurs qui comptent' : 'c’est sa valeur qui compte';
    const other = entryOf(by);
    const who = other ? `La délibération n° ${other.legal.number}` : 'Une autre délibération';
    if (entry.kind === 'creation') return `${who} modifie ${named} dès le même jour : ${counts}.`;
    const why =
      other && other.legal.decidedOn > entry.legal.decidedOn
        ? 'décidée plus tard'
        : 'qui s’applique après celle-ci';
    return `${who}, ${why}, fixe aussi ${named} pour le même jour : ${counts}.`;
  });
}

/** The badge of a deliberation some of whose changes a later one sets again for its day. */
export function overriddenBadge(entry: Pick<TimelineEntry, 'overridden' | 'changedFields'>): string | null {
  if (entry.overridden.length === 0) return null;
  // None of it ever applied: that is what « Sans effet » says, and it is so.
  return entry.overridden.length === entry.changedFields.length
    ? 'Sans effet'
    : 'En partie modifiée le jour même';
}
