import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { type Questionnaire, usePublishQuestionnaire } from '../../../api/qualification';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { Fieldset } from '../../../ui/form/Fieldset';
import { RadioField } from '../../../ui/form/RadioField';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { useForm } from '../../../ui/form/useForm';
import {
  type Draft,
  draftsOf,
  emptyQuestion,
  fieldsOf,
  inputOf,
  PASS_MARK_LABEL,
  toInt,
} from './questionnaireDraft';

// The server checks the questionnaire and words its refusals (points, labels, pass mark too high).
const noClientChecks = () => ({});

/**
 * A new version of the questionnaire, from the one in force. The server's refusals land on their
 * fields by their API paths (`questions.0.yesPoints`), and in the error summary that takes the focus.
 */
export function QuestionnaireForm({
  funderId,
  current,
  onPublished,
}: {
  funderId: string;
  current: Questionnaire | null;
  onPublished: (version: number) => void;
}) {
  const publish = usePublishQuestionnaire(funderId);
  const [drafts, setDrafts] = useState<Draft[]>(() => draftsOf(current));
  const labels = fieldsOf(drafts);
  const form = useForm({ passMark: current ? String(current.passMark) : '' }, noClientChecks, () =>
    Object.keys(labels),
  );
  const err = (name: string) => form.errors[name];
  /**
   * A question's field edited settles the server's complaint about it; a change of the type or
   * of the list of answers, every complaint about the question (its fields are others now).
   */
  const change = (i: number, patch: Partial<Draft>, field?: string) => {
    setDrafts((all) => all.map((d, k) => (k === i ? { ...d, ...patch } : d)));
    form.update((v) => v, field ? `questions.${i}.${field}` : `questions.${i}`);
  };
  /** Questions added or removed: renumbered, the complaints about them would point at the wrong one. */
  const renumber = (next: Draft[]) => {
    setDrafts(next);
    form.update((v) => v, 'questions');
  };
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    form.check();
    publish.mutate(
      { passMark: toInt(form.values.passMark), questions: inputOf(drafts) },
      { onSuccess: (r) => onPublished(r.version), onError: (e) => form.showApiError(e) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={labels} />
      {drafts.map((d, i) => (
        <div key={i} className={fr.cx('fr-mb-3w')}>
          <Fieldset name={`questions.${i}`} legend={`Question ${i + 1}`} error={err(`questions.${i}`)}>
            <div className={fr.cx('fr-fieldset__element')}>
              <TextField
                name={`questions.${i}.label`}
                label="Intitulé de la question"
                value={d.label}
                onChange={(v) => change(i, { label: v }, 'label')}
                error={err(`questions.${i}.label`)}
              />
              <RadioField
                name={`questions.${i}.kind`}
                legend="Type de réponse"
                inline
                value={d.kind}
                onChange={(v) => change(i, { kind: v as Draft['kind'] })}
                error={err(`questions.${i}.kind`)}
                options={[
                  { value: 'yes_no', label: 'Oui ou non' },
                  { value: 'choice', label: 'Choix dans une liste' },
                ]}
              />
              {d.kind === 'yes_no' ? (
                <>
                  <TextField
                    name={`questions.${i}.yesPoints`}
                    label="Points pour « Oui »"
                    inputMode="numeric"
                    className="pn-narrow"
                    value={d.yes}
                    onChange={(v) => change(i, { yes: v }, 'yesPoints')}
                    error={err(`questions.${i}.yesPoints`)}
                  />
                  <TextField
                    name={`questions.${i}.noPoints`}
                    label="Points pour « Non »"
                    inputMode="numeric"
                    className="pn-narrow"
                    value={d.no}
                    onChange={(v) => change(i, { no: v }, 'noPoints')}
                    error={err(`questions.${i}.noPoints`)}
                  />
                </>
              ) : (
                <Choices draft={d} i={i} err={err} change={change} />
              )}
              {drafts.length > 1 && (
                <Button
                  type="button"
                  size="small"
                  priority="tertiary no outline"
                  onClick={() => renumber(drafts.filter((_, k) => k !== i))}
                >
                  Retirer la question {i + 1}
                </Button>
              )}
            </div>
          </Fieldset>
        </div>
      ))}
      <Button
        type="button"
        priority="secondary"
        className={fr.cx('fr-mb-3w')}
        onClick={() => renumber([...drafts, emptyQuestion()])}
      >
        Ajouter une question
      </Button>
      <TextField
        name="passMark"
        label={PASS_MARK_LABEL}
        hint="Le score minimal qu’un lieu doit atteindre pour être approuvé."
        inputMode="numeric"
        className="pn-narrow"
        value={form.values.passMark}
        onChange={form.set('passMark')}
        error={err('passMark')}
      />
      <SubmitButton pending={publish.isPending}>
        Publier {current ? 'une nouvelle version du' : 'le'} questionnaire
      </SubmitButton>
    </form>
  );
}

/** The answers of a question chosen in a list, each with its points. */
function Choices({
  draft: d,
  i,
  err,
  change,
}: {
  draft: Draft;
  i: number;
  err: (name: string) => string | undefined;
  change: (i: number, patch: Partial<Draft>, field?: string) => void;
}) {
  const edit = (k: number, patch: Partial<Draft['choices'][number]>, field: 'label' | 'points') =>
    change(
      i,
      { choices: d.choices.map((x, j) => (j === k ? { ...x, ...patch } : x)) },
      `choices.${k}.${field}`,
    );
  return (
    <>
      {d.choices.map((c, k) => (
        <div key={k} className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <TextField
              name={`questions.${i}.choices.${k}.label`}
              label={`Réponse ${k + 1}`}
              value={c.label}
              onChange={(v) => edit(k, { label: v }, 'label')}
              error={err(`questions.${i}.choices.${k}.label`)}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <TextField
              name={`questions.${i}.choices.${k}.points`}
              label={`Points de la réponse ${k + 1}`}
              inputMode="numeric"
              value={c.points}
              onChange={(v) => edit(k, { points: v }, 'points')}
              error={err(`questions.${i}.choices.${k}.points`)}
            />
          </div>
        </div>
      ))}
      <Button
        type="button"
        size="small"
        priority="tertiary"
        onClick={() => change(i, { choices: [...d.choices, { label: '', points: '0' }] })}
      >
        Ajouter une réponse<span className={fr.cx('fr-sr-only')}> à la question {i + 1}</span>
      </Button>
    </>
  );
}
