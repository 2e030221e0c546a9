import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useCreateFunder } from '../../api/funders';
import type { CreateFunderResult, FunderKind } from '../../api/types';
import { decodeTerritories, encodeTerritories, territoryRefs } from '../../lib/territory';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TerritoryPicker } from '../../ui/form/TerritoryPicker';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { InvitationDelivery } from '../../ui/InvitationDelivery';
import { FunderIdentityFields, IDENTITY_LABELS } from './FunderIdentityFields';
import { identityErrors, siretOf } from './funderIdentity';

const EMPTY = { name: '', kind: '', siret: '', territory: '', firstAdminEmail: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  ...IDENTITY_LABELS,
  territory: 'Territoire',
  firstAdminEmail: 'Adresse électronique du premier administrateur',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = identityErrors(v);
  if (decodeTerritories(v.territory).length === 0)
    e.territory =
      'Choisissez au moins un territoire : saisissez le début de son nom, puis choisissez-le dans la liste.';
  const email = v.firstAdminEmail.trim();
  if (!email) e.firstAdminEmail = 'Saisissez l’adresse électronique du premier administrateur.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) e.firstAdminEmail = 'Saisissez une adresse électronique valide.';
  return e;
}

export function CreateFunderForm() {
  const form = useForm(EMPTY, validate);
  const create = useCreateFunder();
  const [created, setCreated] = useState<CreateFunderResult | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const v = form.values;
    create.mutate(
      {
        name: v.name.trim(),
        kind: v.kind as FunderKind,
        siret: siretOf(v.siret),
        territory: territoryRefs(decodeTerritories(v.territory)),
        firstAdminEmail: v.firstAdminEmail.trim(),
      },
      {
        onSuccess: (result) => {
          setCreated(result);
          form.reset();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <section aria-labelledby="nouveau-financeur" className={fr.cx('fr-mt-6w')}>
      <h2 id="nouveau-financeur">Créer un financeur</h2>
      {created && <Created key={created.funder.id} result={created} email={created.email} />}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <FunderIdentityFields
          names={{ name: 'name', kind: 'kind', siret: 'siret' }}
          values={form.values}
          errors={form.errors}
          set={(name) => form.set(name as keyof Values)}
          kindPlaceholder="Choisir un type"
        />
        <TerritoryPicker
          name="territory"
          label={LABELS.territory}
          hint="Commune, EPCI, département ou région : saisissez le début de son nom, puis choisissez-le dans la liste. Vous pouvez en choisir plusieurs."
          required
          value={decodeTerritories(form.values.territory)}
          onChange={(list) => form.set('territory')(encodeTerritories(list))}
          error={form.errors.territory}
        />
        <TextField
          name="firstAdminEmail"
          label={LABELS.firstAdminEmail}
          hint="Cette personne recevra un lien d’invitation pour créer son compte."
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={form.values.firstAdminEmail}
          onChange={form.set('firstAdminEmail')}
          error={form.errors.firstAdminEmail}
        />
        <SubmitButton pending={create.isPending}>Enregistrer</SubmitButton>
      </form>
    </section>
  );
}

/** The first administrator's invitation: sent by e-mail, or its link shown once, to be passed on. */
function Created({ result, email }: { result: CreateFunderResult; email: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Mounted afresh for each new funder (keyed by id): take the focus so the link is announced.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert
        severity="success"
        as="h3"
        title={`Financeur « ${result.funder.name} » créé`}
        description={
          <InvitationDelivery
            email={email}
            sent={result}
            handOver="transmettez ce lien d’invitation au premier administrateur ; il lui permet de créer son compte :"
          />
        }
      />
    </div>
  );
}
