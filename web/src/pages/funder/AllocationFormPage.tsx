import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useFinance } from '../../api/finance';
import { useAllocate, useEnvelopeStock, usePrescribers } from '../../api/passes';
import type { AllocationInput, Envelope, Organisation } from '../../api/types';
import { agree, counted, formatInt } from '../../lib/format';
import { parseNonNegativeInt } from '../../lib/parse';
import { normalizeSerial } from '../../lib/serial';
import { ChoiceField } from '../../ui/form/ChoiceField';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { RadioField } from '../../ui/form/RadioField';
import { SelectField } from '../../ui/form/SelectField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { useForm } from '../../ui/form/useForm';
import { Loading } from '../../ui/Loading';
import { AllocationResult } from './allocation/AllocationResult';
import { type AllocationValues, EMPTY, LABELS, validate, WAYS } from './allocation/allocationForm';
import { nameSerials, parseSerialList } from './booklets/serialList';
import { ProgramFormFrame } from './ProgramFormFrame';

const TITLE = 'Confier des carnets à un prescripteur';

export function AllocationFormPage({ programId }: { programId: string }) {
  return (
    <ProgramFormFrame
      programId={programId}
      title={TITLE}
      crumb="Confier des carnets"
      intro="Les carnets sont pris dans le stock du financeur pour ce dispositif : les plus anciens, ceux d’une enveloppe, une plage de numéros ou des carnets choisis. Le prescripteur les remet ensuite aux bénéficiaires."
    >
      {(p) => <Prescribers programId={programId} funderId={p.funderId} envelopes={p.allEnvelopes} />}
    </ProgramFormFrame>
  );
}

function Prescribers({
  programId,
  funderId,
  envelopes,
}: {
  programId: string;
  funderId: string;
  envelopes: Envelope[];
}) {
  const prescribers = usePrescribers(funderId);
  const stock = useEnvelopeStock(
    programId,
    envelopes.map((e) => e.id),
  );
  if (prescribers.isPending || stock.isPending)
    return <Loading what="Chargement des prescripteurs et du stock…" />;
  if (prescribers.isError) {
    return (
      <Alert
        severity="warning"
        as="h2"
        title="Liste des prescripteurs indisponible"
        description="La liste des prescripteurs de ce financeur n’a pas pu être chargée : les carnets ne peuvent pas être confiés pour le moment."
      />
    );
  }
  if (prescribers.data.length === 0) {
    return <p>Aucun prescripteur n’est encore enregistré pour ce financeur.</p>;
  }
  return (
    <AllocationForm
      programId={programId}
      prescribers={prescribers.data}
      envelopes={envelopes.map((e) => ({ ...e, inStock: stock.inStock.get(e.id) ?? null }))}
    />
  );
}

/** What the API takes for the chosen way (the form has checked every field it uses). */
function bodyOf(v: AllocationValues): AllocationInput {
  const base = { prescriberId: v.prescriberId };
  const count = parseNonNegativeInt(v.count);
  switch (v.way) {
    case 'range':
      return {
        ...base,
        firstSerial: normalizeSerial(v.firstSerial),
        lastSerial: normalizeSerial(v.lastSerial),
      };
    case 'chosen':
      return { ...base, serials: parseSerialList(v.serials) };
    case 'envelope':
      return { ...base, envelopeId: v.envelopeId, count: count.ok ? count.value : 0 };
    default:
      return { ...base, count: count.ok ? count.value : 0 };
  }
}

/** An envelope and how many of its booklets are in the funder's stock (null: not known). */
type StockedEnvelope = Envelope & { inStock: number | null };

/**
 * The envelope's option: one without booklets left in stock is shown, not offered, and says
 * why; the others keep their name alone.
 */
function envelopeOption(e: StockedEnvelope) {
  return e.inStock === 0
    ? { value: e.id, label: `${e.name} (aucun carnet en stock)`, disabled: true }
    : { value: e.id, label: e.name };
}

/**
 * Passes issued but not activated yet (no money received for them): a range, which names its
 * booklets, may hold some, and the prescriber could not hand them out before the money comes.
 */
function notActivatedHint(n: number): string {
  const passes = `${formatInt(n)} pass de ce dispositif ${agree(n, 'n’est pas encore activé', 'ne sont pas encore activés')}`;
  return `${passes}, faute de fonds versés : la plage peut comprendre des carnets non activés, que le prescripteur ne pourra remettre aux bénéficiaires qu’une fois les fonds versés.`;
}

