import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from '@tanstack/react-router';
import { usePlacePrograms } from '../../../api/qualification';

/**
 * A place no programme has qualified yet (just registered, or invited) is told so at its desk,
 * and where to apply: without it, its first pass would be refused with no hint of the next step.
 */
export function NotQualified({ placeId }: { placeId: string }) {
  const programs = usePlacePrograms(placeId);
  if (!programs.data || programs.data.length > 0) return null;
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
