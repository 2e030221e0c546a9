import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { formatIban } from '../../../../src/core/bank-account';
import { deName, points } from '../../../../src/core/french';
import { returnReasonLabel } from '../../../../src/core/sepa/return-reasons';
import {
  DECISION_LABELS,
  type FormerAccountTransfer,
  type PlaceDecision,
  type PlaceProgram,
  type PlaceQualification,
  type Questionnaire,
  type RecordedBankAccount,
  useLeaveProgram,
  usePlaceBankAccounts,
  usePlaceDecisions,
  usePlacePrograms,
  usePlaceQualification,
  usePlaceStep,
} from '../../api/qualification';
import { useSession } from '../../api/session';
import { usePlaceStatements } from '../../api/statements';
import { formatCents, formatDate, formatDateTimeParis } from '../../lib/format';
import { RadioField } from '../../ui/form/RadioField';
import { SelectField } from '../../ui/form/SelectField';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { isPlaceAdmin, placeMembership } from '../../ui/roles';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { fieldError, ProblemAlert } from '../funder/qualification/ProblemAlert';
import { LEFT_NOW, OWED, programStatus } from './qualification/standing';
import { charterStep, noProgramNote } from './qualification/steps';

const TITLE = 'Qualification du lieu';

/**
 * The place applies to the programmes of the funders it works with (issue 11, point 4): for
 * each, the steps (questionnaire, charter, bank account), its standing and the decisions with
 * their reasons. Only its admin commits the place; its agents read.
 */
export function QualificationPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = placeMembership(session);
  if (!membership) return null;
  const placeId = membership.organisationId;
  return (
    <Qualification
      placeId={placeId}
      admin={isPlaceAdmin(session, placeId)}
      hasPassword={session?.user.hasPassword ?? true}
    />
  );
}

function Qualification({
  placeId,
  admin,
  hasPassword,
}: {
  placeId: string;
  admin: boolean;
  hasPassword: boolean;
}) {
  const qualification = usePlaceQualification(placeId);
  const programs = usePlacePrograms(placeId);
  const decisions = usePlaceDecisions(placeId);
  if (qualification.isPending || programs.isPending || decisions.isPending)
    return <Loading what="Chargement de la qualification…" />;
  for (const q of [qualification, programs, decisions])
    if (q.isError) return <QueryError error={q.error} what="La qualification du lieu" />;
  const data = qualification.data as PlaceQualification;
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Pour encaisser les pass d’un dispositif, le lieu répond au questionnaire du financeur, accepte sa
        charte et donne son compte bancaire ; le financeur décide ensuite.
        {!admin && ' Seul l’administrateur du lieu peut candidater ou signer.'}
      </p>
      <BankAccountSection
        placeId={placeId}
        admin={admin}
        hasPassword={hasPassword}
        current={data.bankAccount}
      />
      {data.funders.length === 0 && <p>Aucun financeur ne travaille encore avec ce lieu.</p>}
      {data.funders.map((f) => (
        <section key={f.funderId} aria-labelledby={`financeur-${f.funderId}`} className={fr.cx('fr-mt-6w')}>
          <h2 id={`financeur-${f.funderId}`}>{f.funderName}</h2>
          {noProgramNote(f) && <p>{noProgramNote(f)}</p>}
          {/* Nothing to apply to: a charter not published is no step either. */}
          {(f.programs.length > 0 || f.charter) && <CharterStep placeId={placeId} admin={admin} funder={f} />}
          {f.programs.map((p) => (
            <ProgramStep
              key={p.programId}
              placeId={placeId}
              admin={admin}
              programName={p.programName}
              programId={p.programId}
              programClosed={!p.takesApplications}
              questionnaire={f.questionnaire}
              application={p.application}
              charter={charterStep(f)}
              bankDone={!!data.bankAccount}
              standing={(programs.data as PlaceProgram[]).find((x) => x.programId === p.programId)?.standing}
              decisions={(decisions.data as PlaceDecision[]).filter((d) => d.programId === p.programId)}
            />
          ))}
        </section>
      ))}
      {admin && <LeaveSection placeId={placeId} programs={(programs.data as PlaceProgram[]) ?? []} />}
    </>
  );
}

