import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { usePlaceDecisions, usePlacePrograms } from '../../../api/qualification';
import { formatDate } from '../../../lib/format';

/**
 * The programmes that suspended the place, each with its funder's reason (issue 11, point 4):
 * their passes are refused at this desk for sessions given since, until the funder reinstates
 * it; the others still pass. A session given before the suspension is judged as of its day
 * (migration 0092): the place is told it may still record it, with its date, within the
 * programme's tolerance, or it would give up sessions it is owed.
 */
export function Suspensions({ placeId }: { placeId: string }) {
  const programs = usePlacePrograms(placeId);
  const decisions = usePlaceDecisions(placeId);
  const suspended = (programs.data ?? []).filter((p) => p.standing === 'suspended');
  if (suspended.length === 0 || decisions.isPending) return null;
  return (
    <>
      {suspended.map((p) => {
        const why = (decisions.data ?? [])
          .filter((d) => d.programId === p.programId && d.decision === 'suspended')
          .at(-1);
        return (
          <Alert
            key={p.programId}
            severity="warning"
            as="h2"
            className="fr-mb-3w"
            title={`Lieu suspendu pour « ${p.programName} »`}
            description={`${p.funderName} a suspendu le lieu${why ? ` le ${formatDate(why.effectiveOn)} : ${why.reason}` : ''}. Les pass de ce dispositif ne peuvent pas être encaissés ici pour une séance donnée depuis, tant que le financeur ne vous a pas rétabli. Une séance donnée avant la suspension peut encore être enregistrée, dans les délais du dispositif : indiquez le jour où elle a eu lieu dans « Date de la séance ».`}
          />
        );
      })}
    </>
  );
}
