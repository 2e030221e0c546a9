import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useFinance } from '../../api/finance';
import { useIssue } from '../../api/passes';
import type { BookletSize, Envelope, IssueResult } from '../../api/types';
import { formatInt, todayInParis } from '../../lib/format';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { RadioField } from '../../ui/form/RadioField';
import { RecordedDateFields } from '../../ui/form/RecordedDateFields';
import { SelectField } from '../../ui/form/SelectField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { useForm } from '../../ui/form/useForm';
import { IssueHistory } from './issue/IssueHistory';
import { IssueProgress } from './issue/IssueProgress';
import { IssueResultPanel } from './issue/IssueResultPanel';
import { EMPTY, type IssueValues, issueCountHint, LABELS, toIssueInput, validateIssue } from './issueForm';
import { ProgramFormFrame } from './ProgramFormFrame';

const TITLE = 'Émettre des carnets';
const BOOKLET_SIZES: BookletSize[] = [5, 10];

export function IssueFormPage({ programId }: { programId: string }) {
  return (
    <ProgramFormFrame
      programId={programId}
      title={TITLE}
      crumb="Émission de carnets"
      intro="Les carnets émis entrent dans le stock du financeur, d’où vous les confiez aux prescripteurs. Leurs pass sont activés dès que les fonds versés les couvrent."
    >
      {(p) => (
        <>
          <IssueForm
            programId={programId}
            sizes={p.state?.bookletSizes ?? []}
            plannedPasses={p.state?.plannedPasses ?? null}
            envelopes={p.envelopes}
          />
          <IssueHistory programId={programId} />
        </>
      )}
    </ProgramFormFrame>
  );
}

interface FormProps {
  programId: string;
  sizes: BookletSize[];
  /** as of today; null for a programme not in force */
  plannedPasses: number | null;
  envelopes: Envelope[];
}

function IssueForm({ programId, sizes, plannedPasses, envelopes }: FormProps) {
  // A programme with one booklet size leaves nothing to choose.
  const initial: IssueValues = {
    ...EMPTY,
    bookletSize: sizes.length === 1 ? String(sizes[0]) : '',
    issuedOn: todayInParis(),
  };
  const form = useForm(initial, validateIssue);
  const issue = useIssue(programId);
  const [result, setResult] = useState<IssueResult | null>(null);
  const input = toIssueInput(form.values);
  // The passes already issued, whatever they became since: what the plan counts.
  const finance = useFinance(programId);
  const issued = finance.data?.passes.reduce((sum, p) => sum + p.n, 0);
  const figures = plannedPasses !== null && issued !== undefined ? { planned: plannedPasses, issued } : null;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setResult(null);
    if (!form.check() || !input) return;
    issue.mutate(input, {
      onSuccess: (r) => {
        setResult(r);
        form.reset(initial);
      },
      onError: (e) => form.showApiError(e),
    });
  };

  const allowed = sizes.length ? `Ce dispositif admet des carnets de ${sizes.join(' ou ')} pass.` : undefined;
  // Only the sizes the deliberation allows: the server refuses the others. A programme read
  // without its state (none in force) still gets both, and the server's answer.
  const offered = sizes.length ? [...sizes].sort((a, b) => a - b) : BOOKLET_SIZES;
  return (
    <>
      {result && <IssueResultPanel key={result.batchId} programId={programId} result={result} />}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Sauf mention contraire, tous les champs sont obligatoires.</p>
        <TextField
          name="bookletCount"
          label={LABELS.bookletCount}
          hint={issueCountHint(input, figures)}
          inputMode="numeric"
          className="pn-narrow"
          required
          autoComplete="off"
          value={form.values.bookletCount}
          onChange={form.set('bookletCount')}
          error={form.errors.bookletCount}
        />
        <RadioField
          name="bookletSize"
          legend={LABELS.bookletSize}
          hint={allowed}
          inline
          options={offered.map((n) => ({ value: String(n), label: `Carnets de ${n} pass` }))}
          value={form.values.bookletSize}
          onChange={form.set('bookletSize')}
          error={form.errors.bookletSize}
        />
        {envelopes.length > 0 && (
          <SelectField
            name="envelopeId"
            label={LABELS.envelopeId}
            hint="Les pass émis sur une enveloppe comptent dans son plafond ; hors enveloppe, dans les pass prévus que les plafonds des enveloppes ne réservent pas."
            placeholder="Aucune : sur le dispositif seulement"
            options={envelopes.map((e) => ({
              value: e.id,
              label: `${e.name} (plafond de ${formatInt(e.cap)} pass)`,
            }))}
            value={form.values.envelopeId}
            onChange={form.set('envelopeId')}
            error={form.errors.envelopeId}
          />
        )}
        <RecordedDateFields
          name="issuedOn"
          label={LABELS.issuedOn}
          date={form.values.issuedOn}
          reason={form.values.backdateReason}
          onDate={form.set('issuedOn')}
          onReason={form.set('backdateReason')}
          errors={form.errors}
        />
        <IssueProgress pending={issue.isPending} />
        <div className="pn-actions">
          <SubmitButton pending={issue.isPending}>Émettre les carnets</SubmitButton>
          <Link to="/financeur/programmes/$programId" params={{ programId }} className={fr.cx('fr-link')}>
            Revenir au dispositif
          </Link>
        </div>
      </form>
    </>
  );
}
