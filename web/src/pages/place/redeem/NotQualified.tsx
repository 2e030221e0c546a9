import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from '@tanstack/react-router';
import { usePlaceDecisions, usePlacePrograms } from '../../../api/qualification';

/**
 * A place no programme has qualified yet (just registered, or invited) is told so at its desk,
 * and where to apply: without it, its first pass would be refused with no hint of the next step.
 * A place whose qualifications were all withdrawn is told that instead: a session given while it
 * was qualified is judged as of its day (migration 0092), and may still be recorded.
 */
export function NotQualified({ placeId }: { placeId: string }) {
  const programs = usePlacePrograms(placeId);
  const decisions = usePlaceDecisions(placeId);
  if (!programs.data || programs.data.length > 0 || decisions.isPending) return null;
  if ((decisions.data ?? []).some((d) => d.decision === 'approved'))
    return (
      <Alert
        severity="info"
        as="h2"
        className={fr.cx('fr-mb-3w')}
        title="Votre lieu n’est plus qualifié pour aucun dispositif"
        description={
          <>
            Les pass ne peuvent plus être encaissés ici pour une séance donnée depuis le retrait de la
            qualification. Une séance donnée quand le lieu était qualifié peut encore être enregistrée, dans
            les délais du dispositif : indiquez le jour où elle a eu lieu dans « Date de la séance ».{' '}
            <Link to="/lieu/qualification">Voir les décisions des financeurs</Link>
          </>
        }
      />
    );
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
