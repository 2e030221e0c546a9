/**
 * A USB barcode scanner is a keyboard: it types a QR code's link a few milliseconds a
 * character, then Entrée (sometimes Tab). A person types ten times slower. What a key ending
 * such a burst means is not what it means after typing: the scanner's Tab must not take the
 * next scan into the date field, nor its Entrée the keyboard away from the code field.
 */
const BURST_KEYS = 8;
/** The last BURST_KEYS characters within this time: 50 ms a character, twice a record typist's pace. */
const BURST_MS = 400;
/** The key that ends the burst comes at most this long after its last character. */
const THEN_MS = 300;

export interface ScanBurst {
  /** A character typed in the field, at `now` (ms). */
  typed(now: number): void;
  /** Whether a key pressed at `now` (Entrée, Tab) comes at the end of a scan. */
  ends(now: number): boolean;
}

export function scanBurst(): ScanBurst {
  const times: number[] = [];
  return {
    typed(now) {
      times.push(now);
      if (times.length > BURST_KEYS) times.shift();
    },
    ends(now) {
      const first = times[0];
      const last = times.at(-1);
      if (times.length < BURST_KEYS || first === undefined || last === undefined) return false;
      return now - last <= THEN_MS && last - first <= BURST_MS;
    },
  };
}
