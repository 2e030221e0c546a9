import { fr } from '@codegouvfr/react-dsfr';
import type { BeneficiaryRecord } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { erasedOn } from './person';

/** Who the person is, as recorded at their first hand-out (the names and birth date until erased). */
export function Identity({ person }: { person: BeneficiaryRecord['person'] }) {
  const erased = person.erasedAt ? erasedOn(person) : null;
  const rows: [string, string][] = [
    ['Nom', erased ? `Effacé le ${erased}` : (person.lastName ?? '—')],
    ['Prénom', erased ? `Effacé le ${erased}` : (person.firstName ?? '—')],
    ['Date de naissance', erased ? `Effacée le ${erased}` : formatDate(person.birthDate)],
    ['Commune', person.commune.name],
    ['Public', person.audience.label],
    [
      'Enregistrée le',
      `${formatDate(person.recordedOn)}${person.recordedBy ? `, par ${person.recordedBy}` : ''}`,
    ],
  ];
  return (
    <section aria-labelledby="identite" className={fr.cx('fr-mt-4w')}>
      <h2 id="identite">Identité</h2>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term} className={fr.cx('fr-mb-1w')}>
            <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{term}</dt>
            <dd className={fr.cx('fr-ml-0')}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
