import { fr } from '@codegouvfr/react-dsfr';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { passDirectoryQuery } from '../../api/directory';
import { CodeForm } from '../../ui/pass/CodeForm';
import { LostBooklet } from '../../ui/pass/LostBooklet';
import { readCode } from '../../ui/pass/readCode';

/**
 * A beneficiary's page once signed in: often an older person, on a phone, holding a paper
 * pass. Two things to do, in large type: find where this pass is taken (its code leads to
 * the places of its programme, the list « Où utiliser mon pass ? » opens on the pass's page),
 * or look at every partner place. And what to do when the booklet is lost.
 */
export function BeneficiaryHome({ name }: { name: string | undefined }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [looking, setLooking] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const refuse = (message: string) => {
    setError(message);
    field.current?.focus();
  };
  const submit = async () => {
    const read = readCode(code);
    if (!read.ok) return refuse(read.error);
    // The pass's programme, then its places: the pass's own page listed none, only a link.
    setLooking(true);
    try {
      const directory = await queryClient.fetchQuery(passDirectoryQuery(read.code));
      await navigate({ to: '/annuaire/$programId', params: { programId: directory.programId } });
    } catch (e) {
      refuse(
        e instanceof ApiError && e.code === 'unknown_code'
          ? 'Ce code ne correspond à aucun pass : vérifiez chaque caractère sur votre pass.'
          : e instanceof ApiError
            ? e.detail
            : 'Une erreur inattendue est survenue. Réessayez.',
      );
    } finally {
      setLooking(false);
    }
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
        onSubmit={() => void submit()}
        checking={looking}
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
      <LostBooklet />
    </>
  );
}
