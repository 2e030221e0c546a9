import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useFunders } from '../../api/funders';
import type { Funder } from '../../api/types';
import { formatInt } from '../../lib/format';
import { FUNDER_KIND_LABELS } from '../../lib/labels';
import { formatTerritory } from '../../lib/territory';
import { useListFilter } from '../../ui/ListFilter';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TableFrame } from '../../ui/TableFrame';
import { FunderIdentityForm } from './FunderIdentityForm';
import { FunderTeam } from './FunderTeam';

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
        <FunderTable funders={funders.data} />
      )}
    </section>
  );
}

/** « 200 053 742 00012 »: the SIRET as the creation form's hint writes it, and people type it. */
const spacedSiret = (siret: string) => siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');

// The SIRET both whole and spaced: a search's words each start a word of the row (ListFilter),
// so « 210 000 000 00013 » found nothing in « 21000000000013 ».
const searchText = (f: Funder) =>
  [
    f.name,
    FUNDER_KIND_LABELS[f.kind] ?? f.kind,
    f.siret,
    spacedSiret(f.siret),
    ...f.territory.map(formatTerritory),
  ].join(' ');

const FILTER = {
  id: 'recherche-financeurs',
  label: 'Rechercher un financeur',
  hint: 'Son nom, son type, son SIRET ou son territoire',
  noun: ['financeur', 'financeurs'] as [string, string],
};

/**
 * What the operator opened below the list for one funder: its team, or its identity to correct.
 * The funder is read from the list at each render, so that a corrected name shows in the panel.
 */
type Panel = { funderId: string; what: 'equipe' | 'identite' };

function FunderTable({ funders }: { funders: Funder[] }) {
  const filter = useListFilter(funders, searchText, FILTER);
  const [shown, setShown] = useState<Panel | null>(null);
  const open = shown && funders.find((f) => f.id === shown.funderId);
  const n = filter.kept.length;
  // Back to the button that opened the panel.
  const close = () => {
    const opener = shown && `${shown.what}-${shown.funderId}`;
    setShown(null);
    requestAnimationFrame(() => opener && document.getElementById(opener)?.focus());
  };
  return (
    <>
      {funders.length > 10 && filter.element}
      {n === 0 ? (
        <p>Aucun financeur ne correspond à cette recherche.</p>
      ) : (
        <TableFrame stacked caption={`${formatInt(n)} financeur${n > 1 ? 's' : ''}`}>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">SIRET</th>
              <th scope="col">Territoire</th>
              <th scope="col">Équipe et identité</th>
            </tr>
          </thead>
          <tbody>
            {filter.kept.map((f) => (
              <tr key={f.id}>
                <th scope="row" data-label="Nom">
                  {f.name}
                </th>
                <td data-label="Type">{FUNDER_KIND_LABELS[f.kind] ?? f.kind}</td>
                <td className="pn-nowrap" data-label="SIRET">
                  {f.siret}
                </td>
                <td data-label="Territoire">
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
                <td>
                  <ul
                    className={fr.cx(
                      'fr-btns-group',
                      'fr-btns-group--sm',
                      'fr-btns-group--inline-lg',
                      'fr-mb-0',
                    )}
                  >
                    <li>
                      <Button
                        id={`equipe-${f.id}`}
                        type="button"
                        priority="secondary"
                        onClick={() => setShown({ funderId: f.id, what: 'equipe' })}
                      >
                        Équipe et invitations<span className={fr.cx('fr-sr-only')}> de « {f.name} »</span>
                      </Button>
                    </li>
                    <li>
                      <Button
                        id={`identite-${f.id}`}
                        type="button"
                        priority="tertiary"
                        onClick={() => setShown({ funderId: f.id, what: 'identite' })}
                      >
                        Corriger l’identité<span className={fr.cx('fr-sr-only')}> de « {f.name} »</span>
                      </Button>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      {open && shown.what === 'equipe' && <FunderTeam key={open.id} funder={open} onClose={close} />}
      {open && shown.what === 'identite' && (
        <FunderIdentityForm key={open.id} funder={open} onClose={close} />
      )}
    </>
  );
}
