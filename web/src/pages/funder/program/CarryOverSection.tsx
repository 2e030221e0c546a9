import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useCarryOver, useClosure, useDecideCarryOver } from '../../../api/closing';
import { formatCents, formatDate, formatInt } from '../../../lib/format';
import { SelectField } from '../../../ui/form/SelectField';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { fieldError, ProblemAlert } from '../qualification/ProblemAlert';
import { carriedOver, neverHandedOut } from './neverHandedOut';

/**
 * The passes never handed out at the usage end: carried over to a following programme of the
 * same funder, chosen by its name, or cancelled. Shows what will happen and when, what
 * happened, and the passes this programme received from a previous one.
 */
export function CarryOverSection({ programId, admin }: { programId: string; admin: boolean }) {
  const view = useCarryOver(programId);
  const closure = useClosure(programId);
  const decide = useDecideCarryOver(programId);
  const [choice, setChoice] = useState('');
  if (view.isPending) return <Loading what="Chargement du report des pass…" />;
  if (view.isError) return <QueryError error={view.error} what="Le report des pass jamais remis" />;
  const v = view.data;
  const pending = neverHandedOut(v.neverHandedOut);
  return (
    <section aria-labelledby="report-pass" className={fr.cx('fr-mt-4w')}>
      <h3 id="report-pass">Pass jamais remis à la fin d’utilisation</h3>
      {v.done ? (
        v.done.refusal ? (
          <p>
            Le {formatDate(v.done.carriedOn)}, le report sur « {v.done.to} » a été impossible :{' '}
            {v.done.refusal} Les {formatInt(v.done.passes)} pass jamais remis ont été annulés.
          </p>
        ) : (
          <p>
            Le {formatDate(v.done.carriedOn)}, {carriedOver(v.done)} sur « {v.done.to} ».
          </p>
        )
      ) : !v.open && v.cancelledAtEnd > 0 && v.stepOn ? (
        <p>
          Le {formatDate(v.stepOn)},{' '}
          {v.cancelledAtEnd > 1
            ? `les ${formatInt(v.cancelledAtEnd)} pass jamais remis ont été annulés : aucun dispositif suivant n’avait été choisi pour les recevoir.`
            : 'le pass jamais remis a été annulé : aucun dispositif suivant n’avait été choisi pour le recevoir.'}
        </p>
      ) : !v.open ? (
        <p>
          {v.neverHandedOut.passes === 0
            ? 'Aucun pass jamais remis ne reste dans ce dispositif : il n’y a rien à reporter.'
            : `Les ${pending} seront annulés à l’étape de fin de dispositif : il est trop tard pour les reporter.`}
        </p>
      ) : v.target ? (
        <p>
          Le {formatDate(v.stepOn)}, les {pending} seront reportés sur « {v.target.name} », s’il peut encore
          les recevoir ce jour-là ; sinon ils seront annulés.
        </p>
      ) : (
        <p>
          Le {formatDate(v.stepOn)}, les {pending} seront annulés, sauf si vous choisissez un dispositif
          suivant pour les recevoir.
        </p>
      )}
      {admin && v.open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) decide.mutate(choice);
          }}
        >
          <ProblemAlert error={decide.error} />
          <SelectField
            name="target"
            label="Dispositif suivant"
            hint="Un dispositif du même financeur, en cours de distribution à cette date, avec la même valeur de pass"
            value={choice}
            onChange={setChoice}
            placeholder="Choisir un dispositif"
            options={v.candidates.map((c) => ({
              value: c.name,
              label: `${c.name} (utilisation jusqu’au ${formatDate(c.usageEnd)})`,
            }))}
            error={fieldError(decide.error, 'target')}
            required
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline')}>
            <li>
              <SubmitButton pending={decide.isPending} disabled={!choice}>
                Reporter sur ce dispositif
              </SubmitButton>
            </li>
            {v.target && (
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate(null)}
                >
                  Retirer le report (annuler les pass)
                </Button>
              </li>
            )}
          </ul>
        </form>
      )}
      {decide.isSuccess && (
        <div role="status">
          <Alert severity="success" small description="Votre choix est enregistré." />
        </div>
      )}
      {closure.data && closure.data.received.length > 0 && (
        <ul>
          {closure.data.received.map((r) => (
            <li key={`${r.from}-${r.carriedOn}`}>
              Reçus de « {r.from} » le {formatDate(r.carriedOn)} : {formatInt(r.passes)} pass (
              {formatCents(r.valueCents)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
