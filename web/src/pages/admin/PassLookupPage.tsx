import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useHelpdeskPass } from '../../api/passes';
import type { HelpdeskPass } from '../../api/types';
import { formatCents, formatDate, formatDateTimeParis } from '../../lib/format';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { PassSessions } from '../../ui/pass/PassSessions';
import { readCode } from '../../ui/pass/readCode';
import { QueryError } from '../../ui/QueryError';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/**
 * « J’ai lu le code de mon carnet, le lieu l’a refusé » : the helpdesk types the code as the
 * person reads it on the phone (capitals, spaces and dashes as they come) and reads, in words,
 * whose pass it is, where it stands, who handed out its booklet, where it was used, whether the
 * booklet was blocked (when, why, by whom), and what the person can do. Nothing of the person.
 * A misheard character is caught here, before any request; a code of no pass counts as a guess,
 * and each lookup is in the platform's journal and the funder's.
 */
export function PassLookupPage() {
  useDocumentTitle('Trouver un pass');
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [mistyped, setMistyped] = useState<string>();
  const lookup = useHelpdeskPass(asked);
  const refused = lookup.error instanceof ApiError ? lookup.error : null;
  const error =
    mistyped ??
    (refused?.status === 404
      ? 'Aucun pass ne porte ce code : faites-le relire caractère par caractère.'
      : refused?.status === 422
        ? (refused.errors[0]?.message ?? refused.detail)
        : undefined);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const read = readCode(typed);
    setMistyped(read.ok ? undefined : read.error);
    if (!read.ok) return;
    if (read.code === asked) void lookup.refetch();
    else setAsked(read.code);
  };

  return (
    <>
      <h1>Trouver un pass</h1>
      <p>
        Pour une personne ou un lieu qui appelle au sujet d’un pass : saisissez son code tel qu’on vous le lit
        (majuscules, espaces et tirets facultatifs). Vous lirez à quel financeur et à quel dispositif il
        appartient, où il en est, et ce que la personne peut faire ; jamais qui elle est. La consultation est
        inscrite au journal de la plateforme et à celui du financeur.
      </p>
      <form onSubmit={onSubmit} noValidate className="pn-narrow">
        <TextField
          name="pass-code"
          label="Code du pass"
          hint="14 caractères, écrits sous le QR code du pass."
          autoComplete="off"
          required
          value={typed}
          onChange={(v) => {
            setTyped(v);
            // The message belongs to the code searched, not to the one being typed.
            if (error) {
              setMistyped(undefined);
              setAsked(null);
            }
          }}
          error={error}
        />
        <SubmitButton pending={lookup.isFetching}>Chercher le pass</SubmitButton>
      </form>
      <div aria-live="polite">
        {lookup.isFetching && <Loading what="Recherche du pass…" />}
        {asked && lookup.error && !error && <QueryError error={lookup.error} what="La recherche du pass" />}
        {lookup.data && !lookup.isFetching && <Found pass={lookup.data} />}
      </div>
    </>
  );
}

/** The booklet's whereabouts in a sentence: held, handed out (by whom, when), blocked. */
function whereabouts(b: HelpdeskPass['booklet']): string {
  if (b.block)
    return `${b.statusLabel} le ${formatDateTimeParis(b.block.at)} (${b.block.reasonLabel.toLocaleLowerCase('fr')}) par ${b.block.byName}.`;
  if (b.status === 'allocated' && b.holderName)
    return `${b.statusLabel} : ${b.holderName}, pas encore remis.`;
  if (b.handedOutOn)
    return `${b.statusLabel} à une personne le ${formatDate(b.handedOutOn)}${b.handedOutByName ? ` par ${b.handedOutByName}` : ''}.`;
  return `${b.statusLabel}.`;
}

function Found({ pass }: { pass: HelpdeskPass }) {
  const b = pass.booklet;
  return (
    <div data-testid="helpdesk-pass" className={fr.cx('fr-mt-4w')}>
      <h2 className={fr.cx('fr-h5')}>Pass {pass.code}</h2>
      <ul>
        <li>Financeur : {pass.funderName}</li>
        <li>Dispositif : {pass.programName}</li>
        <li data-testid="pass-state">État du pass : {pass.statusLabel}</li>
        <li>Valeur : {formatCents(pass.faceValueCents)}</li>
        {pass.validUntil && (
          <li>
            {pass.validFrom ? `Utilisable du ${formatDate(pass.validFrom)} au ` : 'Utilisable jusqu’au '}
            {formatDate(pass.validUntil)}
          </li>
        )}
        <li>
          Carnet {b.serial} : {whereabouts(b)}
        </li>
      </ul>
      <h3 className={fr.cx('fr-h6')}>Ce qui peut être fait</h3>
      <div data-testid="pass-advice">
        {pass.advice.map((a) => (
          <p key={a}>{a}</p>
        ))}
      </div>
      <PassSessions code={pass.code} sessions={pass.sessions} />
    </div>
  );
}
