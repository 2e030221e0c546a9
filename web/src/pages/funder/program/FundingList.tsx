import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { useReverseFunding } from '../../../api/finance';
import type { Funding } from '../../../api/types';
import { formatCents, formatDate } from '../../../lib/format';
import { TextField } from '../../../ui/form/TextField';
import { TableFrame } from '../../../ui/TableFrame';
import { reversalEffect } from '../fundingMessage';

/** A funding recorded wrongly is cancelled by a reversing entry with its reason, never edited. */
function ReversalForm({
  programId,
  funding,
  onDone,
}: {
  programId: string;
  funding: Funding;
  onDone: (message?: string) => void;
}) {
  const reverse = useReverseFunding(programId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const box = useRef<HTMLFormElement>(null);
  const focusReason = () => box.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  // Opened below the table: the keyboard's focus goes to it, not on along the table's buttons.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    focusReason();
  }, []);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) {
      setError('Indiquez le motif de l’annulation.');
      focusReason();
      return;
    }
    reverse.mutate(
      { fundingId: funding.id, reason: reason.trim() },
      {
        onSuccess: (r) => onDone(`Versement ${funding.reference} annulé : ${reversalEffect(r)}.`),
        onError: (e) => {
          setError(isApiError(e) ? e.detail : 'Une erreur inattendue est survenue.');
          focusReason();
        },
      },
    );
  };
  return (
    <form ref={box} onSubmit={onSubmit} noValidate className={fr.cx('fr-mt-2w', 'fr-mb-4w')}>
      <TextField
        name={`reason-${funding.id}`}
        label={`Motif de l’annulation du versement ${funding.reference} (${formatCents(funding.amountCents)})`}
        hint="Le versement reste inscrit, annulé par une écriture inverse ; les pass qu’il finançait encore en stock redeviennent non activés. Quand plus aucun pass ne circule (après la fin du dispositif), sa valeur est reprise sur celle des pass annulés ou expirés."
        required
        value={reason}
        onChange={setReason}
        error={error}
      />
      <div className="pn-actions">
        <Button type="submit" priority="secondary" disabled={reverse.isPending}>
          Confirmer l’annulation
        </Button>
        <Button type="button" priority="tertiary" onClick={() => onDone()}>
          Ne pas annuler
        </Button>
      </div>
    </form>
  );
}

export function FundingList({
  programId,
  fundings,
  admin,
}: {
  programId: string;
  fundings: Funding[];
  admin: boolean;
}) {
  const [reversing, setReversing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const target = fundings.find((f) => f.id === reversing);
  const told = useRef<HTMLDivElement>(null);
  // The reversal recorded, the row's button is gone: the focus goes to what was done.
  useEffect(() => {
    if (done) told.current?.focus();
  }, [done]);
  const buttonId = (id: string) => `annuler-versement-${id}`;
  return (
    <>
      {done && (
        <div ref={told} tabIndex={-1}>
          <Alert severity="success" small description={done} closable onClose={() => setDone(null)} />
        </div>
      )}
      <TableFrame caption="Versements enregistrés">
        <thead>
          <tr>
            <th scope="col">Reçu le</th>
            <th scope="col">Payeur</th>
            <th scope="col">Référence</th>
            <th scope="col">Montant</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {fundings.map((f) => (
            <tr key={f.id}>
              <td>{formatDate(f.receivedOn)}</td>
              <td>{f.payer}</td>
              {/* Free texts: a long word (a pasted reference) wraps rather than stretch the table. */}
              <th scope="row" className="pn-break">
                {f.reference}
              </th>
              <td className="pn-nowrap">{formatCents(f.amountCents)}</td>
              <td className="pn-break">
                {f.reversal ? (
                  `Annulé le ${formatDate(f.reversal.reversedOn)} : ${f.reversal.reason} (${reversalEffect(f.reversal)})`
                ) : admin ? (
                  <Button
                    size="small"
                    priority="tertiary"
                    onClick={() => setReversing(f.id)}
                    nativeButtonProps={{
                      id: buttonId(f.id),
                      'aria-label': `Annuler le versement ${f.reference}`,
                    }}
                  >
                    Annuler ce versement
                  </Button>
                ) : (
                  'Enregistré'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      {target && (
        <ReversalForm
          key={target.id}
          programId={programId}
          funding={target}
          onDone={(message) => {
            setReversing(null);
            if (message) setDone(message);
            // « Ne pas annuler »: back to the button that opened the form.
            else requestAnimationFrame(() => document.getElementById(buttonId(target.id))?.focus());
          }}
        />
      )}
    </>
  );
}
