import { formatInt } from '../../../lib/format';

/** « 1 séance », « 12 séances ». */
export const sessionsText = (n: number) => `${formatInt(n)} ${n > 1 ? 'séances' : 'séance'}`;

/** The smallest and largest discs of the map, in px: a number stays legible on the smallest. */
const SMALLEST = 26;
const LARGEST = 56;

/**
 * A place's disc, its area in proportion to its sessions (the eye compares areas, not
 * diameters), between the smallest and the largest size.
 */
export function markerSize(sessions: number, most: number): number {
  const share = most > 0 ? Math.sqrt(sessions / most) : 0;
  return Math.round(SMALLEST + (LARGEST - SMALLEST) * share);
}
