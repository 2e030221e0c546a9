import { fr } from '@codegouvfr/react-dsfr';
import { Link, useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { useCreateProgram } from '../../api/programs';
import { useSession } from '../../api/session';
import { formatCents } from '../../lib/format';
import { LEGAL_BODY_HINT } from '../../lib/labels';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { setFlash } from '../../ui/flash';
import { CheckboxGroupField } from '../../ui/form/CheckboxGroupField';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { Fieldset, FieldsetElement } from '../../ui/form/Fieldset';
import { MoneyField } from '../../ui/form/MoneyField';
import { RadioField } from '../../ui/form/RadioField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { useForm } from '../../ui/form/useForm';
import { useLeaveGuard } from '../../ui/form/useLeaveGuard';
import { funderMembership } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AdminOnly } from './AdminOnly';
import { CofundersFields } from './CofundersFields';
import {
  AUDIENCE_OPTIONS,
  BOOKLET_SIZE_OPTIONS,
  COFUNDERS,
  EMPTY,
  groupsOf,
  LABELS,
  labelsOf,
  type NewProgramField,
  type NewProgramValues,
  passesValueCents,
  STATUS_OPTIONS,
  toCreateProgramInput,
  validateNewProgram,
} from './newProgramForm';
import { OtherAudiencesFields } from './OtherAudiencesFields';

const TITLE = 'Nouveau dispositif';

/** A programme is born of its founding deliberation: the form records both at once. */
export function NewProgramPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <FunderBreadcrumb current={TITLE} />
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>
        Enregistrez la délibération qui crée le dispositif et ce qu’elle décide. Les délibérations suivantes
        s’ajouteront ensuite comme délibérations modificatives.
      </p>
      <AdminOnly funderId={membership.funderId}>
        <NewProgramForm funderId={membership.funderId} />
      </AdminOnly>
    </>
  );
}

