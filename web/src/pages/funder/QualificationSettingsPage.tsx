import { fr } from '@codegouvfr/react-dsfr';
import { useState } from 'react';
import { points } from '../../../../src/core/french';
import { useCharter, useQuestionnaire } from '../../api/qualification';
import { useSession } from '../../api/session';
import { formatDateTimeParis } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CharterForm } from './qualification/CharterForm';
import { QuestionnaireForm } from './qualification/QuestionnaireForm';

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

function QuestionnaireSection({ funderId, admin }: { funderId: string; admin: boolean }) {
  const current = useQuestionnaire(funderId);
  const [done, setDone] = useState<number | null>(null);
  if (current.isPending) return <Loading what="Chargement du questionnaire…" />;
  if (current.isError) return <QueryError error={current.error} what="Le questionnaire" />;
  const q = current.data.current;
  return (
    <section aria-labelledby="questionnaire" className={fr.cx('fr-mt-4w')}>
      <h2 id="questionnaire">Questionnaire</h2>
      {q ? (
        <p>
          Version {q.version} en vigueur depuis le {formatDateTimeParis(q.createdAt)} : {q.questions.length}{' '}
          question{q.questions.length > 1 ? 's' : ''}, seuil d’admission {points(q.passMark)} sur {q.maxScore}
          .
        </p>
      ) : (
        <p>Aucun questionnaire n’est encore publié : les lieux ne peuvent pas encore candidater.</p>
      )}
      {done && (
        <SuccessPanel title={`Version ${done} du questionnaire publiée`} as="h3">
          <p>Les lieux répondent désormais à cette version.</p>
        </SuccessPanel>
      )}
      {/* A new version published, the form starts again from it. */}
      {admin && (
        <QuestionnaireForm key={q?.version ?? 0} funderId={funderId} current={q} onPublished={setDone} />
      )}
    </section>
  );
}

function CharterSection({ funderId, admin }: { funderId: string; admin: boolean }) {
  const current = useCharter(funderId);
  const [done, setDone] = useState<number | null>(null);
  if (current.isPending) return <Loading what="Chargement de la charte…" />;
  if (current.isError) return <QueryError error={current.error} what="La charte" />;
  const c = current.data.current;
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
        <CharterForm key={c?.version ?? 0} funderId={funderId} current={c} onPublished={setDone} />
      ) : (
        c && <blockquote className="pn-prewrap">{c.text}</blockquote>
      )}
    </section>
  );
}
