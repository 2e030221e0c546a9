import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useCorrectFunderIdentity } from '../../api/funders';
import type { Funder, FunderKind } from '../../api/types';
import { renameFields } from '../../lib/apiFields';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { FunderIdentityFields, IDENTITY_LABELS } from './FunderIdentityFields';
import { identityErrors, siretOf } from './funderIdentity';

// Named apart from the creation form's fields, on the same page (ids are unique).
const LABELS = {
  correctedName: IDENTITY_LABELS.name,
  correctedKind: IDENTITY_LABELS.kind,
  correctedSiret: IDENTITY_LABELS.siret,
  reason: 'Motif de la correction',
};
const API_FIELDS = { name: 'correctedName', kind: 'correctedKind', siret: 'correctedSiret' } as const;

type Values = Record<keyof typeof LABELS, string>;

function validate(v: Values): FieldErrors {
  const e = identityErrors({ name: v.correctedName, kind: v.correctedKind, siret: v.correctedSiret });
  const found: FieldErrors = {};
  if (e.name) found.correctedName = e.name;
  if (e.kind) found.correctedKind = e.kind;
  if (e.siret) found.correctedSiret = e.siret;
  if (v.reason.trim().length < 3) found.reason = 'Indiquez le motif de la correction.';
  return found;
}

/**
 * The operator corrects a funder's identity: a name mistyped at its creation, the new name of
 * a merged body, its kind or SIRET. The reason goes to the funder's journal with the old and
 * new values; statements already issued keep the name they were issued under.
 */
export function FunderIdentityForm({ funder, onClose }: { funder: Funder; onClose: () => void }) {
  const form = useForm<Values>(
    { correctedName: funder.name, correctedKind: funder.kind, correctedSiret: funder.siret, reason: '' },
    validate,
  );
  const correct = useCorrectFunderIdentity(funder.id);
  const [corrected, setCorrected] = useState<Funder | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row of the list, far above or below: the focus comes here.
  useEffect(() => heading.current?.focus(), []);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const v = form.values;
    correct.mutate(
      {
        name: v.correctedName.trim(),
        kind: v.correctedKind as FunderKind,
        siret: siretOf(v.correctedSiret),
        reason: v.reason.trim(),
      },
      {
        onSuccess: (result) => {
          setCorrected(result);
          form.reset({ ...form.values, reason: '' });
        },
        onError: (e) => form.showApiError(renameFields(e, API_FIELDS)),
      },
    );
  };

  return (
    <section aria-labelledby="identite-financeur" className={fr.cx('fr-mt-6w')}>
      <h2 id="identite-financeur" ref={heading} tabIndex={-1}>
        Corriger l’identité de « {funder.name} »
      </h2>
      <p>
        Pour une faute de frappe ou le nouveau nom d’une collectivité issue d’une fusion. Les relevés déjà
        émis gardent le nom et le SIRET sous lesquels ils l’ont été ; le journal du financeur garde l’ancienne
        et la nouvelle valeur, avec le motif.
      </p>
      {corrected && (
        <Alert
          severity="success"
          small
          className={fr.cx('fr-mb-3w')}
          description={`Identité corrigée : « ${corrected.name} », SIRET ${corrected.siret}.`}
        />
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <FunderIdentityFields
          names={API_FIELDS}
          values={form.values}
          errors={form.errors}
          set={(name) => form.set(name as keyof Values)}
        />
        <TextField
          name="reason"
          label={LABELS.reason}
          hint="Par exemple « faute de frappe à la création » ou « fusion au 1er janvier 2027 »."
          textArea
          rows={2}
          required
          value={form.values.reason}
          onChange={form.set('reason')}
          error={form.errors.reason}
        />
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <SubmitButton pending={correct.isPending}>Enregistrer la correction</SubmitButton>
          </li>
          <li>
            <Button type="button" priority="tertiary" onClick={onClose}>
              Fermer
            </Button>
          </li>
        </ul>
      </form>
    </section>
  );
}
