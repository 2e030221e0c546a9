/**
 * Which of their organisations a person works for in each console, when they have several:
 * an operator acting for two funders under mandate, a mediator serving two places. Kept in
 * the browser (the server authorises every request on its own), per console.
 */
export type Console = 'funder' | 'place' | 'prescriber';

const keyOf = (console: Console) => `pn.agit-pour.${console}`;

export function chosenFor(console: Console): string | null {
  try {
    return window.localStorage.getItem(keyOf(console));
  } catch {
    // Storage refused (private mode, policy): the first organisation it is.
    return null;
  }
}

export function chooseFor(console: Console, organisationId: string): void {
  try {
    window.localStorage.setItem(keyOf(console), organisationId);
  } catch {
    // Nothing kept: the choice lasts until the next page load.
  }
}