function AllocationForm({
  programId,
  prescribers,
  envelopes,
}: {
  programId: string;
  prescribers: Organisation[];
  envelopes: StockedEnvelope[];
}) {
  // Offered as a way only while some envelope still has booklets to give.
  const withStock = envelopes.filter((e) => e.inStock !== 0);
  const form = useForm(EMPTY, validate(withStock.length > 0));
  const allocate = useAllocate(programId);
  const finance = useFinance(programId);
  const notActivated = finance.data?.passes.find((p) => p.status === 'issued')?.n ?? 0;
  const chosenEnvelope = envelopes.find((e) => e.id === form.values.envelopeId);
  const [result, setResult] = useState<{ to: string; serials: string[]; unfunded: string[] } | null>(null);
  const way = form.values.way;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setResult(null);
    if (!form.check()) return;
    const to = prescribers.find((p) => p.id === form.values.prescriberId)?.name ?? 'Prescripteur';
    const body = bodyOf(form.values);
    allocate.mutate(body, {
      onSuccess: ({ serials, unfunded }) => {
        setResult({ to, serials, unfunded });
        form.reset();
      },
      onError: (e) => form.showApiError(nameSerials(e, body.serials ?? [])),
    });
  };

  const ways = WAYS.filter((w) => w.value !== 'envelope' || withStock.length > 0);
  return (
    <>
      {result && (
        <AllocationResult
          key={result.serials[0]}
          to={result.to}
          serials={result.serials}
          unfunded={result.unfunded}
        />
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <ChoiceField
          name="prescriberId"
          label={LABELS.prescriberId}
          placeholder="Choisissez un prescripteur"
          required
          options={prescribers.map((p) => ({ value: p.id, label: p.name }))}
          value={form.values.prescriberId}
          onChange={form.set('prescriberId')}
          error={form.errors.prescriberId}
          noun={['prescripteur', 'prescripteurs']}
        />
        <RadioField
          name="way"
          legend={LABELS.way}
          options={ways}
          value={way}
          onChange={form.set('way')}
          error={form.errors.way}
        />
        {way === 'envelope' && (
          <SelectField
            name="envelopeId"
            label={LABELS.envelopeId}
            placeholder="Choisissez une enveloppe"
            required
            options={envelopes.map(envelopeOption)}
            value={form.values.envelopeId}
            onChange={form.set('envelopeId')}
            error={form.errors.envelopeId}
          />
        )}
        {(way === 'oldest' || way === 'envelope') && (
          <TextField
            name="count"
            label={LABELS.count}
            hint={
              way === 'envelope' && chosenEnvelope?.inStock
                ? `${counted(chosenEnvelope.inStock, 'carnet', 'carnets')} en stock dans cette enveloppe.`
                : undefined
            }
            inputMode="numeric"
            className="pn-narrow"
            required
            autoComplete="off"
            value={form.values.count}
            onChange={form.set('count')}
            error={form.errors.count}
          />
        )}
        {way === 'range' && (
          <>
            {notActivated > 0 && (
              <p id="plage-non-activee" className={fr.cx('fr-text--sm')}>
                {notActivatedHint(notActivated)}
              </p>
            )}
            <TextField
              name="firstSerial"
              label={LABELS.firstSerial}
              hint="Numéro imprimé sur la couverture, par exemple C00001-0000001-8."
              className="pn-narrow"
              required
              autoComplete="off"
              value={form.values.firstSerial}
              onChange={form.set('firstSerial')}
              error={form.errors.firstSerial}
              describedBy={notActivated > 0 ? 'plage-non-activee' : undefined}
            />
            <TextField
              name="lastSerial"
              label={LABELS.lastSerial}
              className="pn-narrow"
              required
              autoComplete="off"
              value={form.values.lastSerial}
              onChange={form.set('lastSerial')}
              error={form.errors.lastSerial}
              describedBy={notActivated > 0 ? 'plage-non-activee' : undefined}
            />
          </>
        )}
        {way === 'chosen' && (
          <TextField
            name="serials"
            label={LABELS.serials}
            hint="Un numéro par ligne, ou séparés par des virgules."
            textArea
            rows={4}
            required
            autoComplete="off"
            value={form.values.serials}
            onChange={form.set('serials')}
            error={form.errors.serials}
          />
        )}
        <div className="pn-actions">
          <SubmitButton pending={allocate.isPending}>Confier les carnets</SubmitButton>
          <Link
            to="/financeur/programmes/$programId/carnets"
            params={{ programId }}
            className={fr.cx('fr-link')}
          >
            Voir les carnets du dispositif
          </Link>
          <Link to="/financeur/programmes/$programId" params={{ programId }} className={fr.cx('fr-link')}>
            Revenir au dispositif
          </Link>
        </div>
      </form>
    </>
  );
}
