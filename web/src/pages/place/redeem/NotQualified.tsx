import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from '@tanstack/react-router';
import { usePlaceDecisions, usePlacePrograms } from '../../../api/qualification';
import {
  APPLY_AGAIN_AFTER_LEAVING,
  APPLY_AGAIN_AFTER_WITHDRAWAL,
  decisionSentence,
  LEFT_NOW,
  OWED,
  WITHDRAWN_NOW,
  withdrawals,
} from '../qualification/standing';

/**
 * A place no programme has qualified yet (just registered, or invited) is told so at its desk,
 * and where to apply: without it, its first pass would be refused with no hint of the next step.
 * A place whose funder withdrew it is told that instead, with the reason and what remains: it
 * read « pas encore qualifié … Candidater », as if it had never been.
 */
export function NotQualified({ placeId }: { placeId: string }) {
  const programs = usePlacePrograms(placeId);
  const decisions = usePlaceDecisions(placeId);
  if (!programs.data || decisions.isPending) return null;
  const withdrawn = withdrawals(programs.data, decisions.data ?? []);
  if (withdrawn.length > 0) return <Withdrawals withdrawn={withdrawn} />;
  if (programs.data.length > 0) return null;
  return (
    <Alert
      severity="info"
      as="h2"
      className={fr.cx('fr-mb-3w')}
      title="Votre lieu n’est encore qualifié pour aucun dispositif"
      description={
        <>
          Les pass ne peuvent pas encore être encaissés ici. Pour chaque financeur, répondez à son
          questionnaire, acceptez sa charte et donnez le compte bancaire du lieu : le financeur décide
          ensuite. <Link to="/lieu/qualification">Candidater depuis la page Qualification</Link>
        </>
      }
    />
  );
}

/**
 * The programmes whose funder withdrew the place, or that it stopped taking itself, each with
 * who, when, why and what remains.
 */
function Withdrawals({ withdrawn }: { withdrawn: ReturnType<typeof withdrawals> }) {
  return (
    <>
      {withdrawn.map((d) => (
        <Alert
          key={d.programId}
          severity="warning"
          as="h2"
          className={fr.cx('fr-mb-3w')}
          title={
            d.decision === 'left'
              ? `Le lieu a cessé de prendre les pass de « ${d.programName} »`
              : `Qualification retirée pour « ${d.programName} »`
          }
          description={
            d.decision === 'left'
              ? `${decisionSentence(d)} ${LEFT_NOW} ${OWED} ${APPLY_AGAIN_AFTER_LEAVING}`
              : `${decisionSentence(d)} ${WITHDRAWN_NOW} ${OWED} ${APPLY_AGAIN_AFTER_WITHDRAWAL}`
          }
        />
      ))}
    </>
  );
}
