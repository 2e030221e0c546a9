import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import {
  type QuestionInput,
  useCharter,
  usePublishCharter,
  usePublishQuestionnaire,
  useQuestionnaire,
} from '../../api/qualification';
import { useSession } from '../../api/session';
import { formatDateTimeParis } from '../../lib/format';
import { RadioField } from '../../ui/form/RadioField';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ProblemAlert } from './qualification/ProblemAlert';

const TITLE = 'Qualification des lieux';

/**
 * What the funder asks of a place before qualifying it (issue 11, point 4): its questionnaire
 * (questions, answers worth points, a pass mark) and its charter. Each change is a new version:
 * places' past answers and acceptances keep the version they saw.
 */
export function QualificationSettingsPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  const admin = isFunderAdmin(session, membership.funderId);
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Un lieu candidate à vos dispositifs en répondant à votre questionnaire, en acceptant votre charte et
        en donnant son compte bancaire. Vous ne pouvez l’approuver que si son score atteint le seuil
        d’admission. Toute modification crée une nouvelle version.
      </p>
      <QuestionnaireSection funderId={membership.funderId} admin={admin} />
      <CharterSection funderId={membership.funderId} admin={admin} />
    </>
  );
}

type Draft = {
  label: string;
  kind: 'choice' | 'yes_no';
  yes: string;
  no: string;
  choices: { label: string; points: string }[];
};
const emptyQuestion = (): Draft => ({
  label: '',
  kind: 'yes_no',
  yes: '1',
  no: '0',
  choices: [
    { label: '', points: '0' },
    { label: '', points: '1' },
  ],
});
const toInt = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

