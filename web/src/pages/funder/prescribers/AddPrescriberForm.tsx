import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { deName } from '../../../../../src/core/french';
import { PRESCRIBER_KIND_LABELS, type PrescriberKind } from '../../../../../src/core/prescriber-kinds';
import { useCreatePrescriber } from '../../../api/prescribers';
import type { Prescriber } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SelectField } from '../../../ui/form/SelectField';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { SuccessPanel } from '../../../ui/SuccessPanel';
import { CommuneField } from '../../prescriber/CommuneField';

const EMPTY = { name: '', kind: '', siret: '', communeCode: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  name: 'Nom de la structure',
  kind: 'Type de structure',
  siret: 'SIRET (facultatif)',
  communeCode: 'Commune de la structure',
};

const KINDS = Object.entries(PRESCRIBER_KIND_LABELS).map(([value, label]) => ({ value, label }));

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (v.name.trim().length < 2) e.name = 'Saisissez le nom de la structure (2 caractères au moins).';
  if (!v.kind) e.kind = 'Choisissez le type de structure.';
  const siret = v.siret.replace(/[\s.]/g, '');
  if (siret && !/^\d{14}$/.test(siret)) e.siret = 'Le SIRET compte 14 chiffres (ou laissez le champ vide).';
  if (!v.communeCode) e.communeCode = 'Recherchez puis choisissez la commune de la structure.';
  return e;
}

interface Props {
  funderId: string;
  /** opens the invitation form of the prescriber just added */
  onInvite: (id: string) => void;
}

/** A new prescriber organisation: its name, its kind from a list, its commune found by name. */
export function AddPrescriberForm({ funderId, onInvite }: Props) {
  const form = useForm(EMPTY, validate);
  const create = useCreatePrescriber(funderId);
  const [created, setCreated] = useState<Prescriber | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    // The last success is about another prescriber: left above a refusal, it read as this one's.
    setCreated(null);
    if (!form.check()) return;
    const v = form.values;
    const siret = v.siret.replace(/[\s.]/g, '');
    create.mutate(
      {
        name: v.name.trim(),
        kind: v.kind as PrescriberKind,
        communeCode: v.communeCode,
        ...(siret ? { siret } : {}),
      },
      {
        onSuccess: (p) => {
          setCreated(p);
          form.reset();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <>
      {created && (
        <SuccessPanel key={created.id} title={`Prescripteur « ${created.name} » ajouté`} as="h3">
          <p>
            Il figure dans la liste ci-dessus et peut recevoir des carnets. Invitez maintenant ses agents :
            chacun reçoit un lien pour créer son compte.
          </p>
          <Button
            type="button"
            priority="secondary"
            size="small"
            className={fr.cx('fr-mt-1w')}
            onClick={() => onInvite(created.id)}
          >
            Inviter un agent {deName(created.name)}
          </Button>
        </SuccessPanel>
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires, sauf le SIRET.</p>
        <TextField
          name="name"
          label={LABELS.name}
          hint="Par exemple : Mission locale du Laonnois."
          required
          autoComplete="off"
          value={form.values.name}
          onChange={form.set('name')}
          error={form.errors.name}
        />
        <SelectField
          name="kind"
          label={LABELS.kind}
          required
          placeholder="Choisir un type"
          options={KINDS}
          value={form.values.kind}
          onChange={form.set('kind')}
          error={form.errors.kind}
        />
        <TextField
          name="siret"
          label={LABELS.siret}
          hint="14 chiffres, par exemple 215 704 087 00018."
          inputMode="numeric"
          autoComplete="off"
          className="pn-narrow"
          value={form.values.siret}
          onChange={form.set('siret')}
          error={form.errors.siret}
        />
        <CommuneField
          // A new search box after each prescriber added, like the rest of the form.
          key={created?.id}
          name="communeCode"
          label={LABELS.communeCode}
          value={form.values.communeCode}
          onChange={form.set('communeCode')}
          error={form.errors.communeCode}
        />
        <SubmitButton pending={create.isPending}>Ajouter le prescripteur</SubmitButton>
      </form>
    </>
  );
}