/**
 * « Nous ne prenons plus les pass de ce dispositif »: the place's admin chooses the programme and
 * says why, then confirms, knowing what follows (the desk refuses them at once; what was recorded
 * stays owed; the funder is told and may issue the final statement). A new entry of the history.
 */
function LeaveSection({ placeId, programs }: { placeId: string; programs: PlaceProgram[] }) {
  const leave = useLeaveProgram(placeId);
  const [programId, setProgramId] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [unchosen, setUnchosen] = useState(false);
  const chosen = programs.find((p) => p.programId === programId);
  if (programs.length === 0 && !done) return null;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    setUnchosen(!chosen);
    if (!chosen) return;
    // The server judges the reason (required, 1 000 characters at most): one wording, one judge.
    if (!confirming && reason.trim()) return setConfirming(true);
    leave.mutate(
      { programId, reason: reason.trim() },
      {
        onSuccess: () => {
          setDone(
            `Le lieu ne prend plus les pass de « ${chosen.programName} ». ${chosen.funderName} en est prévenu par e-mail.`,
          );
          setProgramId('');
          setReason('');
        },
        onSettled: () => setConfirming(false),
      },
    );
  };
  return (
    <section aria-labelledby="cesser" className={fr.cx('fr-mt-6w')}>
      <h2 id="cesser">Ne plus prendre les pass d’un dispositif</h2>
      <p>
        Le lieu ferme, ou n’a plus de médiateur ? Dites-le ici : le guichet refusera les pass du dispositif
        dès la confirmation. Les séances déjà enregistrées restent dues et figurent sur vos relevés. Vous
        pourrez candidater de nouveau plus tard.
      </p>
      {done && (
        <SuccessPanel as="h3" title="C’est enregistré.">
          <p>{done}</p>
        </SuccessPanel>
      )}
      {programs.length > 0 && (
        <form onSubmit={onSubmit} noValidate>
          <ProblemAlert error={leave.error} />
          <SelectField
            name="leave-program"
            label="Dispositif"
            placeholder="Choisissez un dispositif"
            required
            value={programId}
            onChange={(v) => {
              setProgramId(v);
              setConfirming(false);
            }}
            options={programs.map((p) => ({
              value: p.programId,
              label: `${p.programName} (${p.funderName})`,
            }))}
            error={
              unchosen
                ? 'Choisissez le dispositif dont le lieu ne prend plus les pass.'
                : fieldError(leave.error, 'programId')
            }
          />
          <TextField
            name="leave-reason"
            label="Motif"
            hint="Le financeur le lira, par e-mail et sur la page du lieu. 1 000 caractères au plus."
            textArea
            rows={3}
            required
            value={reason}
            onChange={(v) => {
              setReason(v);
              setConfirming(false);
            }}
            error={fieldError(leave.error, 'reason')}
          />
          {confirming && chosen && (
            <Alert
              severity="warning"
              small
              className="fr-mb-2w"
              description={`Vous confirmez que le lieu ne prend plus les pass de « ${chosen.programName} » ? ${LEFT_NOW} ${OWED}`}
            />
          )}
          <SubmitButton pending={leave.isPending}>
            {confirming ? 'Confirmer : nous ne prenons plus les pass de ce dispositif' : 'Continuer'}
          </SubmitButton>
          {confirming && (
            <Button
              type="button"
              priority="tertiary"
              className="fr-ml-2w"
              onClick={() => setConfirming(false)}
            >
              Annuler
            </Button>
          )}
        </form>
      )}
    </section>
  );
}

type Funder = PlaceQualification['funders'][number];

