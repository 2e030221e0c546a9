import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftCode, draftSession, keepDraftCode, keepDraftSession } from './deskDraft';

/** The tab's sessionStorage, as a browser keeps it (strings only). */
function tabStorage() {
  const kept = new Map<string, string>();
  return {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, String(v)),
    removeItem: (k: string) => void kept.delete(k),
  };
}

const WORKSHOP = {
  theme: 'Découvrir les usages du numérique',
  durationMinutes: 120,
  format: 'collective',
} as const;

describe('the desk’s draft: the code kept for the tab, the session for the day', () => {
  let storage: ReturnType<typeof tabStorage>;
  /** The browser's localStorage: every tab of the desk's computer shares it. */
  let shared: ReturnType<typeof tabStorage>;
  beforeEach(() => {
    storage = tabStorage();
    shared = tabStorage();
    vi.stubGlobal('window', { sessionStorage: storage, localStorage: shared });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('keeps a half-typed code per place, until the field is emptied', () => {
    keepDraftCode('lieu-a', 'U543');
    expect(draftCode('lieu-a')).toBe('U543');
    expect(draftCode('lieu-b')).toBe('');
    keepDraftCode('lieu-a', '  ');
    expect(draftCode('lieu-a')).toBe('');
  });

  it('keeps a workshop’s session through a reload: the eighth participant’s form starts from it', () => {
    expect(draftSession('lieu-a')).toBeNull();
    keepDraftSession('lieu-a', WORKSHOP);
    expect(draftSession('lieu-a')).toEqual(WORKSHOP);
    // Each place its own: a person serving two does not carry one's workshop to the other.
    expect(draftSession('lieu-b')).toBeNull();
  });

  it('keeps the workshop’s session for a QR code opened in a new tab, for the day only', () => {
    // 10:00 in Paris: the tablet's camera opens each participant's QR code in a new tab.
    vi.useFakeTimers({ now: new Date('2026-03-26T09:00:00Z'), toFake: ['Date'] });
    keepDraftSession('lieu-a', WORKSHOP);
    vi.stubGlobal('window', { sessionStorage: tabStorage(), localStorage: shared });
    expect(draftSession('lieu-a')).toEqual(WORKSHOP);
    // The theme, duration and format only: nothing about the person or the pass.
    expect(JSON.parse(shared.getItem('pn.guichet.seance.lieu-a')!)).toEqual({
      day: '2026-03-26',
      ...WORKSHOP,
    });
    // The next morning the desk starts from the usual defaults.
    vi.setSystemTime(new Date('2026-03-26T23:30:00Z'));
    expect(draftSession('lieu-a')).toBeNull();
  });

  it('forgets what it cannot read back as a session', () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const kept = (v: string) => shared.setItem('pn.guichet.seance.lieu-a', v);
    kept(`{"day":"${today}","theme":"x","durationMinutes":"60","format":"individual"}`);
    expect(draftSession('lieu-a')).toBeNull();
    kept(`{"day":"${today}","theme":"x","durationMinutes":60,"format":"groupe"}`);
    expect(draftSession('lieu-a')).toBeNull();
    // Without its day (as the tab kept it before): not today's.
    kept('{"theme":"x","durationMinutes":60,"format":"individual"}');
    expect(draftSession('lieu-a')).toBeNull();
    kept('pas du JSON');
    expect(draftSession('lieu-a')).toBeNull();
  });

  it('keeps nothing where the browser refuses its storage', () => {
    vi.stubGlobal('window', {
      get sessionStorage(): never {
        throw new Error('SecurityError');
      },
      get localStorage(): never {
        throw new Error('SecurityError');
      },
    });
    expect(() => keepDraftSession('lieu-a', WORKSHOP)).not.toThrow();
    expect(draftSession('lieu-a')).toBeNull();
  });
});
