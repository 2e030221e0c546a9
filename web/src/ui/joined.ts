import { elide } from '../../../src/core/french';
import type { JoinedOrganisation } from '../api/types';
import { chooseFor } from './chosenOrganisation';
import { setFlash } from './flash';

const HOME = { funder: '/financeur', place: '/lieu', prescriber: '/prescripteur' } as const;

/**
 * An invitation accepted: the console of what it joined (the API's answer names it) works for
 * that funder or organisation, and says so. A person joining a second place landed on the first
 * one still chosen, with nothing said. Returns where to go: that console.
 */
export function afterJoining(joined: JoinedOrganisation): (typeof HOME)[JoinedOrganisation['kind']] {
  chooseFor(joined.kind, joined.id);
  setFlash(`Vous avez rejoint ${joined.name} en tant ${elide('que', joined.roleLabel)}.`);
  return HOME[joined.kind];
}
