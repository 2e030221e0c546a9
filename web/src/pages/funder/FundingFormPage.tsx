import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { PHASE_LABELS } from '../../../../src/core/program/status';
import { isApiError } from '../../api/client';
import { usePayers, useRecordFunding } from '../../api/finance';
import { formatCents, formatDate, todayInParis } from '../../lib/format';
import { parseEurosToCents } from '../../lib/parse';
import { BACKDATE_REASON_LABEL, recordedDateErrors, recordedDateInput } from '../../lib/recordedDate';
import { setFlash } from '../../ui/flash';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { MoneyField } from '../../ui/form/MoneyField';
import { RecordedDateFields } from '../../ui/form/RecordedDateFields';
import { SelectField } from '../../ui/form/SelectField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { fundingRecordedMessage } from './fundingMessage';
import { ProgramFormFrame } from './ProgramFormFrame';

const TITLE = 'Enregistrer un versement';

const EMPTY = { payer: '', amountCents: '', receivedOn: '', backdateReason: '', reference: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  payer: 'Payeur',
  amountCents: 'Montant reçu, en euros',
  receivedOn: 'Date de réception',
  backdateReason: BACKDATE_REASON_LABEL,
  reference: 'Référence du versement',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.payer) e.payer = 'Choisissez qui a versé ces fonds.';
  const amount = parseEurosToCents(v.amountCents);
  if (!v.amountCents.trim()) e.amountCents = 'Indiquez le montant reçu.';
  else if (!amount.ok) e.amountCents = amount.error;
  else if (amount.value === 0) e.amountCents = 'Le montant doit être supérieur à 0 €.';
  if (!v.reference.trim()) e.reference = 'Indiquez la référence du versement.';
  return { ...e, ...recordedDateErrors('receivedOn', v.receivedOn, v.backdateReason) };
}

export function FundingFormPage({ programId }: { programId: string }) {
  return (
    <ProgramFormFrame
      programId={programId}
      title={TITLE}
      crumb="Versement reçu"
      intro="Un pass ne circule que si sa valeur est sur le compte du dispositif : enregistrer les fonds reçus active aussitôt les pass émis qu’ils couvrent, dans l’ordre d’émission."
    >
      {(p) => (
        <>
          {(p.status === 'usage_closed' || p.status === 'closed') && <AfterUsage phase={p.status} />}
          <FundingForm programId={programId} />
        </>
      )}
    </ProgramFormFrame>
  );
}

/**
 * Money a payer sends after the usage end (a co-funder's last instalment) activates no pass:
 * the page said it would activate passes, and nothing said where the money goes.
 */
function AfterUsage({ phase }: { phase: 'usage_closed' | 'closed' }) {
  return (
    <Alert
      severity="info"
      small
      className={fr.cx('fr-mb-4w')}
      description={`Aujourd’hui, le dispositif est au statut « ${PHASE_LABELS[phase]} » : un versement enregistré maintenant n’active aucun pass. Il compte dans ce que ce payeur a versé ; l’argent reçu et jamais activé est rendu aux payeurs au bilan de clôture, au prorata de ce que chacun a versé.`}
    />
  );
}

