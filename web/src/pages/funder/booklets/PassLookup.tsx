import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { PASS_STATE_LABELS } from '../../../../../src/core/pass-labels';
import { SESSION_FORMAT_LABELS } from '../../../../../src/core/session';
import { ApiError } from '../../../api/client';
import { usePassStory } from '../../../api/passes';
import type { PassStory } from '../../../api/types';
import { formatCents, formatDate, formatDateTimeParis } from '../../../lib/format';
import { BOOKLET_STATUS_LABELS } from '../../../lib/labels';
import { TextField } from '../../../ui/form/TextField';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

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
      {pass.sessions.length === 0 ? (
        <p>Ce pass n’a payé aucune séance.</p>
      ) : (
        <TableFrame caption={`Séances payées par le pass ${pass.code}`}>
          <thead>
            <tr>
              <th scope="col">Séance du</th>
              <th scope="col">Lieu</th>
              <th scope="col">Séance</th>
              <th scope="col">Enregistrée le</th>
              <th scope="col">Annulation</th>
            </tr>
          </thead>
          <tbody>
            {pass.sessions.map((s) => (
              <tr key={s.recordedAt}>
                <td className="pn-nowrap">{formatDate(s.sessionOn)}</td>
                <th scope="row">{s.placeName}</th>
                <td>
                  {s.theme}, {s.durationMinutes} min,{' '}
                  {(SESSION_FORMAT_LABELS as Record<string, string>)[s.format]?.toLocaleLowerCase('fr') ??
                    s.format}
                </td>
                <td className="pn-nowrap">
                  <time dateTime={s.recordedAt}>{formatDateTimeParis(s.recordedAt)}</time>
                </td>
                <td>
                  {s.cancelledAt ? (
                    <>
                      Annulée le <time dateTime={s.cancelledAt}>{formatDateTimeParis(s.cancelledAt)}</time>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </div>
  );
}
