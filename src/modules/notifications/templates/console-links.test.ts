import { describe, expect, it } from 'vitest';
import { CONSOLE_LINK_PARAMS, type LinkedConsole } from '../../../core/console-link.js';
import { EXAMPLE_MESSAGES } from '../examples.js';
import { render } from './index.js';
import type { MessageInput } from './types.js';

/*
 * A coordinator serving two places opened « Consulter vos relevés » from the e-mail about one
 * place's statement and saw the statements of the other, the one last chosen in the browser: the
 * links into the place's pages (/lieu…) named no place. An operator under mandate for two funders
 * did the same with « Répondre à la contestation » (/financeur…), and an agent of two prescriber
 * organisations with « Voir votre stock » (/prescripteur). Every one now names its organisation:
 * ?lieu=<placeId>, ?financeur=<funderId>, ?structure=<organisationId>.
 */
const ctx = { publicUrl: 'https://pass.example.gouv.fr' };
const ids: Record<LinkedConsole, string> = {
  place: '7c1e2a9b-4d3f-4e8a-9b1c-2d3e4f5a6b7c',
  funder: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
  prescriber: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
};
const SPACES: Record<LinkedConsole, string> = {
  place: '/lieu',
  funder: '/financeur',
  prescriber: '/prescripteur',
};
const examples = EXAMPLE_MESSAGES as readonly MessageInput[];

/** The examples of messages into a console, as the services now enqueue them: with its organisation. */
function named(m: MessageInput, console: LinkedConsole): MessageInput | null {
  const with_ = (params: object) => ({ ...m, params: { ...m.params, ...params } }) as MessageInput;
  if (m.template === 'usage_end_reminder')
    return console === 'place'
      ? with_({ audience: 'place', placeId: ids.place })
      : console === 'prescriber'
        ? with_({ audience: 'prescriber', prescriberId: ids.prescriber })
        : null;
  if (m.template === 'safeguard_changed')
    return console === 'place'
      ? with_({ audience: 'place', change: 'bank_account', ibanEnd: '0189', placeId: ids.place })
      : console === 'funder'
        ? with_({ audience: 'funder', funderId: ids.funder })
        : null;
  if (console === 'place' && 'placeName' in m.params && 'funderName' in m.params)
    return with_({ placeId: ids.place });
  if (
    console === 'funder' &&
    ['statement_contested', 'place_account_changed', 'unusual_days', 'place_left_program'].includes(
      m.template,
    )
  )
    return with_({ funderId: ids.funder });
  return null;
}

const linksInto = (m: MessageInput, console: LinkedConsole) =>
  [...render(m.template, m.params as never, ctx).text.matchAll(/https:\/\/\S+/g)]
    .map(([url]) => new URL(url))
    .filter((url) => url.pathname === SPACES[console] || url.pathname.startsWith(`${SPACES[console]}/`));

describe.each(['place', 'funder', 'prescriber'] as const)(
  'the links of the messages into the %s pages',
  (console) => {
    const into = examples.map((m) => named(m, console)).filter((m): m is MessageInput => m !== null);

    it.each(into.map((m) => [m.template, m] as const))('%s names the organisation in its link', (_, m) => {
      const links = linksInto(m, console);
      expect(links.length).toBeGreaterThan(0);
      for (const url of links) expect(url.searchParams.get(CONSOLE_LINK_PARAMS[console])).toBe(ids[console]);
    });

    const others = examples.filter((m) => !into.some((n) => n.template === m.template));
    it.each(others.map((m) => [m.template, m] as const))('%s links into none of these pages', (_, m) => {
      expect(linksInto(m, console)).toEqual([]);
    });
  },
);

describe('a message queued before its organisation was kept with it', () => {
  it.each([
    ['statement_ready', 'place', 'https://pass.example.gouv.fr/lieu/releves'],
    ['statement_contested', 'funder', 'https://pass.example.gouv.fr/financeur/releves'],
    ['usage_end_reminder', 'prescriber', 'https://pass.example.gouv.fr/prescripteur'],
  ] as const)('%s keeps the link it had', (template, console, link) => {
    const [queued] = examples.filter((m) => m.template === template);
    expect(linksInto(queued!, console).map(String)).toEqual([link]);
  });
});
