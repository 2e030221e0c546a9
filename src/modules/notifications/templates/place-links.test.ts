import { describe, expect, it } from 'vitest';
import { EXAMPLE_MESSAGES } from '../examples.js';
import { render } from './index.js';
import type { MessageInput } from './types.js';

/*
 * A coordinator serving two places opened « Consulter vos relevés » from the e-mail about one
 * place's statement and saw the statements of the other, the one last chosen in the browser: the
 * links into the place's pages (/lieu…) named no place. Every one now names it (?lieu=<id>).
 */
const ctx = { publicUrl: 'https://pass.example.gouv.fr' };
const placeId = '7c1e2a9b-4d3f-4e8a-9b1c-2d3e4f5a6b7c';

/** The examples of messages to a place, as the services now enqueue them: with the place. */
function toPlace(m: MessageInput): MessageInput | null {
  if (m.template === 'usage_end_reminder')
    return { ...m, params: { ...m.params, audience: 'place', placeId } };
  if (m.template === 'safeguard_changed')
    return {
      ...m,
      params: { ...m.params, audience: 'place', change: 'bank_account', ibanEnd: '0189', placeId },
    };
  return 'placeName' in m.params && 'funderName' in m.params
    ? ({ ...m, params: { ...m.params, placeId } } as MessageInput)
    : null;
}
const toPlaces = (EXAMPLE_MESSAGES as readonly MessageInput[])
  .map(toPlace)
  .filter((m): m is MessageInput => m !== null);

const placeLinks = (m: MessageInput) =>
  [...render(m.template, m.params as never, ctx).text.matchAll(/https:\/\/\S+/g)]
    .map(([url]) => new URL(url))
    .filter((url) => url.pathname === '/lieu' || url.pathname.startsWith('/lieu/'));

describe('the links of the messages to a place', () => {
  it.each(toPlaces.map((m) => [m.template, m] as const))('%s names the place in its link', (_, m) => {
    const links = placeLinks(m);
    expect(links.length).toBeGreaterThan(0);
    for (const url of links) expect(url.searchParams.get('lieu')).toBe(placeId);
  });

  it('keeps the link it had in a message queued before the place was kept with it', () => {
    const [ready] = (EXAMPLE_MESSAGES as readonly MessageInput[]).filter(
      (m) => m.template === 'statement_ready',
    );
    expect(placeLinks(ready!).map(String)).toEqual(['https://pass.example.gouv.fr/lieu/releves']);
  });
});

describe('the other messages', () => {
  const others = (EXAMPLE_MESSAGES as readonly MessageInput[]).filter(
    (m) => !toPlaces.some((p) => p.template === m.template),
  );
  it.each(others.map((m) => [m.template, m] as const))('%s links into no place’s pages', (_, m) => {
    expect(placeLinks(m)).toEqual([]);
  });
});
