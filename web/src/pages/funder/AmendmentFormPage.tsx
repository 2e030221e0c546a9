import { fr } from '@codegouvfr/react-dsfr';
import { Link, useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { useCreateAmendment } from '../../api/programs';
import type { Audience, ProgramState, TimelineEntry } from '../../api/types';
import { formatCents, formatDate, formatInt, todayInParis } from '../../lib/format';
import { LEGAL_BODY_HINT, STATUS_LABELS } from '../../lib/labels';
import { setFlash } from '../../ui/flash';
import { CheckboxGroupField } from '../../ui/form/CheckboxGroupField';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { Fieldset, FieldsetElement } from '../../ui/form/Fieldset';
import { MoneyField } from '../../ui/form/MoneyField';
import { SelectField } from '../../ui/form/SelectField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { ConfirmCheckbox, useConfirmation } from '../../ui/form/useConfirmation';
import { useForm } from '../../ui/form/useForm';
import { useLeaveGuard } from '../../ui/form/useLeaveGuard';
import { budgetValues, COFUNDERS, lineFields } from './amendmentBudget';
import {
  type AmendmentField,
  type AmendmentValues,
  groupsOf,
  initialValues,
  LABELS,
  labelsOf,
  NO_AUDIENCE,
  rectifiedLater,
  shownOf,
  toAmendmentInput,
  validateAmendment,
} from './amendmentForm';
import { CofundersFields } from './CofundersFields';
import { AUDIENCE_OPTIONS } from './newProgramForm';
import { OtherAudiencesFields } from './OtherAudiencesFields';
import { AMENDED_OTHER } from './otherAudiencesForm';
import { ProgramFormFrame } from './ProgramFormFrame';
import { overriddenSentences } from './program/overridden';

const TITLE = 'Ajouter une délibération modificative';

export function AmendmentFormPage({ programId }: { programId: string }) {
  return (
    <ProgramFormFrame programId={programId} title={TITLE} crumb="Délibération modificative">
      {(p) => <AmendmentForm programId={programId} current={p.state} timeline={p.timeline} asOf={p.asOf} />}
    </ProgramFormFrame>
  );
}

/**
 * "Actuellement : …" under each change field, so people see what they are changing; « Au 1er
 * mars 2027 : … » when the form shows the programme on a later date (shownOf).
 */
function currentHints(s: ProgramState | null, on: string | null): Partial<Record<AmendmentField, string>> {
  if (!s) return {};
  const now = (v: string) => `${on ? `Au ${formatDate(on)}` : 'Actuellement'} : ${v}.`;
  return {
    'changes.plannedPasses': now(formatInt(s.plannedPasses)),
    'changes.faceValueCents': now(formatCents(s.faceValueCents)),
    'changes.calendar.distributionStart': now(formatDate(s.calendar.distributionStart)),
    'changes.calendar.distributionEnd': now(formatDate(s.calendar.distributionEnd)),
    'changes.calendar.usageEnd': now(formatDate(s.calendar.usageEnd)),
    'changes.calendar.closure': now(s.calendar.closure ? formatDate(s.calendar.closure) : 'non fixée'),
    'changes.status': now(STATUS_LABELS[s.status] ?? s.status),
    'changes.lateSessionDays': `Les séances données avant la fin d’utilisation peuvent être enregistrées pendant ce délai après elle. ${now(`${formatInt(s.lateSessionDays)} jours`)}`,
  };
}

function AmendmentForm({
  programId,
  current,
  timeline,
  asOf,
}: {
  programId: string;
  current: ProgramState | null;
  timeline: TimelineEntry[];
  /** The date `current` is the programme as of. */
  asOf: string;
}) {
  // Only amendments still in force can be rectified (a superseded one: rectify its rectification).
  const rectifiable = timeline.filter((e) => e.kind === 'amendment' && !e.supersededBy);
  // A rectifying amendment is measured against the programme without the one it rectifies (baseOf).
  const history = { timeline, asOf };
  const form = useForm<AmendmentValues>(
    initialValues(current),
    (v) => validateAmendment(v, current, history),
    groupsOf,
  );
  const leave = useLeaveGuard(form.changed);
  // The programme shown and edited: today's, or on the later date of the amendment rectified.
  const later = rectifiedLater(form.values, history);
  const shown = shownOf(form.values, current, history);
  const labels = labelsOf(shown, form.values);
  const create = useCreateAmendment(programId);
  const navigate = useNavigate();
  const hints = currentHints(shown, later);
  // Choosing the amendment to rectify fills the budget and publics with those shown: the ones
  // that amendment set when it takes effect later, today's otherwise.
  const chooseRectified = (id: string) =>
    form.update((prev) => {
      const next = { ...prev, rectifies: id };
      if (!rectifiedLater(prev, history) && !rectifiedLater(next, history)) return next;
      // The budget's rows as the new programme shown has them (its co-funders may be fewer).
      const kept = Object.entries(next).filter(([k]) => !k.startsWith('changes.budget.'));
      const after = shownOf(next, current, history);
      return {
        ...(Object.fromEntries(kept) as AmendmentValues),
        ...budgetValues(after),
        'changes.audiences': '',
      };
    }, 'changes.budget');
  const today = todayInParis();
  // What the server says a usage end already past would do; confirmed for that end only.
  const pastEnd = useConfirmation('usage_end_in_past', form.values['changes.calendar.usageEnd']);
  // A payer's share cut below what it paid; confirmed for that budget only.
  const budgetNow = JSON.stringify(
    Object.entries(form.values).filter(([k]) => k.startsWith('changes.budget.')),
  );
  const shareCut = useConfirmation('share_below_paid', budgetNow);

  const field = (name: AmendmentField, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={name}
      label={LABELS[name]}
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
      hint={hints[name]}
      {...extra}
    />
  );
  const date = (name: AmendmentField, required = false) =>
    field(name, { type: 'date', required, className: 'pn-narrow' });
  const count = (name: AmendmentField, hint = hints[name]) =>
    field(name, { inputMode: 'numeric', className: 'pn-narrow', hint });

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const input = toAmendmentInput(form.values, current, history);
    create.mutate(
      {
        ...input,
        ...(pastEnd.confirmed && { confirmPastUsageEnd: true }),
        ...(shareCut.confirmed && { confirmShareBelowPaid: true }),
      },
      {
        onSuccess: (entry) => {
          const later =
            entry.effectiveOn > today ? ` Elle prendra effet le ${formatDate(entry.effectiveOn)}.` : '';
          // Decided before one already recorded for the same day: what it sets again never counts.
          const overridden = overriddenSentences(entry, (id) => timeline.find((e) => e.id === id));
          setFlash(
            [`La délibération n° ${entry.legal.number} a été enregistrée.${later}`, ...overridden].join(' '),
            overridden.length > 0 ? 'warning' : 'success',
          );
          leave.release();
          void navigate({ to: '/financeur/programmes/$programId', params: { programId } });
        },
        onError: (e) => {
          form.showApiError(e);
          pastEnd.onError(e);
          shareCut.onError(e);
        },
      },
    );
  };

  return (
    <>
      <ErrorSummary
        problem={form.problem}
        attempt={form.attempt}
        labels={{
          ...labels,
          confirmPastUsageEnd: LABELS['changes.calendar.usageEnd'],
          confirmShareBelowPaid: LABELS['changes.budget'],
        }}
      />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>
          Sauf mention contraire, les champs de la délibération sont obligatoires. Les dates se saisissent au
          format jj/mm/aaaa.
        </p>
        <Fieldset name="legal" legend="La délibération" error={form.errors.legal}>
          {rectifiable.length > 0 && (
            <FieldsetElement>
              <SelectField
                name="rectifies"
                label={LABELS.rectifies}
                hint="Seulement pour une délibération rectificative : celle qu’elle corrige cessera de compter, à toute date, et restera visible dans l’historique. Les modifications ci-dessous remplacent alors les siennes : un champ laissé vide revient à sa valeur d’avant elle, le budget et les publics sont enregistrés tels qu’affichés."
                placeholder="Aucune : délibération modificative ordinaire"
                value={form.values.rectifies}
                onChange={chooseRectified}
                error={form.errors.rectifies}
                options={rectifiable.map((e) => ({
                  value: e.id,
                  label: `n° ${e.legal.number}, en vigueur le ${formatDate(e.effectiveOn)}`,
                }))}
              />
            </FieldsetElement>
          )}
          <FieldsetElement>{date('effectiveOn', true)}</FieldsetElement>
          <FieldsetElement>
            {field('legal.body', {
              required: true,
              hint: LEGAL_BODY_HINT,
            })}
          </FieldsetElement>
          <FieldsetElement>
            {field('legal.number', { required: true, className: 'pn-narrow' })}
          </FieldsetElement>
          <FieldsetElement>{date('legal.decidedOn', true)}</FieldsetElement>
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

        <Fieldset
          name="changes"
          legend="Ce que la délibération modifie"
          hint="Ne remplissez que les champs modifiés : un champ vide reste inchangé."
          error={form.errors.changes}
        >
          <FieldsetElement>{count('changes.plannedPasses')}</FieldsetElement>
          <FieldsetElement>
            <MoneyField
              name="changes.faceValueCents"
              label={LABELS['changes.faceValueCents']}
              value={form.values['changes.faceValueCents']}
              onChange={form.set('changes.faceValueCents')}
              error={form.errors['changes.faceValueCents']}
              hint={hints['changes.faceValueCents']}
            />
          </FieldsetElement>
          <FieldsetElement>{date('changes.calendar.distributionStart')}</FieldsetElement>
          <FieldsetElement>{date('changes.calendar.distributionEnd')}</FieldsetElement>
          <FieldsetElement>{date('changes.calendar.usageEnd')}</FieldsetElement>
          {pastEnd.detail !== null && (
            <FieldsetElement>
              <ConfirmCheckbox
                name="confirmPastUsageEnd"
                label="Je confirme cette fin d’utilisation déjà passée"
                of={pastEnd}
              />
            </FieldsetElement>
          )}
          <FieldsetElement>{date('changes.calendar.closure')}</FieldsetElement>
          <FieldsetElement>
            <SelectField
              name="changes.status"
              label={LABELS['changes.status']}
              hint={hints['changes.status']}
              placeholder="Inchangé"
              value={form.values['changes.status']}
              onChange={form.set('changes.status')}
              error={form.errors['changes.status']}
              options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </FieldsetElement>
          <FieldsetElement>{count('changes.lateSessionDays')}</FieldsetElement>
          <FieldsetElement>
            <AudiencesField
              current={shown?.audiences ?? []}
              on={later}
              value={form.values['changes.audiences']}
              onChange={form.set('changes.audiences')}
              error={form.errors['changes.audiences']}
            />
          </FieldsetElement>
          <FieldsetElement>
            <OtherAudiencesFields
              prefix={AMENDED_OTHER}
              hint="Facultatif. Un public que la délibération ajoute, absent de la liste ci-dessus, écrit comme elle l’écrit."
              values={form.values}
              errors={form.errors}
              set={form.set}
              update={form.update}
            />
          </FieldsetElement>
        </Fieldset>

        <Fieldset
          name="changes.budget"
          legend="Budget"
          hint={
            later
              ? `Le budget en vigueur le ${formatDate(later)}, celui de la délibération rectifiée : modifiez ce que la délibération rectificative change. Les cofinanceurs ci-dessous remplacent sa liste.`
              : 'Le budget en vigueur aujourd’hui : modifiez ce que la délibération change. Les cofinanceurs ci-dessous remplacent la liste actuelle.'
          }
          error={form.errors['changes.budget']}
        >
          {lineFields(shown).map(({ name, hint }) => (
            <FieldsetElement key={name}>
              <MoneyField
                name={name}
                label={labels[name]}
                value={form.values[name] ?? ''}
                onChange={form.set(name)}
                error={form.errors[name]}
                hint={hint}
              />
            </FieldsetElement>
          ))}
          <FieldsetElement>
            <CofundersFields
              list={COFUNDERS}
              values={form.values}
              errors={form.errors}
              set={form.set}
              update={form.update}
            />
          </FieldsetElement>
          {shareCut.detail !== null && (
            <FieldsetElement>
              <ConfirmCheckbox
                name="confirmShareBelowPaid"
                label="Je confirme cette part inférieure à ce que le payeur a déjà versé"
                of={shareCut}
              />
            </FieldsetElement>
          )}
        </Fieldset>

        <div className="pn-actions">
          <SubmitButton pending={create.isPending}>Enregistrer</SubmitButton>
          <Link to="/financeur/programmes/$programId" params={{ programId }} className={fr.cx('fr-link')}>
            Annuler et revenir au dispositif
          </Link>
        </div>
      </form>
    </>
  );
}

/**
 * The publics, ticked from a list with their labels (never typed as codes): the programme's
 * current ones first, ticked, then the platform's standard ones. Left as they are: unchanged.
 */
function AudiencesField(p: {
  current: Audience[];
  /** the later date `current` is the programme's publics on (a rectified amendment's) */
  on: string | null;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const currentCodes = p.current.map((a) => a.code).join(',');
  const options = [
    ...p.current.map((a) => ({ value: a.code, label: a.label })),
    ...AUDIENCE_OPTIONS.filter((o) => !p.current.some((a) => a.code === o.value)),
  ];
  const shown = p.value === '' ? currentCodes : p.value === NO_AUDIENCE ? '' : p.value;
  return (
    <CheckboxGroupField
      name="changes.audiences"
      legend={LABELS['changes.audiences']}
      hint={`Cochez les publics du dispositif après cette délibération. ${p.on ? `Au ${formatDate(p.on)}` : 'Actuellement'} : ${p.current.map((a) => a.label).join(', ') || 'aucun'}.`}
      options={options}
      value={shown}
      onChange={(next) => p.onChange(next === currentCodes ? '' : next || NO_AUDIENCE)}
      error={p.error}
    />
  );
}
