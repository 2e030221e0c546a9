import type { QuestionInput, Questionnaire } from '../../../api/qualification';

/** A question as typed: points are text until sent. */
export type Draft = {
  label: string;
  kind: 'choice' | 'yes_no';
  yes: string;
  no: string;
  choices: { label: string; points: string }[];
};

export const emptyQuestion = (): Draft => ({
  label: '',
  kind: 'yes_no',
  yes: '1',
  no: '0',
  choices: [
    { label: '', points: '0' },
    { label: '', points: '1' },
  ],
});

/** The published version, to start a new one from. */
export function draftsOf(q: Questionnaire | null): Draft[] {
  if (!q) return [emptyQuestion()];
  return q.questions.map<Draft>((x) => ({
    label: x.label,
    kind: x.kind,
    yes: String(x.choices[0]?.points ?? 0),
    no: String(x.choices[1]?.points ?? 0),
    choices: x.choices.map((c) => ({ label: c.label, points: String(c.points) })),
  }));
}

/** Points as typed; anything but digits goes as NaN (null in JSON), which the server names. */
export const toInt = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

export function inputOf(drafts: Draft[]): QuestionInput[] {
  return drafts.map((d) =>
    d.kind === 'yes_no'
      ? { label: d.label, kind: 'yes_no', yesPoints: toInt(d.yes), noPoints: toInt(d.no) }
      : {
          label: d.label,
          kind: 'choice',
          choices: d.choices.map((c) => ({ label: c.label, points: toInt(c.points) })),
        },
  );
}

/**
 * Every field's name, the API's path of what it sends ('questions.0.yesPoints'), with the label
 * that names it in the error summary: a question's fields all read « Intitulé de la question »,
 * the summary says which question.
 */
export function fieldsOf(drafts: Draft[]): Record<string, string> {
  const labels: Record<string, string> = { passMark: PASS_MARK_LABEL };
  drafts.forEach((d, i) => {
    const q = `questions.${i}`;
    const n = i + 1;
    labels[q] = `Question ${n}`;
    labels[`${q}.label`] = `Intitulé de la question ${n}`;
    labels[`${q}.kind`] = `Type de réponse de la question ${n}`;
    if (d.kind === 'yes_no') {
      labels[`${q}.yesPoints`] = `Points pour « Oui » à la question ${n}`;
      labels[`${q}.noPoints`] = `Points pour « Non » à la question ${n}`;
    } else
      d.choices.forEach((_, k) => {
        labels[`${q}.choices.${k}.label`] = `Réponse ${k + 1} de la question ${n}`;
        labels[`${q}.choices.${k}.points`] = `Points de la réponse ${k + 1} de la question ${n}`;
      });
  });
  return labels;
}

export const PASS_MARK_LABEL = 'Seuil d’admission (en points)';
