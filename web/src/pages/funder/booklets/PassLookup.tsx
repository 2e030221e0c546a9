import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { PASS_STATE_LABELS } from '../../../../../src/core/pass-labels';
import { ApiError } from '../../../api/client';
import { usePassStory } from '../../../api/passes';
import type { PassStory } from '../../../api/types';
import { formatCents, formatDate, formatDateTimeParis } from '../../../lib/format';
import { BOOKLET_STATUS_LABELS } from '../../../lib/labels';
import { TextField } from '../../../ui/form/TextField';
import { PassSessions } from '../../../ui/pass/PassSessions';
import { QueryError } from '../../../ui/QueryError';

/** A pass's own state in words, one pass at a time (PASS_STATUS_LABELS count many); the API's too. */
const STATE: Record<PassStory['status'], string> = PASS_STATE_LABELS;

/**
 * A pass looked up by its code, for a funder's staff answering a place or a person on the
 * phone: « refusé, déjà utilisé : où, quand ? ». Its booklet's moves are in the history below.
 */
export function PassLookup({ funderId }: { funderId: string }) {
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);
  const story = usePassStory(funderId, asked);
  const refused = story.error instanceof ApiError ? story.error : null;
  const error = empty
    ? 'Saisissez le code du pass.'
    : refused?.status === 404
      ? 'Aucun pass de ce financeur ne porte ce code : vérifiez-le.'
      : refused?.status === 422
        ? (refused.errors[0]?.message ?? refused.detail)
        : undefined;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const code = typed.trim();
    setEmpty(code === '');
    if (code === '') return;
    if (code === asked) void story.refetch();
    else setAsked(code);
  };

  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="pass-code"
          label="Code du pass"
          hint="Tel qu’imprimé sur le pass ; majuscules, espaces et tirets facultatifs."
          autoComplete="off"
          className="pn-narrow"
          required
          value={typed}
          onChange={(v) => {
            setTyped(v);
            // The message belongs to the code searched, not to the one being typed.
            if (error) {
              setEmpty(false);
              setAsked(null);
            }
          }}
          error={error}
        />
        <Button type="submit" priority="secondary" disabled={story.isFetching}>
          Retrouver le pass
        </Button>
      </form>
      <p role="status" className={fr.cx('fr-mt-4w', story.isFetching ? undefined : 'fr-sr-only')}>
        {story.isFetching ? 'Recherche du pass…' : story.isSuccess ? `Pass ${story.data.code} trouvé.` : ''}
      </p>
      {asked && story.isError && !error && <QueryError error={story.error} what="Ce pass" />}
      {story.isSuccess && <StoryOf pass={story.data} />}
    </>
  );
}

function StoryOf({ pass }: { pass: PassStory }) {
  const b = pass.booklet;
  const where =
    b.status === 'allocated' && b.holderName
      ? `${BOOKLET_STATUS_LABELS.allocated} : ${b.holderName}`
      : b.status === 'handed_out' && b.handedOutOn
        ? `Remis à une personne le ${formatDate(b.handedOutOn)}${b.handedOutByName ? ` par ${b.handedOutByName}` : ''}`
        : b.block
          ? `${BOOKLET_STATUS_LABELS.blocked} le ${formatDateTimeParis(b.block.at)} (${b.block.reasonLabel.toLocaleLowerCase('fr')}) par ${b.block.byName}`
          : BOOKLET_STATUS_LABELS[b.status];
  return (
    <div data-testid="pass-story">
      <h3 className={fr.cx('fr-mt-2w')}>Pass {pass.code}</h3>
      <ul>
        <li>Dispositif : {pass.programName}</li>
        <li>État : {STATE[pass.status]}</li>
        <li>Valeur : {formatCents(pass.faceValueCents)}</li>
        {pass.validFrom && pass.validUntil && (
          <li>
            Utilisable du {formatDate(pass.validFrom)} au {formatDate(pass.validUntil)}
          </li>
        )}
        <li>
          Carnet {b.serial} : {where}
        </li>
      </ul>
      <PassSessions code={pass.code} sessions={pass.sessions} />
    </div>
  );
}
