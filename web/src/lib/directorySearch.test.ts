import { defaultParseSearch } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { directoryAddress, parseDirectorySearch } from './directorySearch';

const PROGRAM = 'c0000000-0000-4000-8000-000000000001';

describe('the address of a programme’s directory', () => {
  it('opens on the commune the booklet was handed out for, the name shown back in its box', () => {
    const href = directoryAddress(PROGRAM, { commune: '80021', nom: 'Amiens (80000)' });
    expect(href.startsWith(`/annuaire/${PROGRAM}?`)).toBe(true);
    // What the directory reads from it, as the router parses an address, is that commune: an
    // INSEE code all digits stays the text it is, not a number the directory would drop.
    const search = defaultParseSearch(href.slice(href.indexOf('?')));
    expect(parseDirectorySearch(search)).toEqual({ commune: '80021', nom: 'Amiens (80000)' });
  });

  it('opens on the whole programme when no commune is known', () => {
    expect(directoryAddress(PROGRAM, {})).toBe(`/annuaire/${PROGRAM}`);
  });
});
