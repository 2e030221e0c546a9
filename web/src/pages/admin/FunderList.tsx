import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
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

/** Territories listed in the cell: more are counted, and listed when the operator asks. */
const TERRITORIES_SHOWN = 2;

/**
 * A funder's territories, the first few in the cell: a « syndicat mixte » of 200 communes
 * listed them all, its row 7,640 px tall. The others are behind a disclosure (a native
 * <details>, reached and opened from the keyboard), and the search still reads them all.
 */
function Territories({ funder }: { funder: Funder }) {
  const { territory } = funder;
  if (territory.length === 0) return '—';
  // « et 1 autre » would hide no more than the line it takes.
  const shown = territory.length > TERRITORIES_SHOWN + 1 ? territory.slice(0, TERRITORIES_SHOWN) : territory;
  const others = territory.slice(shown.length);
  const item = (t: Funder['territory'][number]) => <li key={`${t.level}:${t.code}`}>{formatTerritory(t)}</li>;
  return (
    <>
      <ul className={fr.cx('fr-mb-0')}>{shown.map(item)}</ul>
      {others.length > 0 && (
        <details>
          <summary>
            et {formatInt(others.length)} autres
            <span className={fr.cx('fr-sr-only')}> territoires de « {funder.name} »</span>
          </summary>
          <ul className={fr.cx('fr-mb-0')}>{others.map(item)}</ul>
        </details>
      )}
    </>
  );
}

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
              <th scope="col">Équipe, identité, journal</th>
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
                  <Territories funder={f} />
                </td>
                <td>
                  {/* Short words under the column's « Équipe, identité, journal », side by side:
                      as « Équipe et invitations » and « Corriger l’identité » they stacked, each
                      row 136 px tall. The journal is a page of its own, hence a link. */}
                  <div className="pn-actions pn-actions--together">
                    <Button
                      id={`equipe-${f.id}`}
                      type="button"
                      size="small"
                      priority="secondary"
                      onClick={() => setShown({ funderId: f.id, what: 'equipe' })}
                    >
                      Équipe<span className={fr.cx('fr-sr-only')}> et invitations de « {f.name} »</span>
                    </Button>
                    <Button
                      id={`identite-${f.id}`}
                      type="button"
                      size="small"
                      priority="tertiary"
                      onClick={() => setShown({ funderId: f.id, what: 'identite' })}
                    >
                      Identité<span className={fr.cx('fr-sr-only')}> de « {f.name} »</span>
                    </Button>
                    <Link
                      to="/admin/financeurs/$funderId/journal"
                      params={{ funderId: f.id }}
                      className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary-no-outline')}
                    >
                      Journal<span className={fr.cx('fr-sr-only')}> des actions de « {f.name} »</span>
                    </Link>
                  </div>
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
