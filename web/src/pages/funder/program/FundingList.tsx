import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
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
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) return setError('Indiquez le motif de l’annulation.');
    reverse.mutate(
      { fundingId: funding.id, reason: reason.trim() },
      {
        onSuccess: (r) => onDone(`Versement ${funding.reference} annulé : ${reversalEffect(r)}.`),
        onError: (e) => setError(isApiError(e) ? e.detail : 'Une erreur inattendue est survenue.'),
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className={fr.cx('fr-mt-2w')}>
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
  return (
    <>
      {done && <Alert severity="success" small description={done} closable onClose={() => setDone(null)} />}
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
              <th scope="row">{f.reference}</th>
              <td className="pn-nowrap">{formatCents(f.amountCents)}</td>
              <td>
                {f.reversal ? (
                  `Annulé le ${formatDate(f.reversal.reversedOn)} : ${f.reversal.reason} (${reversalEffect(f.reversal)})`
                ) : admin ? (
                  <Button
                    size="small"
                    priority="tertiary"
                    onClick={() => setReversing(f.id)}
                    nativeButtonProps={{ 'aria-label': `Annuler le versement ${f.reference}` }}
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
          }}
        />
      )}
    </>
  );
}
