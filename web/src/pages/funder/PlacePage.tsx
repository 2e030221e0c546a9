import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { formatIban } from '../../../../src/core/bank-account';
import { points } from '../../../../src/core/french';
import { TAKES_APPLICATIONS } from '../../../../src/core/program/status';
import { ApiError, api } from '../../api/client';
import { useFunderPrograms } from '../../api/programs';
import {
  type Application,
  type ApprovalGap,
  DECISION_LABELS,
  type Decision,
  type FunderPlace,
  STANDING_LABELS,
  useDecide,
  useFunderPlace,
} from '../../api/qualification';
import { useSession } from '../../api/session';
import type { InvitationSent } from '../../api/types';
import { formatDate, formatDateTimeParis, typographic } from '../../lib/format';
import { TextField } from '../../ui/form/TextField';
import { InvitationDelivery } from '../../ui/InvitationDelivery';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useHashTarget } from '../../ui/useHashTarget';
import { useOneAtATime } from '../../ui/useOneAtATime';
import { FinalStatements } from './places/FinalStatement';
import { DecisionDialog, decisionModal } from './qualification/DecisionDialog';
import { ProblemAlert } from './qualification/ProblemAlert';

/** What each decision is called on its button and in its modal. */
const ACTIONS: Record<Decision, string> = {
  approved: 'Approuver',
  refused: 'Refuser',
  suspended: 'Suspendre',
  reinstated: 'Rétablir',
  revoked: 'Retirer la qualification',
};
const NEXT: Record<'none' | 'approved' | 'suspended', Decision[]> = {
  none: ['approved', 'refused'],
  approved: ['suspended', 'revoked'],
  suspended: ['reinstated', 'revoked'],
};

/**
 * The place took the programme's passes and no longer does: suspended, or withdrawn after an
 * approval. Its final statement may then be issued (a place never approved has none to issue).
 */
const stopped = (place: FunderPlace, programId: string) => {
  const standing = place.programs.find((p) => p.programId === programId)?.standing ?? 'none';
  return (
    standing === 'suspended' ||
    (standing === 'none' &&
      place.decisions.some((d) => d.programId === programId && d.decision === 'approved'))
  );
};

/**
 * One place as the funder sees it (issue 11, point 4): its application's answers and score
 * against the pass mark, the charter it accepted, its bank account, its standing for each of
 * the funder's programmes and the whole history; the funder's admins decide here.
 */
export function PlacePage({ placeId }: { placeId: string }) {
  const { data: session } = useSession();
  const membership = funderMembership(session);
  const funderId = membership?.funderId ?? '';
  const place = useFunderPlace(funderId, placeId);
  useDocumentTitle(place.data?.name ?? 'Lieu');
  if (!membership) return null;
  if (place.isPending) return <Loading what="Chargement du lieu…" />;
  if (place.isError) return <QueryError error={place.error} what="Ce lieu" />;
  return <PlaceView place={place.data} funderId={funderId} admin={isFunderAdmin(session, funderId)} />;
}

