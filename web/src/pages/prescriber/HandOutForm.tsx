import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { type FormEvent, useState } from 'react';
import { elide } from '../../../../src/core/french';
import { isApiError } from '../../api/client';
import { useHandOut } from '../../api/passes';
import type { EarlierHandOut, HandOutResult, ProgramSummary, StockBooklet } from '../../api/types';
import { directoryAddress } from '../../lib/directorySearch';
import { formatDate, todayInParis } from '../../lib/format';
import { audienceText } from '../../lib/labels';
import type { CommuneChoice } from '../../ui/form/CommunePicker';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { Fieldset, FieldsetElement } from '../../ui/form/Fieldset';
import { SelectField } from '../../ui/form/SelectField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { fieldId, useForm } from '../../ui/form/useForm';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { audienceChoice } from './audiences';
import { CommuneField } from './CommuneField';
import { EarlierHandOuts } from './EarlierHandOuts';
import {
  EMPTY,
  type HandOutValues,
  handedOutText,
  LABELS,
  toHandOutInput,
  validateHandOut,
} from './handOutForm';
import { residenceOf } from './residence';

interface Props {
  organisationId: string;
  booklets: StockBooklet[];
  programs: ProgramSummary[];
}

export function HandOutForm({ organisationId, booklets, programs }: Props) {
  const form = useForm(EMPTY, (v) => validateHandOut(v, residenceOf(v.serial, booklets).length > 0), [
    'beneficiary',
  ]);
  const handOut = useHandOut(organisationId);
  const [done, setDone] = useState<{
    result: HandOutResult;
    name: string;
    /** where the passes are accepted near the person: their programme's directory, on their commune */
    directory: { href: string; commune: string | null } | null;
  } | null>(null);
  // The commune chosen in the box, its name for the link to the directory after the hand-out.
  const [commune, setCommune] = useState<CommuneChoice | null>(null);
  const [earlier, setEarlier] = useState<EarlierHandOut[] | null>(null);
  // A person of close name and birth date was served already: the agent says who this is.
  const [closeSpelling, setCloseSpelling] = useState(false);
  const [otherPerson, setOtherPerson] = useState(false);
  const audiences = audienceChoice(form.values.serial, booklets, programs);
  const residence = residenceOf(form.values.serial, booklets);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    setEarlier(null);
    if (!form.check()) return;
    const input = {
      ...toHandOutInput(form.values),
      ...(closeSpelling && otherPerson ? { confirmNewPerson: true } : {}),
    };
    handOut.mutate(input, {
      onSuccess: (result) => {
        setDone({
          result,
          name: `${input.beneficiary.firstName} ${input.beneficiary.lastName}`,
          // The box's last choice, if it is the commune sent (a choice cleared since is not).
          directory: directoryAfterHandOut(
            booklets,
            result.serial,
            commune?.code === input.beneficiary.communeCode ? commune : null,
          ),
        });
        setCloseSpelling(false);
        setOtherPerson(false);
        form.reset();
      },
      onError: (e) => {
        form.showApiError(e);
        if (isApiError(e)) setEarlier(e.problem.earlierHandOuts ?? null);
        setCloseSpelling(isApiError(e) && e.problem.code === 'beneficiary_possible_duplicate');
      },
    });
  };

  const text = (name: keyof HandOutValues, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={name}
      label={LABELS[name]}
      required
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
      {...extra}
    />
  );

  return (
    <>
      {done && (
        <SuccessPanel key={done.result.beneficiaryId} as="h3" title="Carnet remis">
          <p>{handedOutText(done.result, done.name)}</p>
          {done.directory && (
            <p>
              Où utiliser ces pass :{' '}
              <a className={fr.cx('fr-link')} href={done.directory.href}>
                {done.directory.commune
                  ? `trouver un lieu près ${elide('de', done.directory.commune)}`
                  : 'trouver un lieu'}
              </a>
            </p>
          )}
        </SuccessPanel>
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      {earlier && (
        <EarlierHandOuts
          handOuts={earlier}
          caption={
            closeSpelling
              ? 'Personnes au nom et à la date de naissance proches ayant déjà reçu un carnet de ce dispositif'
              : undefined
          }
        />
      )}
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        {text('serial', {
          hint: 'Tel qu’imprimé sur la couverture, par exemple C00001-0000001-8 ; espaces et tirets facultatifs. Vous pouvez aussi le scanner.',
          autoComplete: 'off',
          className: 'pn-narrow',
          // A scanner ends the serial with Enter: on to the person's first name.
          onEnter: () => document.getElementById(fieldId('beneficiary.firstName'))?.focus(),
        })}
        <Fieldset
          name="beneficiary"
          legend="Bénéficiaire"
          hint="Seules ces informations sont demandées : elles servent à vérifier que la personne relève du dispositif et à en suivre l’usage."
          error={form.errors.beneficiary}
        >
          <FieldsetElement inline>{text('beneficiary.firstName', { autoComplete: 'off' })}</FieldsetElement>
          <FieldsetElement inline>{text('beneficiary.lastName', { autoComplete: 'off' })}</FieldsetElement>
          <FieldsetElement>
            {text('beneficiary.birthDate', { type: 'date', className: 'pn-narrow', min: '1900-01-01' })}
          </FieldsetElement>
          <FieldsetElement>
            <CommuneField
              // A new search box after each hand-out, like the rest of the form.
              key={done?.result.serial}
              value={form.values['beneficiary.communeCode']}
              onChange={form.set('beneficiary.communeCode')}
              error={form.errors['beneficiary.communeCode']}
              within={residence}
              onChoose={setCommune}
            />
          </FieldsetElement>
          <FieldsetElement>
            <SelectField
              name="beneficiary.audience"
              label={LABELS['beneficiary.audience']}
              hint={
                audiences.programName
                  ? `Publics du dispositif « ${audiences.programName} ».`
                  : 'Publics des dispositifs de vos carnets.'
              }
              placeholder="Choisissez un public"
              required
              options={audiences.audiences.map((a) => ({ value: a.code, label: audienceText(a) }))}
              value={form.values['beneficiary.audience']}
              onChange={form.set('beneficiary.audience')}
              error={form.errors['beneficiary.audience']}
            />
          </FieldsetElement>
        </Fieldset>
        {closeSpelling && (
          <Checkbox
            options={[
              {
                label: 'C’est une autre personne : je lui remets le carnet',
                hintText:
                  'Vérifiez avec la personne (prénom, nom, commune) qu’elle n’a pas déjà reçu le carnet indiqué ci-dessus.',
                nativeInputProps: {
                  name: 'confirmNewPerson',
                  checked: otherPerson,
                  onChange: (e) => setOtherPerson(e.target.checked),
                },
              },
            ]}
          />
        )}
        <p className={fr.cx('fr-text--sm')}>
          Le carnet sera remis à la date du jour ({formatDate(todayInParis())}).
        </p>
        <SubmitButton pending={handOut.isPending}>Remettre le carnet</SubmitButton>
      </form>
    </>
  );
}

/**
 * The directory of the booklet's programme, open on the person's commune when one was chosen
 * in the box: the desk shows the person where the passes are accepted near home.
 */
function directoryAfterHandOut(booklets: StockBooklet[], serial: string, commune: CommuneChoice | null) {
  const booklet = booklets.find((b) => b.serial === serial);
  if (!booklet) return null;
  return {
    href: directoryAddress(
      booklet.programId,
      commune ? { commune: commune.code, nom: commune.label.replace(/ — commune$/, '') } : {},
    ),
    commune: commune?.name ?? null,
  };
}