function FundingForm({ programId }: { programId: string }) {
  // Money usually arrives the day it is recorded; a late entry gives its date and why.
  const form = useForm({ ...EMPTY, receivedOn: todayInParis() }, validate);
  const record = useRecordFunding(programId);
  const navigate = useNavigate();
  // The payers are the funder and its co-funders as of the date the money was received.
  const payers = usePayers(programId, form.values.receivedOn);
  const payer = payers.data?.find((p) => p.name === form.values.payer);
  // A programme without co-funders has one payer, the funder itself: nothing to choose.
  const onlyPayer = payers.data?.length === 1 ? payers.data[0]!.name : null;
  useEffect(() => {
    if (onlyPayer !== null && form.values.payer === '') form.set('payer')(onlyPayer);
  }, [onlyPayer, form.values.payer, form.set]);
  // A payer chosen, then a date typed when it was no co-funder: it stays chosen, and the field
  // says so (it was silently replaced by the funder, and the money recorded under its name).
  const payerAbsent =
    form.values.payer !== '' && payers.data !== undefined && !payers.isPlaceholderData && !payer;
  const payerError =
    form.errors.payer ??
    (payerAbsent
      ? `« ${form.values.payer} » n’est pas un payeur du dispositif au ${formatDate(form.values.receivedOn)} : vérifiez la date de réception, ou choisissez un autre payeur.`
      : undefined);
  const payerOptions = [
    ...(payers.data ?? []).map((p) => ({ value: p.name, label: p.name })),
    ...(payerAbsent ? [{ value: form.values.payer, label: form.values.payer }] : []),
  ];
  // Set when the server answered that this funding takes the payer past its share.
  const [overShare, setOverShare] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  // Set when the server answered that the same funding is already recorded (a double entry?).
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [duplicateConfirmed, setDuplicateConfirmed] = useState(false);
  /** A confirmation holds for the values it was given for. */
  const unconfirm = () => {
    setOverShare(null);
    setConfirmed(false);
    setDuplicate(null);
    setDuplicateConfirmed(false);
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const v = form.values;
    const amount = parseEurosToCents(v.amountCents);
    if (!amount.ok) return; // already reported by check()
    record.mutate(
      {
        payer: v.payer.trim(),
        amountCents: amount.value,
        receivedOn: v.receivedOn,
        ...recordedDateInput(v.receivedOn, v.backdateReason),
        reference: v.reference.trim(),
        confirmOverShare: overShare !== null && confirmed,
        confirmDuplicate: duplicate !== null && duplicateConfirmed,
      },
      {
        onSuccess: (r) => {
          setFlash(fundingRecordedMessage(amount.value, r.activatedPasses));
          void navigate({ to: '/financeur/programmes/$programId', params: { programId } });
        },
        onError: (e) => {
          form.showApiError(e);
          if (isApiError(e) && e.code === 'payer_share_exceeded') setOverShare(e.detail);
          if (isApiError(e) && e.code === 'duplicate_funding') setDuplicate(e.detail);
        },
      },
    );
  };

  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <SelectField
          name="payer"
          label={LABELS.payer}
          hint={
            payer
              ? `Part au budget : ${formatCents(payer.shareCents)} ; déjà versé : ${formatCents(payer.receivedCents)}.`
              : 'Le financeur lui-même ou l’un des cofinanceurs du dispositif à la date de réception.'
          }
          placeholder="Choisissez le payeur"
          required
          options={payerOptions}
          value={form.values.payer}
          onChange={(v) => {
            unconfirm();
            form.set('payer')(v);
          }}
          error={payerError}
        />
        <MoneyField
          name="amountCents"
          label={LABELS.amountCents}
          hint="Par exemple : 244 450,00"
          required
          value={form.values.amountCents}
          onChange={(v) => {
            unconfirm();
            form.set('amountCents')(v);
          }}
          error={form.errors.amountCents}
        />
        <RecordedDateFields
          name="receivedOn"
          label={LABELS.receivedOn}
          date={form.values.receivedOn}
          reason={form.values.backdateReason}
          onDate={form.set('receivedOn')}
          onReason={form.set('backdateReason')}
          errors={form.errors}
        />
        <TextField
          name="reference"
          label={LABELS.reference}
          hint="Par exemple le numéro du titre de recette ou du virement."
          required
          autoComplete="off"
          value={form.values.reference}
          onChange={(v) => {
            unconfirm();
            form.set('reference')(v);
          }}
          error={form.errors.reference}
        />
        {overShare && (
          <Checkbox
            options={[
              {
                label: 'Je confirme ce versement au-delà de la part de ce payeur',
                hintText: overShare,
                nativeInputProps: {
                  name: 'confirmOverShare',
                  checked: confirmed,
                  onChange: (e) => setConfirmed(e.target.checked),
                },
              },
            ]}
          />
        )}
        {duplicate && (
          <Checkbox
            options={[
              {
                label: 'Je confirme qu’il s’agit d’un second versement, identique au premier',
                hintText: duplicate,
                nativeInputProps: {
                  name: 'confirmDuplicate',
                  checked: duplicateConfirmed,
                  onChange: (e) => setDuplicateConfirmed(e.target.checked),
                },
              },
            ]}
          />
        )}
        <div className="pn-actions">
          <SubmitButton pending={record.isPending}>Enregistrer le versement</SubmitButton>
          <Link to="/financeur/programmes/$programId" params={{ programId }} className={fr.cx('fr-link')}>
            Annuler et revenir au dispositif
          </Link>
        </div>
      </form>
    </>
  );
}
