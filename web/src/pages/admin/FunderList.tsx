import { fr } from '@codegouvfr/react-dsfr';
import { useFunders } from '../../api/funders';
import { FUNDER_KIND_LABELS } from '../../lib/labels';
import { formatTerritory } from '../../lib/territory';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TableFrame } from '../../ui/TableFrame';

export function FunderList() {
  const funders = useFunders();
  return (
    <section aria-labelledby="financeurs">
      <h2 id="financeurs">Financeurs</h2>
      {funders.isPending ? (
        <Loading what="Chargement des financeurs…" />
      ) : funders.isError ? (
        <QueryError error={funders.error} what="La liste des financeurs" />
      ) : funders.data.length === 0 ? (
        <p>Aucun financeur n’est encore enregistré.</p>
      ) : (
        <TableFrame caption={`${funders.data.length} financeur${funders.data.length > 1 ? 's' : ''}`}>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">SIRET</th>
              <th scope="col">Territoire</th>
            </tr>
          </thead>
          <tbody>
            {funders.data.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.name}</th>
                <td>{FUNDER_KIND_LABELS[f.kind] ?? f.kind}</td>
                <td className="pn-nowrap">{f.siret}</td>
                <td>
                  {f.territory.length === 0 ? (
                    '—'
                  ) : (
                    <ul className={fr.cx('fr-mb-0')}>
                      {f.territory.map((t) => (
                        <li key={`${t.level}:${t.code}`}>{formatTerritory(t)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
