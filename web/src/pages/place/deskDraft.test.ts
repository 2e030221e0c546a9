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

describe('the desk’s draft, kept for the tab', () => {
  let storage: ReturnType<typeof tabStorage>;
  beforeEach(() => {
    storage = tabStorage();
    vi.stubGlobal('window', { sessionStorage: storage });
  });
  afterEach(() => vi.unstubAllGlobals());

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

  it('forgets what it cannot read back as a session', () => {
    storage.setItem('pn.guichet.seance.lieu-a', '{"theme":"x","durationMinutes":"60","format":"individual"}');
    expect(draftSession('lieu-a')).toBeNull();
    storage.setItem('pn.guichet.seance.lieu-a', '{"theme":"x","durationMinutes":60,"format":"groupe"}');
    expect(draftSession('lieu-a')).toBeNull();
    storage.setItem('pn.guichet.seance.lieu-a', 'pas du JSON');
    expect(draftSession('lieu-a')).toBeNull();
  });

  it('keeps nothing where the browser refuses its storage', () => {
    vi.stubGlobal('window', {
      get sessionStorage(): never {
        throw new Error('SecurityError');
      },
    });
    expect(() => keepDraftSession('lieu-a', WORKSHOP)).not.toThrow();
    expect(draftSession('lieu-a')).toBeNull();
  });
});