function QuestionnaireSection({ funderId, admin }: { funderId: string; admin: boolean }) {
  const current = useQuestionnaire(funderId);
  const publish = usePublishQuestionnaire(funderId);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [passMark, setPassMark] = useState('');
  const [done, setDone] = useState<number | null>(null);
  if (current.isPending) return <Loading what="Chargement du questionnaire…" />;
  if (current.isError) return <QueryError error={current.error} what="Le questionnaire" />;
  const q = current.data.current;
  const questions =
    drafts ??
    (q
      ? q.questions.map<Draft>((x) => ({
          label: x.label,
          kind: x.kind,
          yes: String(x.choices[0]?.points ?? 0),
          no: String(x.choices[1]?.points ?? 0),
          choices: x.choices.map((c) => ({ label: c.label, points: String(c.points) })),
        }))
      : [emptyQuestion()]);
  const mark = drafts ? passMark : q ? String(q.passMark) : passMark;
  const change = (i: number, patch: Partial<Draft>) => {
    setDrafts(questions.map((d, k) => (k === i ? { ...d, ...patch } : d)));
    if (!drafts) setPassMark(mark);
  };
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const input: QuestionInput[] = questions.map((d) =>
      d.kind === 'yes_no'
        ? { label: d.label, kind: 'yes_no', yesPoints: toInt(d.yes), noPoints: toInt(d.no) }
        : {
            label: d.label,
            kind: 'choice',
            choices: d.choices.map((c) => ({ label: c.label, points: toInt(c.points) })),
          },
    );
    publish.mutate(
      { passMark: toInt(mark), questions: input },
      {
        onSuccess: (r) => {
          setDone(r.version);
          setDrafts(null);
        },
      },
    );
  };
  return (
    <section aria-labelledby="questionnaire" className={fr.cx('fr-mt-4w')}>
      <h2 id="questionnaire">Questionnaire</h2>
      {q ? (
        <p>
          Version {q.version} en vigueur depuis le {formatDateTimeParis(q.createdAt)} : {q.questions.length}{' '}
          question{q.questions.length > 1 ? 's' : ''}, seuil d’admission {q.passMark} points sur {q.maxScore}.
        </p>
      ) : (
        <p>Aucun questionnaire n’est encore publié : les lieux ne peuvent pas encore candidater.</p>
      )}
      {done && (
        <SuccessPanel title={`Version ${done} du questionnaire publiée`} as="h3">
          <p>Les lieux répondent désormais à cette version.</p>
        </SuccessPanel>
      )}
      {admin && (
        <form onSubmit={onSubmit} noValidate>
          <ProblemAlert error={publish.error} />
          {questions.map((d, i) => (
            <fieldset
              key={i}
              className={fr.cx('fr-fieldset', 'fr-mb-3w')}
              aria-labelledby={`question-${i}-legende`}
            >
              <legend id={`question-${i}-legende`} className={fr.cx('fr-fieldset__legend')}>
                Question {i + 1}
              </legend>
              <div className={fr.cx('fr-fieldset__element')}>
                <TextField
                  name={`questions.${i}.label`}
                  label="Intitulé de la question"
                  value={d.label}
                  onChange={(v) => change(i, { label: v })}
                />
                <RadioField
                  name={`questions.${i}.kind`}
                  legend="Type de réponse"
                  inline
                  value={d.kind}
                  onChange={(v) => change(i, { kind: v as Draft['kind'] })}
                  options={[
                    { value: 'yes_no', label: 'Oui ou non' },
                    { value: 'choice', label: 'Choix dans une liste' },
                  ]}
                />
                {d.kind === 'yes_no' ? (
                  <>
                    <TextField
                      name={`questions.${i}.yes`}
                      label="Points pour « Oui »"
                      inputMode="numeric"
                      className="pn-narrow"
                      value={d.yes}
                      onChange={(v) => change(i, { yes: v })}
                    />
                    <TextField
                      name={`questions.${i}.no`}
                      label="Points pour « Non »"
                      inputMode="numeric"
                      className="pn-narrow"
                      value={d.no}
                      onChange={(v) => change(i, { no: v })}
                    />
                  </>
                ) : (
                  <>
                    {d.choices.map((c, k) => (
                      <div key={k} className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
                        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
                          <TextField
                            name={`questions.${i}.choices.${k}.label`}
                            label={`Réponse ${k + 1}`}
                            value={c.label}
                            onChange={(v) =>
                              change(i, {
                                choices: d.choices.map((x, j) => (j === k ? { ...x, label: v } : x)),
                              })
                            }
                          />
                        </div>
                        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                          <TextField
                            name={`questions.${i}.choices.${k}.points`}
                            label={`Points de la réponse ${k + 1}`}
                            inputMode="numeric"
                            value={c.points}
                            onChange={(v) =>
                              change(i, {
                                choices: d.choices.map((x, j) => (j === k ? { ...x, points: v } : x)),
                              })
                            }
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
                )}
                {questions.length > 1 && (
                  <Button
                    type="button"
                    size="small"
                    priority="tertiary no outline"
                    onClick={() => setDrafts(questions.filter((_, k) => k !== i))}
                  >
                    Retirer la question {i + 1}
                  </Button>
                )}
              </div>
            </fieldset>
          ))}
          <Button
            type="button"
            priority="secondary"
            className={fr.cx('fr-mb-3w')}
            onClick={() => {
              setPassMark(mark);
              setDrafts([...questions, emptyQuestion()]);
            }}
          >
            Ajouter une question
          </Button>
          <TextField
            name="passMark"
            label="Seuil d’admission (en points)"
            hint="Le score minimal qu’un lieu doit atteindre pour être approuvé."
            inputMode="numeric"
            className="pn-narrow"
            value={mark}
            onChange={(v) => {
              if (!drafts) setDrafts(questions);
              setPassMark(v);
            }}
          />
          <Button type="submit" disabled={publish.isPending}>
            Publier {q ? 'une nouvelle version du' : 'le'} questionnaire
          </Button>
        </form>
      )}
    </section>
  );
}

function CharterSection({ funderId, admin }: { funderId: string; admin: boolean }) {
  const current = useCharter(funderId);
  const publish = usePublishCharter(funderId);
  const [text, setText] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  if (current.isPending) return <Loading what="Chargement de la charte…" />;
  if (current.isError) return <QueryError error={current.error} what="La charte" />;
  const c = current.data.current;
  const value = text ?? c?.text ?? '';
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    publish.mutate(
      { text: value },
      {
        onSuccess: (r) => {
          setDone(r.version);
          setText(null);
        },
      },
    );
  };
  return (
    <section aria-labelledby="charte" className={fr.cx('fr-mt-6w')}>
      <h2 id="charte">Charte</h2>
      {c ? (
        <p>
          Version {c.version} en vigueur depuis le {formatDateTimeParis(c.createdAt)}. Une nouvelle version
          devra être acceptée à nouveau par chaque lieu.
        </p>
      ) : (
        <p>Aucune charte n’est encore publiée.</p>
      )}
      {done && (
        <SuccessPanel title={`Version ${done} de la charte publiée`} as="h3">
          <p>Les lieux doivent maintenant l’accepter.</p>
        </SuccessPanel>
      )}
      {admin ? (
        <form onSubmit={onSubmit} noValidate>
          <ProblemAlert error={publish.error} />
          <TextField
            name="text"
            label="Texte de la charte"
            textArea
            rows={8}
            value={value}
            onChange={setText}
          />
          <Button type="submit" disabled={publish.isPending}>
            Publier {c ? 'une nouvelle version de la' : 'la'} charte
          </Button>
        </form>
      ) : (
        c && <blockquote className="pn-prewrap">{c.text}</blockquote>
      )}
    </section>
  );
}
