import { fr } from '@codegouvfr/react-dsfr';
import { Link, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { CodeForm } from '../../ui/pass/CodeForm';
import { readCode } from '../../ui/pass/readCode';

/**
 * A beneficiary's page once signed in: often an older person, on a phone, holding a paper
 * pass. Two things to do, in large type: find where this pass is taken (its code leads to
 * the pass's own page and its programme's places), or look at every partner place.
 */
export function BeneficiaryHome({ name }: { name: string | undefined }) {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const field = useRef<HTMLInputElement>(null);
  const submit = () => {
    const read = readCode(code);
    if (!read.ok) {
      setError(read.error);
      field.current?.focus();
      return;
    }
    void navigate({ to: '/p/$code', params: { code: read.code } });
  };
  return (
    <>
      <h1>Bienvenue{name ? `, ${name}` : ''}</h1>
      <p className={fr.cx('fr-text--lead')}>
        Votre pass numérique vous donne droit à une aide dans un lieu de médiation numérique : utiliser un
        ordinateur, un téléphone ou un service en ligne.
      </p>
      <h2>Où utiliser mon pass ?</h2>
      <p>Saisissez le code écrit sur votre pass : nous vous montrons les lieux qui l’acceptent.</p>
      <CodeForm
        value={code}
        onChange={(v) => {
          setCode(v);
          setError(undefined);
        }}
        error={error}
        onSubmit={submit}
        checking={false}
        inputRef={field}
        submitLabel="Voir les lieux"
      />
      <p>
        {/* pn-touch: 44 px tall, a target a finger finds. */}
        <Link
          to="/annuaire"
          className={`${fr.cx('fr-link', 'fr-icon-map-pin-2-line', 'fr-link--icon-left')} pn-touch`}
        >
          Voir tous les lieux partenaires
        </Link>
      </p>
    </>
  );
}