function PlaceView({ place, funderId, admin }: { place: FunderPlace; funderId: string; admin: boolean }) {
  const programs = useFunderPrograms(funderId);
  const decide = useDecide(funderId, place.id);
  // A decision pressed twice (its button, or the dialog's « Confirmer ») is sent once.
  const sendDecision = useOneAtATime(decide);
  const [pending, setPending] = useState<{
    programId: string;
    programName: string;
    decision: Decision;
  } | null>(null);
  const [openings, setOpenings] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const q = place.qualification;
  const run = (
    programId: string,
    programName: string,
    decision: Decision,
    why?: string,
    failed?: (e: unknown) => void,
  ) =>
    sendDecision(
      { programId, decision, ...(why ? { reason: why } : {}) },
      {
        onSuccess: () => {
          setDone(`${DECISION_LABELS[decision]} pour « ${programName} ».`);
          decisionModal.close();
        },
        // An approval sent from its button (no dialog): the refusal shows above the table,
        // under the section's heading, which takes the focus so that it is read next.
        onError: failed ?? (() => document.getElementById('dispositifs')?.focus()),
      },
    );
  const ask = (programId: string, programName: string, decision: Decision) => {
    decide.reset();
    setDone(null);
    if (decision === 'approved') return run(programId, programName, decision);
    setPending({ programId, programName, decision });
    setOpenings((n) => n + 1);
    decisionModal.open();
  };
  return (
    <>
      <p>
        <Link to="/financeur/lieux">Tous les lieux</Link>
      </p>
      <h1>{place.name}</h1>
      <p>
        {place.communeName ?? 'Commune non renseignée'}
        {place.siret && ` — SIRET ${place.siret}`}
        {place.shared && ' — partagé avec un autre financeur'}
      </p>
      {!place.inDirectory && (
        // An approved place without its profile takes passes, but nobody finds it: say so
        // before the approval, not after the first person who looked for it.
        <Alert
          severity="warning"
          small
          data-testid="place-not-in-directory"
          className={fr.cx('fr-mb-3w')}
          description="Ce lieu n’a pas encore rempli sa fiche (adresse, horaires, services) : même approuvé, il n’apparaît pas dans l’annuaire où les bénéficiaires cherchent où utiliser leur pass. Son administrateur la remplit depuis son espace, page « Fiche du lieu »."
        />
      )}

      <section aria-labelledby="dispositifs" className={fr.cx('fr-mt-4w')}>
        {/* Focusable: once a decision is made its button is gone, and the focus comes here. */}
        <h2 id="dispositifs" tabIndex={-1}>
          Qualification par dispositif
        </h2>
        {done && <Alert severity="success" small description={done} className="fr-mb-2w" />}
        {!pending && <ProblemAlert error={decide.error} />}
        {!pending && decide.error instanceof ApiError && decide.error.code === 'qualification_incomplete' && (
          // Refused on a page loaded before a step was undone: where the funder's own are done.
          <p>
            <Link to="/financeur/qualification">Votre questionnaire et votre charte</Link>
          </p>
        )}
        {programs.isPending ? (
          <Loading what="Chargement des dispositifs…" />
        ) : programs.isError ? (
          <QueryError error={programs.error} what="La liste des dispositifs" />
        ) : (
          <TableFrame caption="Qualification du lieu pour chacun de vos dispositifs">
            <thead>
              <tr>
                <th scope="col">Dispositif</th>
                <th scope="col">Qualification</th>
                <th scope="col">Candidature</th>
                {admin && <th scope="col">Décider</th>}
              </tr>
            </thead>
            <tbody>
              {programs.data.map((pr) => {
                const name = pr.name;
                const standing = place.programs.find((p) => p.programId === pr.id)?.standing ?? 'none';
                const application = q.applications.find((a) => a.programId === pr.id);
                // An approval brings the place in while the programme takes new places; a refusal
                // answers an application submitted since the last decision, even once the
                // programme closed before it was answered (the server refuses the others,
                // no_application_to_refuse and program_closed_to_applications).
                const open = TAKES_APPLICATIONS.has(pr.status);
                const last = place.decisions.findLast((d) => d.programId === pr.id);
                const pending =
                  !!application && (!last || new Date(application.submittedAt) > new Date(last.at));
                // A place that stopped taking the passes itself comes back by applying again
                // (the server refuses its approval before, place_left_program).
                const left = last?.decision === 'left' && standing === 'none';
                const offered = (d: Decision) =>
                  (d !== 'approved' && d !== 'refused') ||
                  (d === 'refused' && pending) ||
                  (open && d === 'approved' && (!left || pending));
                // What the server would refuse an approval for, said before the click: its own
                // list (it still decides: a step done since the page was loaded passes).
                const gaps =
                  standing === 'none' && open
                    ? (place.approvalGaps.find((g) => g.programId === pr.id)?.gaps ?? [])
                    : [];
                return (
                  <tr key={pr.id}>
                    <th scope="row">{name}</th>
                    <td>
                      {left && last && !pending ? (
                        <>
                          A cessé de prendre les pass le {formatDate(last.effectiveOn)} (à sa demande)
                          {last.reason && <span className="pn-break"> — motif : {last.reason}</span>}
                        </>
                      ) : (
                        STANDING_LABELS[standing]
                      )}
                    </td>
                    <td>
                      {application
                        ? `${points(application.score)} sur ${application.maxScore} (seuil ${application.passMark}) — ${application.passed ? 'atteint' : 'non atteint'}`
                        : 'Aucune'}
                    </td>
                    {admin && (
                      <td>
                        <ul
                          className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}
                        >
                          {NEXT[standing]
                            .filter((d) => offered(d) && (d !== 'approved' || gaps.length === 0))
                            .map((d) => (
                              <li key={d}>
                                <Button
                                  type="button"
                                  size="small"
                                  priority={d === 'approved' || d === 'reinstated' ? 'primary' : 'secondary'}
                                  disabled={decide.isPending}
                                  onClick={() => ask(pr.id, name, d)}
                                >
                                  {ACTIONS[d]}
                                  <span className={fr.cx('fr-sr-only')}> pour « {name} »</span>
                                </Button>
                              </li>
                            ))}
                        </ul>
                        {gaps.length > 0 && <NotYet gaps={gaps} programName={name} />}
                        {standing === 'none' && !open && (
                          <p>
                            {pending
                              ? 'Programme clos avant la décision : demande sans suite, à moins que vous ne la refusiez.'
                              : 'Ce dispositif ne prend plus de nouveaux lieux.'}
                          </p>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </TableFrame>
        )}
      </section>

      {admin && programs.data && (
        <FinalStatements
          funderId={funderId}
          placeId={place.id}
          placeName={place.name}
          programs={programs.data.filter((pr) => stopped(place, pr.id))}
        />
      )}

      <section aria-labelledby="candidatures" className={fr.cx('fr-mt-4w')}>
        <h2 id="candidatures">Réponses au questionnaire</h2>
        {q.applications.length === 0 ? (
          <p>Le lieu n’a pas encore répondu à votre questionnaire.</p>
        ) : (
          q.applications.map((a) => (
            <Answers
              key={a.id}
              application={a}
              programName={programs.data?.find((p) => p.id === a.programId)?.name ?? 'Dispositif'}
            />
          ))
        )}
      </section>

      <section aria-labelledby="charte-compte" className={fr.cx('fr-mt-4w')}>
        <h2 id="charte-compte">Charte et compte bancaire</h2>
        <dl>
          <dt>Charte</dt>
          <dd>
            {q.charterAcceptance
              ? `Version ${q.charterAcceptance.version} acceptée le ${formatDate(q.charterAcceptance.acceptedOn)} par ${q.charterAcceptance.signatory}${q.charterAcceptance.current ? '' : ` — ce n’est pas la version en vigueur (${q.charter?.version})`}`
              : 'Non acceptée'}
          </dd>
          <dt>Compte bancaire</dt>
          <dd>
            {q.bankAccount
              ? `${q.bankAccount.holder} — IBAN ${formatIban(q.bankAccount.iban)} — BIC ${q.bankAccount.bic} (donné le ${formatDateTimeParis(q.bankAccount.createdAt)})`
              : 'Non renseigné'}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="historique" className={fr.cx('fr-mt-4w')}>
        <h2 id="historique">Historique des décisions</h2>
        {place.decisions.length === 0 ? (
          <p>Aucune décision.</p>
        ) : (
          <TableFrame caption="Vos décisions sur ce lieu, de la plus ancienne à la plus récente">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Dispositif</th>
                <th scope="col">Décision</th>
                <th scope="col">Motif</th>
                <th scope="col">Par</th>
              </tr>
            </thead>
            <tbody>
              {place.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.effectiveOn)}</td>
                  <td>{d.programName}</td>
                  <td>{DECISION_LABELS[d.decision]}</td>
                  <td>{d.reason ?? '—'}</td>
                  <td>{d.decidedBy ?? 'Plateforme'}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        )}
      </section>

      {admin &&
        (place.hasAdmin ? (
          // Its admin runs its team: the server refuses a funder's invitation (place_runs_its_team).
          <section aria-labelledby="inviter-admin" className={fr.cx('fr-mt-4w')}>
            <h2 id="inviter-admin">Équipe du lieu</h2>
            <p>Ce lieu a déjà un administrateur : c’est lui qui invite les personnes de son équipe.</p>
          </section>
        ) : (
          <InviteAdmin funderId={funderId} placeId={place.id} />
        ))}

      <DecisionDialog
        title={pending ? `${ACTIONS[pending.decision]} pour « ${pending.programName} »` : 'Décision'}
        openings={openings}
        pending={decide.isPending}
        submit={(reason, failed) =>
          pending && run(pending.programId, pending.programName, pending.decision, reason, failed)
        }
        fallback={() => document.getElementById('dispositifs')}
      />
    </>
  );
}

/** The funder's own steps, as the link to its qualification page names them. */
const YOURS: Record<NonNullable<ApprovalGap['yours']>, string> = {
  questionnaire: 'questionnaire',
  charter: 'charte',
};

/**
 * Why « Approuver » is not offered yet for a programme, and where the funder does its own part
 * (its questionnaire, its charter): the place does the rest from its own space.
 */
function NotYet({ gaps, programName }: { gaps: ApprovalGap[]; programName: string }) {
  const yours = gaps.flatMap((g) => (g.yours ? [YOURS[g.yours]] : []));
  return (
    <div className={fr.cx('fr-text--sm', 'fr-mb-0')} data-testid="approval-gaps">
      <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
        Approbation pas encore possible<span className={fr.cx('fr-sr-only')}> pour « {programName} »</span> :
      </p>
      <ul className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
        {gaps.map((g) => (
          <li key={g.message}>{typographic(g.message)}</li>
        ))}
      </ul>
      {yours.length > 0 && (
        <Link to="/financeur/qualification">
          Publier votre {yours.join(' et votre ')}
          <span className={fr.cx('fr-sr-only')}> pour « {programName} »</span>
        </Link>
      )}
    </div>
  );
}

function Answers({ application, programName }: { application: Application; programName: string }) {
  return (
    <>
      <h3 className={fr.cx('fr-h6')}>
        {programName} — version {application.questionnaireVersion} du questionnaire,{' '}
        {formatDateTimeParis(application.submittedAt)} : {points(application.score)} (seuil{' '}
        {application.passMark})
      </h3>
      <ul>
        {(application.questions ?? []).map((question) => {
          const answer = application.answers.find((x) => x.questionId === question.id);
          const choice = question.choices.find((c) => c.id === answer?.choiceId);
          return (
            <li key={question.id}>
              {question.label} : <strong>{choice?.label ?? '—'}</strong> ({points(choice?.points ?? 0)})
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The place's admin, invited by the funder: by e-mail, or (no SMTP) with a link to hand over. */
function InviteAdmin({ funderId, placeId }: { funderId: string; placeId: string }) {
  useHashTarget('inviter-admin');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<{ email: string; answer: InvitationSent } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    try {
      const r = await api.post<InvitationSent>(`/funders/${encodeURIComponent(funderId)}/invitations`, {
        email: email.trim(),
        role: 'place_admin',
        organisationId: placeId,
      });
      // The address as recorded, not as typed.
      setSent({ email: r.email, answer: r });
      setEmail('');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="inviter-admin" className={fr.cx('fr-mt-4w')}>
      <h2 id="inviter-admin">Inviter l’administrateur du lieu</h2>
      {sent && (
        <Alert
          severity="success"
          small
          className="fr-mb-2w"
          description={
            <InvitationDelivery email={sent.email} sent={sent.answer} handOver="transmettez ce lien :" />
          }
        />
      )}
      <ProblemAlert error={error} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="email"
          label="Adresse électronique"
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
        />
        <Button type="submit">Créer l’invitation</Button>
      </form>
    </section>
  );
}
