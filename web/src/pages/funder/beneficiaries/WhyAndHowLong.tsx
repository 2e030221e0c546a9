import { fr } from '@codegouvfr/react-dsfr';
import type { BeneficiaryRecord } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { erasedOn } from './person';

const KEPT =
  'L’effacement retire le nom, le prénom et la date de naissance. Restent, sans nom, la commune, le public, les carnets et les séances : ils servent aux statistiques des dispositifs et aux paiements des lieux.';

/** Why each field is kept, and until when (RGPD art. 13 to 15: the person is owed both). */
export function WhyAndHowLong({ record }: { record: BeneficiaryRecord }) {
  return (
    <>
      <section aria-labelledby="pourquoi" className={fr.cx('fr-mt-6w')}>
        <h2 id="pourquoi">Pourquoi ces données</h2>
        <dl>
          {record.purposes.map((p) => (
            <div key={p.field} className={fr.cx('fr-mb-2w')}>
              <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{p.field}</dt>
              <dd className={fr.cx('fr-ml-0')}>{p.why}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="conservation" className={fr.cx('fr-mt-6w')}>
        <h2 id="conservation">Conservation</h2>
        <p>{until(record)}</p>
        <p>{KEPT}</p>
      </section>
    </>
  );
}

function until({ person, retention, readOn }: BeneficiaryRecord): string {
  const rule = `${retention.months} mois après la clôture du dernier dispositif de la personne`;
  if (person.erasedAt)
    return `Le nom, le prénom et la date de naissance de cette personne ont été effacés le ${erasedOn(person)}.`;
  if (retention.eraseOn === null) return `Ces données seront effacées ${rule}.`;
  // Past its date, the hourly job has not run yet.
  if (retention.eraseOn <= readOn)
    return `La durée de conservation de ces données (${rule}) a pris fin le ${formatDate(retention.eraseOn)} : elles seront effacées dans l’heure.`;
  return `Ces données seront effacées le ${formatDate(retention.eraseOn)} (${rule}).`;
}