function NewProgramForm({ funderId }: { funderId: string }) {
  const form = useForm<NewProgramValues>(EMPTY, validateNewProgram, groupsOf);
  const leave = useLeaveGuard(form.changed);
  const create = useCreateProgram(funderId);
  const navigate = useNavigate();
  const value = passesValueCents(form.values);

  const field = (name: NewProgramField, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={name}
      label={LABELS[name]}
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
      {...extra}
    />
  );
  const date = (name: NewProgramField, required = true, hint?: string) =>
    field(name, { type: 'date', required, className: 'pn-narrow', hint });
  const count = (name: NewProgramField, hint?: string, required = false) =>
    field(name, { inputMode: 'numeric', className: 'pn-narrow', hint, required });
  const euros = (name: NewProgramField, hint?: string, required = false) => (
    <MoneyField
      name={name}
      label={LABELS[name]}
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
      hint={hint}
      required={required}
    />
  );

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    create.mutate(toCreateProgramInput(form.values), {
      onSuccess: (program) => {
        setFlash(`Le dispositif « ${program.name} » a été créé.`);
        // Its page, not the list: issuing booklets, recording funds and the rest start there.
        leave.release();
        void navigate({ to: '/financeur/programmes/$programId', params: { programId: program.id } });
      },
      onError: (e) => form.showApiError(e),
    });
  };

  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={labelsOf(form.values)} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>
          Sauf mention « facultatif », les champs sont obligatoires. Les dates se saisissent au format
          jj/mm/aaaa, les montants en euros (par exemple 1 234,50).
        </p>
        <Fieldset name="legal" legend="La délibération fondatrice" error={form.errors.legal}>
          <FieldsetElement>
            {field('legal.body', {
              required: true,
              hint: LEGAL_BODY_HINT,
            })}
          </FieldsetElement>
          <FieldsetElement>
            {field('legal.number', { required: true, className: 'pn-narrow' })}
          </FieldsetElement>
          <FieldsetElement>{date('legal.decidedOn')}</FieldsetElement>
          <FieldsetElement>
            {date(
              'effectiveOn',
              true,
              // A programme voted in December for 1 January was created in force on 1 January:
              // until then nothing could be prepared for it (booklets, fundings, places).
              'Le jour où le dispositif commence d’exister, le jour de la décision ou plus tard. Avant ce jour, ni carnets ni candidatures des lieux (seuls des versements peuvent être reçus, dès la décision) : pour préparer l’an prochain, gardez la date de la décision et fixez plus bas le début de la distribution.',
            )}
          </FieldsetElement>
          <FieldsetElement inline>{count('legal.votesFor', 'Facultatif.')}</FieldsetElement>
          <FieldsetElement inline>{count('legal.votesAgainst', 'Facultatif.')}</FieldsetElement>
          <FieldsetElement inline>{count('legal.abstentions', 'Facultatif.')}</FieldsetElement>
          <FieldsetElement>
            {field('legal.text', {
              textArea: true,
              rows: 5,
              hint: 'Facultatif. Le dispositif de la délibération, tel qu’adopté.',
            })}
          </FieldsetElement>
        </Fieldset>

        <Fieldset name="state" legend="Le dispositif" error={form.errors.state}>
          <FieldsetElement>{field('state.name', { required: true })}</FieldsetElement>
          <FieldsetElement>{euros('state.faceValueCents', 'Par exemple 10 ou 10,00.', true)}</FieldsetElement>
          <FieldsetElement>{count('state.plannedPasses', undefined, true)}</FieldsetElement>
          <FieldsetElement>
            <CheckboxGroupField
              name="state.bookletSizes"
              legend={LABELS['state.bookletSizes']}
              inline
              options={BOOKLET_SIZE_OPTIONS}
              value={form.values['state.bookletSizes']}
              onChange={form.set('state.bookletSizes')}
              error={form.errors['state.bookletSizes']}
            />
          </FieldsetElement>
          <FieldsetElement>
            <CheckboxGroupField
              name="state.audiences"
              legend={LABELS['state.audiences']}
              hint="Les personnes à qui les prescripteurs peuvent remettre un carnet."
              options={AUDIENCE_OPTIONS}
              value={form.values['state.audiences']}
              onChange={form.set('state.audiences')}
              error={form.errors['state.audiences']}
            />
          </FieldsetElement>
          <FieldsetElement>
            <OtherAudiencesFields
              values={form.values}
              errors={form.errors}
              set={form.set}
              update={form.update}
            />
          </FieldsetElement>
          <FieldsetElement>
            {count(
              'state.passesPerBeneficiary',
              'Facultatif. Le nombre de pass qu’une même personne peut recevoir en tout ; vide : un carnet par personne.',
            )}
          </FieldsetElement>
          <FieldsetElement>
            <RadioField
              name="state.status"
              legend={LABELS['state.status']}
              options={STATUS_OPTIONS}
              value={form.values['state.status']}
              onChange={form.set('state.status')}
              error={form.errors['state.status']}
            />
          </FieldsetElement>
        </Fieldset>

        <Fieldset name="state.calendar" legend="Calendrier" error={form.errors['state.calendar']}>
          <FieldsetElement>{date('state.calendar.distributionStart')}</FieldsetElement>
          <FieldsetElement>{date('state.calendar.distributionEnd')}</FieldsetElement>
          <FieldsetElement>
            {date('state.calendar.usageEnd', true, 'Après cette date, les pass ne sont plus acceptés.')}
          </FieldsetElement>
          <FieldsetElement>{date('state.calendar.closure', false, 'Facultatif.')}</FieldsetElement>
          <FieldsetElement>
            {count(
              'state.lateSessionDays',
              'Une séance donnée avant la fin d’utilisation peut être enregistrée pendant ce délai après elle (31 jours par défaut).',
              true,
            )}
          </FieldsetElement>
        </Fieldset>

        <Fieldset
          name="state.budget"
          legend="Budget"
          hint="Facultatif. Une délibération modificative pourra le changer."
          error={form.errors['state.budget']}
        >
          <FieldsetElement>
            {euros(
              'state.budget.acquisition',
              value === null ? undefined : `Les pass prévus valent ${formatCents(value)} au total.`,
            )}
          </FieldsetElement>
          <FieldsetElement>{euros('state.budget.engineering')}</FieldsetElement>
          <FieldsetElement>
            <CofundersFields
              list={COFUNDERS}
              values={form.values}
              errors={form.errors}
              set={form.set}
              update={form.update}
              hint="Facultatif. Ceux qui financent le dispositif avec vous, chacun pour sa part."
            />
          </FieldsetElement>
        </Fieldset>

        <div className="pn-actions">
          <SubmitButton pending={create.isPending}>Créer le dispositif</SubmitButton>
          <Link to="/financeur" className={fr.cx('fr-link')}>
            Annuler et revenir aux dispositifs
          </Link>
        </div>
      </form>
    </>
  );
}
