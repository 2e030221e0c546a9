import { describe, expect, it } from 'vitest';
import { scanBurst } from './scanBurst';

/** Characters typed every `gap` ms from `start`; the time of the last one. */
function typeAt(burst: ReturnType<typeof scanBurst>, count: number, gap: number, start = 1000) {
  for (let i = 0; i < count; i++) burst.typed(start + i * gap);
  return start + (count - 1) * gap;
}

describe('a scanner’s burst of keys at the code field', () => {
  it('ends with the key a scanner sends right after a link typed a few ms a character', () => {
    const burst = scanBurst();
    const last = typeAt(burst, 42, 4);
    expect(burst.ends(last + 5)).toBe(true);
    // A scanner that waits a little before its Entrée or Tab.
    expect(burst.ends(last + 250)).toBe(true);
    // A key pressed long after is the person's.
    expect(burst.ends(last + 1000)).toBe(false);
  });

  it('does not end with a key a person presses after typing a code, however fast', () => {
    const burst = scanBurst();
    expect(burst.ends(typeAt(burst, 14, 90) + 40)).toBe(false);
    // Nothing typed yet, or a few keys only.
    expect(scanBurst().ends(0)).toBe(false);
    const few = scanBurst();
    expect(few.ends(typeAt(few, 5, 4) + 5)).toBe(false);
  });

  it('reads the pace of the last keys: a person typing after a scan is a person', () => {
    const burst = scanBurst();
    const scanned = typeAt(burst, 42, 4);
    expect(burst.ends(typeAt(burst, 8, 120, scanned + 2000) + 50)).toBe(false);
  });
});
