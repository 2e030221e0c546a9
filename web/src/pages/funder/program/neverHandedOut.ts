import { agree, formatCents, formatInt } from '../../../lib/format';

/**
 * « 380 pass jamais remis, dont 330 activés (3 300,00 €) »: only the activated passes carry
 * money, so the value is theirs and the sentence says how many they are (« dont 1 activé »:
 * French counts 1 in the singular).
 */
export function neverHandedOut(n: { passes: number; activePasses: number; valueCents: number }): string {
  const all = `${formatInt(n.passes)} pass jamais remis`;
  if (n.activePasses === n.passes) return `${all} (${formatCents(n.valueCents)})`;
  if (n.activePasses === 0) return `${all} (aucun activé)`;
  const activated = `${formatInt(n.activePasses)} ${agree(n.activePasses, 'activé', 'activés')}`;
  return `${all}, dont ${activated} (${formatCents(n.valueCents)}),`;
}

/** What was carried over, its verb agreed: « 1 pass jamais remis (10,00 €) a été reporté ». */
export function carriedOver(n: { passes: number; activePasses: number; valueCents: number }): string {
  return `${neverHandedOut(n)} ${agree(n.passes, 'a été reporté', 'ont été reportés')}`;
}
