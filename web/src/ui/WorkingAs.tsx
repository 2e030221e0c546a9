import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRouterState } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useSession } from '../api/session';
import type { Session } from '../api/types';
import { type Console, chooseFor } from './chosenOrganisation';
import { SelectField } from './form/SelectField';
import {
  funderMembership,
  funderMemberships,
  placeMembership,
  placeMemberships,
  prescriberMembership,
  prescriberMemberships,
} from './roles';

interface Choice {
  console: Console;
  home: string;
  label: string;
  options: { value: string; label: string }[];
  current: string;
}

/** The console of a path, with the organisations its user may work for there. */
function choiceFor(session: Session, path: string): Choice | null {
  const named = (id: string, name: string | null) => ({ value: id, label: name ?? id });
  if (path.startsWith('/financeur')) {
    return {
      console: 'funder',
      home: '/financeur',
      label: 'Vous agissez pour le financeur',
      options: funderMemberships(session).map((m) => named(m.funderId, m.funderName)),
      current: funderMembership(session)?.funderId ?? '',
    };
  }
  if (path.startsWith('/lieu')) {
    return {
      console: 'place',
      home: '/lieu',
      label: 'Vous encaissez pour le lieu',
      options: placeMemberships(session).map((m) => named(m.organisationId, m.organisationName)),
      current: placeMembership(session)?.organisationId ?? '',
    };
  }
  if (path.startsWith('/prescripteur')) {
    return {
      console: 'prescriber',
      home: '/prescripteur',
      label: 'Vous remettez des carnets pour',
      options: prescriberMemberships(session).map((m) => named(m.organisationId, m.organisationName)),
      current: prescriberMembership(session)?.organisationId ?? '',
    };
  }
  return null;
}

/**
 * For someone who works for several organisations in one console: which one, and a way to
 * change. The change reloads the console's home, so that nothing of the previous
 * organisation (lists, forms, cached answers) stays on screen.
 */
export function WorkingAs() {
  const { data: session } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const choice = session ? choiceFor(session, path) : null;
  const [picked, setPicked] = useState<string | null>(null);
  if (!choice || choice.options.length < 2) return null;
  const value = picked ?? choice.current;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    chooseFor(choice.console, value);
    window.location.assign(choice.home);
  };
  return (
    <form onSubmit={submit} className={fr.cx('fr-grid-row', 'fr-grid-row--bottom', 'fr-mb-4w')}>
      <div className={fr.cx('fr-mr-2w')}>
        <SelectField
          name="agit-pour"
          label={choice.label}
          value={value}
          onChange={setPicked}
          options={choice.options}
        />
      </div>
      <Button type="submit" priority="secondary" disabled={value === choice.current}>
        Changer
      </Button>
    </form>
  );
}