function CharterStep({ placeId, admin, funder }: { placeId: string; admin: boolean; funder: Funder }) {
  const accept = usePlaceStep<{ funderId: string; version: number; signatory: string }>(
    placeId,
    'applications/charter',
  );
  const [signatory, setSignatory] = useState('');
  const charter = funder.charter;
  const acceptance = funder.charterAcceptance;
  if (!charter) return <p>Ce financeur n’a pas encore publié de charte.</p>;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    accept.mutate({ funderId: funder.funderId, version: charter.version, signatory: signatory.trim() });
  };
  return (
    <>
      <h3 className={fr.cx('fr-h5')}>Charte (version {charter.version})</h3>
      <blockquote className="pn-prewrap">{charter.text}</blockquote>
      {acceptance?.current ? (
        <p>
          Acceptée le {formatDate(acceptance.acceptedOn)} par {acceptance.signatory}.
        </p>
      ) : (
        <>
          {acceptance && (
            <p>
              Le lieu a accepté la version {acceptance.version} ; le financeur en a publié une nouvelle, à
              accepter.
            </p>
          )}
          {admin && (
            <form onSubmit={onSubmit} noValidate>
              <ProblemAlert error={accept.error} />
              <TextField
                name={`signatory-${funder.funderId}`}
                label="Nom et qualité du signataire"
                hint="Par exemple : Claire Dumont, présidente."
                autoComplete="name"
                value={signatory}
                onChange={setSignatory}
              />
              <SubmitButton pending={accept.isPending}>
                Accepter la charte {deName(funder.funderName)}
              </SubmitButton>
            </form>
          )}
        </>
      )}
    </>
  );
}

interface ProgramProps {
  placeId: string;
  admin: boolean;
  programId: string;
  programName: string;
  /** The programme takes no new places any more. */
  programClosed: boolean;
  questionnaire: Questionnaire | null;
  application: PlaceQualification['funders'][number]['programs'][number]['application'];
  charter: ReturnType<typeof charterStep>;
  bankDone: boolean;
  standing: 'approved' | 'suspended' | undefined;
  decisions: PlaceDecision[];
}

