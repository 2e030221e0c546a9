import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useQueryClient } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { keys } from '../api/keys';
import { useSession } from '../api/session';
import type { Session } from '../api/types';
import { type Console, chooseFor, chosenFor } from './chosenOrganisation';
import { SelectField } from './form/SelectField';
import {
  funderMembership,
  funderMemberships,
  placeMembership,
  placeMemberships,
  prescriberMembership,
  prescriberMemberships,
} from './roles';

type Option = { value: string; label: string };
const option = (value: string, name: string | null): Option => ({ value, label: name ?? value });

/** Each console, where it lives, and the organisations its user may work for there. */
const CONSOLES: {
  console: Console;
  home: string;
  /**
   * A page that changes organisation in place, without a reload: all it shows is read per
   * organisation, and what is typed in it (a pass's code) is not any organisation's.
   */
  inPlace?: string;
  /**
   * The pages every organisation of the console has alike, at one address: a change made on
   * one of them reloads it for the other organisation instead of going home. Elsewhere an
   * address may name something of the previous organisation (a programme, a statement).
   */
  sharedPage?: (path: string) => boolean;
  /** The selector's label on that page: what the person does there for the organisation. */
  label: (path: string) => string;
  options: (s: Session) => Option[];
  current: (s: Session) => string | undefined;
}[] = [
  {
    console: 'funder',
    home: '/financeur',
    label: () => 'Vous agissez pour le financeur',
    options: (s) => funderMemberships(s).map((m) => option(m.funderId, m.funderName)),
    current: (s) => funderMembership(s)?.funderId,
  },
  {
    console: 'place',
    home: '/lieu',
    // The desk: the code half typed stays, and the keyboard goes back to it (RedeemPage).
    inPlace: '/lieu',
    // A place's pages (desk, statements, keys, team…) name no record in their address.
    sharedPage: (path) => path === '/lieu' || path.startsWith('/lieu/'),
    // Passes are cashed at the desk alone: statements, team, keys, profile are the place's, said plainly.
    label: (path) => (path === '/lieu' ? 'Vous encaissez pour le lieu' : 'Lieu'),
    options: (s) => placeMemberships(s).map((m) => option(m.organisationId, m.organisationName)),
    current: (s) => placeMembership(s)?.organisationId,
  },
  {
    console: 'prescriber',
    home: '/prescripteur',
    label: () => 'Vous remettez des carnets pour',
    options: (s) => prescriberMemberships(s).map((m) => option(m.organisationId, m.organisationName)),
    current: (s) => prescriberMembership(s)?.organisationId,
  },
];

/**
 * For someone who works for several organisations in one console: which one, and a way to
 * change. The change reloads the page, so that nothing of the previous organisation (lists,
 * forms, cached answers) stays on screen: the same page where every organisation has it (a
 * place's statements), else the console's home. At a place's desk it is made in the page,
 * which a reload left with the focus lost and the code being typed erased.
 */
export function WorkingAs() {
  const { data: session } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const [picked, setPicked] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const found = CONSOLES.find((c) => path.startsWith(c.home));
  const options = session && found ? found.options(session) : [];
  if (!session || !found || options.length < 2) return null;
  const current = found.current(session) ?? '';
  const value = picked ?? current;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    chooseFor(found.console, value);
    // Changed in the page only where the choice held (storage may be refused, in private mode).
    if (found.inPlace === path && chosenFor(found.console) === value) {
      // The same session, a new object: every part of the page reads the choice again.
      queryClient.setQueryData(keys.session, { ...session });
      return;
    }
    // A full navigation all the same: nothing of the previous organisation stays on screen.
    window.location.assign(found.sharedPage?.(path) ? path : found.home);
  };
  // One line, the label beside its list, where the screen is wide enough: above the page's
  // title it pushed a place's desk, code field and « Vérifier », below a laptop's screen.
  return (
    <form
      onSubmit={submit}
      className={`${fr.cx('fr-grid-row', 'fr-grid-row--middle', 'fr-mb-2w')} pn-working-as`}
    >
      <div className={fr.cx('fr-mr-2w')}>
        <SelectField
          name="agit-pour"
          label={found.label(path)}
          value={value}
          onChange={setPicked}
          options={options}
        />
      </div>
      <Button type="submit" priority="secondary" disabled={value === current}>
        Changer
      </Button>
    </form>
  );
}