function ProgramStep(p: ProgramProps) {
  const [answering, setAnswering] = useState(false);
  const status = programStatus({
    standing: p.standing,
    decisions: p.decisions,
    application: p.application,
    complete: !!p.application && p.charter.done && p.bankDone,
    programClosed: p.programClosed,
  });
  return (
    <div className={fr.cx('fr-mt-4w')}>
      <h3 className={fr.cx('fr-h5')}>{p.programName}</h3>
      <p>
        <strong>Statut : {status.status}</strong>
        {status.decision && ` — ${status.decision}`}
      </p>
      {status.next.length > 0 && <p>{status.next.join(' ')}</p>}
      <ul>
        <li>
          Questionnaire :{' '}
          {p.application
            ? `répondu (${points(p.application.score)}, seuil ${p.application.passMark})`
            : p.questionnaire
              ? 'à remplir'
              : 'le financeur ne l’a pas encore publié'}
        </li>
        <li>Charte : {p.charter.text}</li>
        <li>Compte bancaire : {p.bankDone ? 'donné' : 'à donner'}</li>
      </ul>
      {p.admin && p.questionnaire && !p.standing && !p.programClosed && !answering && (
        <Button type="button" priority="secondary" onClick={() => setAnswering(true)}>
          {p.application ? 'Répondre à nouveau' : 'Répondre au questionnaire'}
          <span className={fr.cx('fr-sr-only')}> pour « {p.programName} »</span>
        </Button>
      )}
      {answering && p.questionnaire && (
        <AnswerForm
          placeId={p.placeId}
          programId={p.programId}
          questionnaire={p.questionnaire}
          onDone={() => setAnswering(false)}
        />
      )}
      {p.decisions.length > 0 && (
        <TableFrame caption={`Décisions du financeur pour « ${p.programName} »`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Décision</th>
              <th scope="col">Motif</th>
            </tr>
          </thead>
          <tbody>
            {p.decisions.map((d) => (
              <tr key={d.id}>
                <td>{formatDate(d.effectiveOn)}</td>
                <td>{DECISION_LABELS[d.decision]}</td>
                <td className="pn-break">{d.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </div>
  );
}

function AnswerForm(p: {
  placeId: string;
  programId: string;
  questionnaire: Questionnaire;
  onDone: () => void;
}) {
  const apply = usePlaceStep<{
    programId: string;
    questionnaireVersion: number;
    answers: { questionId: string; choiceId: string }[];
  }>(p.placeId, 'applications');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    apply.mutate(
      {
        programId: p.programId,
        questionnaireVersion: p.questionnaire.version,
        answers: Object.entries(answers).map(([questionId, choiceId]) => ({ questionId, choiceId })),
      },
      { onSuccess: p.onDone },
    );
  };
  const issue = (id: string) => fieldError(apply.error, `answers.${id}`);
  return (
    <form onSubmit={onSubmit} noValidate className={fr.cx('fr-mt-2w')}>
      <ProblemAlert error={apply.error} />
      {p.questionnaire.questions.map((q, i) => (
        <RadioField
          key={q.id}
          name={`answers.${p.programId}.${q.id}`}
          legend={`${i + 1}. ${q.label}`}
          value={answers[q.id] ?? ''}
          onChange={(v) => setAnswers({ ...answers, [q.id]: v })}
          options={q.choices.map((c) => ({ value: c.id, label: c.label }))}
          error={issue(q.id)}
        />
      ))}
      <SubmitButton pending={apply.isPending}>Envoyer mes réponses</SubmitButton>
    </form>
  );
}

function BankAccountSection({
  placeId,
  admin,
  hasPassword,
  current,
}: {
  placeId: string;
  admin: boolean;
  /** False for an account made at a ProConnect sign-in: the form's password is one it never chose. */
  hasPassword: boolean;
  current: PlaceQualification['bankAccount'];
}) {
  const save = usePlaceStep<{ iban: string; bic: string; holder: string; currentPassword: string }>(
    placeId,
    'applications/bank-accounts',
  );
  // A transfer the bank sent back from this account waits for the account to be recorded anew.
  const statements = usePlaceStatements(placeId);
  const returned = (statements.data ?? []).filter((s) => s.instalments?.awaitingAccount);
  // The latest return, whose day and reason the notice gives.
  const latest = returned
    .map((s) => s.instalments!)
    .sort((a, b) => (b.returnedOn ?? '').localeCompare(a.returnedOn ?? ''))[0];
  const [values, setValues] = useState({ iban: '', bic: '', holder: '', currentPassword: '' });
  const set = (k: keyof typeof values) => (v: string) => setValues({ ...values, [k]: v });
  const issue = (field: string) => fieldError(save.error, field);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate(values, {
      onSuccess: () => {
        setValues({ iban: '', bic: '', holder: '', currentPassword: '' });
        void statements.refetch();
      },
    });
  };
  return (
    <section aria-labelledby="compte-bancaire" className={fr.cx('fr-mt-4w')}>
      <h2 id="compte-bancaire">Compte bancaire du lieu</h2>
      {current ? (
        <p>
          En vigueur : {current.holder} — IBAN {formatIban(current.iban)} — BIC {current.bic}.
        </p>
      ) : (
        <p>Aucun compte bancaire n’est encore donné : les financeurs en ont besoin pour payer le lieu.</p>
      )}
      {latest && (
        <Alert
          severity="warning"
          small
          className="fr-mb-2w"
          description={`La banque a retourné le virement qui payait ${returned.length > 1 ? 'les relevés' : 'le relevé'} ${returned.map((s) => `n° ${s.number}`).join(', ')} (le ${formatDate(latest.returnedOn)}, ${returnReasonLabel(latest.returnReason)}). Enregistrez le compte bancaire du lieu ci-dessous, un nouveau ou le même s’il est valable : le financeur versera de nouveau ce qui est dû.`}
        />
      )}
      {/* Takes the focus, as other forms' outcomes do: the button's focus fell to the page. */}
      {save.isSuccess && (
        <SuccessPanel key={save.submittedAt} as="h3" title="Compte bancaire enregistré.">
          <p>Un message en prévient les administrateurs du lieu.</p>
          <FormerAccountTransfers
            transfers={(save.data as RecordedBankAccount | undefined)?.formerAccountTransfers}
          />
        </SuccessPanel>
      )}
      <BankAccountHistory placeId={placeId} />
      {admin && !hasPassword && <PasswordFirst />}
      {admin && hasPassword && (
        <form onSubmit={onSubmit} noValidate>
          <ProblemAlert error={save.error} />
          <TextField
            name="iban"
            label="IBAN"
            hint="Tel qu’il figure sur le RIB, espaces permis."
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            value={values.iban}
            onChange={set('iban')}
            error={issue('iban')}
          />
          <TextField
            name="bic"
            label="BIC"
            hint="8 ou 11 caractères."
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            className="pn-narrow"
            value={values.bic}
            onChange={set('bic')}
            error={issue('bic')}
          />
          <TextField
            name="holder"
            label="Titulaire du compte"
            autoComplete="off"
            value={values.holder}
            onChange={set('holder')}
            error={issue('holder')}
          />
          {/* Where the money goes is what a stolen session changes first: the person proves it is them. */}
          <TextField
            name="currentPassword"
            label="Mot de passe"
            hint="Le vôtre, celui avec lequel vous vous connectez : il confirme que c’est bien vous qui changez le compte où le lieu est payé."
            type="password"
            autoComplete="current-password"
            required
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={issue('currentPassword')}
          />
          <SubmitButton pending={save.isPending}>
            {current ? 'Changer de compte bancaire' : 'Enregistrer le compte bancaire'}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

/**
 * The form asks for the person's password, which an account made at a ProConnect sign-in never
 * chose: said before anything is typed, with the way to choose one (the check itself stays).
 */
function PasswordFirst() {
  return (
    <Alert
      severity="info"
      small
      className="fr-mb-2w"
      description={
        <>
          Votre compte n’a pas de mot de passe : vous vous connectez avec ProConnect. Pour donner ou changer
          le compte bancaire du lieu, choisissez-en un d’abord : il confirme que c’est bien vous qui changez
          le compte où le lieu est payé.{' '}
          <a className={fr.cx('fr-link')} href="/mot-de-passe-oublie">
            Choisir un mot de passe (lien envoyé par courriel)
          </a>
          , puis connectez-vous de nouveau et revenez à cette page.
        </>
      }
    />
  );
}

const ENGAGED: Record<FormerAccountTransfer['state'], string> = {
  prepared: 'en préparation depuis le',
  approved: 'déjà approuvé le',
  sent: 'déjà envoyé à la banque le',
};

/**
 * A run pays the accounts it was prepared and approved with, and a file sent is gone: the
 * transfers engaged before the change still go to the former account, said as the e-mail says it.
 */
function FormerAccountTransfers({ transfers }: { transfers: FormerAccountTransfer[] | undefined }) {
  if (!transfers?.length) return <p>Les prochains paiements des financeurs seront versés sur ce compte.</p>;
  return (
    <>
      <p>
        {transfers.length > 1
          ? 'Engagés avant ce changement, ces virements gardent l’ancien compte :'
          : 'Engagé avant ce changement, ce virement garde l’ancien compte :'}
      </p>
      <ul>
        {transfers.map((t, i) => (
          // The answer's own list, fixed: two transfers may say the same.
          <li key={i}>
            {formatCents(t.amountCents)} de {t.funderName}, {ENGAGED[t.state]} {formatDate(t.since)}, sera
            versé sur l’ancien compte se terminant par {t.formerIbanEnd}.
          </li>
        ))}
      </ul>
      <p>Les paiements suivants seront versés sur ce compte.</p>
    </>
  );
}

/**
 * Every account the place has had, the one in force first, with who recorded each and when:
 * the e-mail of a change asks the place to check it, and a change it did not make shows here.
 */
function BankAccountHistory({ placeId }: { placeId: string }) {
  const accounts = usePlaceBankAccounts(placeId);
  if (accounts.error) return <QueryError error={accounts.error} what="L’historique du compte bancaire" />;
  if (accounts.isPending || !accounts.data.length) return null;
  return (
    <TableFrame stacked caption="Comptes bancaires successifs du lieu">
      <thead>
        <tr>
          <th scope="col">Enregistré le</th>
          <th scope="col">Par</th>
          <th scope="col">Titulaire</th>
          <th scope="col">IBAN</th>
          <th scope="col">BIC</th>
          <th scope="col">État</th>
        </tr>
      </thead>
      <tbody>
        {accounts.data.map((a, i) => (
          <tr key={a.id}>
            <td className="pn-nowrap" data-label="Enregistré le">
              {formatDateTimeParis(a.createdAt)}
            </td>
            <td data-label="Par">{a.createdBy ?? '—'}</td>
            <td data-label="Titulaire">{a.holder}</td>
            <th scope="row" className="pn-nowrap" data-label="IBAN">
              {formatIban(a.iban)}
            </th>
            <td data-label="BIC">{a.bic}</td>
            <td data-label="État">{i === 0 ? 'En vigueur' : 'Remplacé'}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
