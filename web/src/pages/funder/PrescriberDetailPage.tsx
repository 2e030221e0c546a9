import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { deName } from '../../../../src/core/french';
import { prescriberKindLabel } from '../../../../src/core/prescriber-kinds';
import { isApiError } from '../../api/client';
import { usePrescriberDetail, useTakeBack } from '../../api/prescribers';
import { useFunderPrograms } from '../../api/programs';
import { useSession } from '../../api/session';
import type { PrescriberDetail } from '../../api/types';
import { formatDate, formatInt } from '../../lib/format';
import { ConfirmRow } from '../../ui/ConfirmRow';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useOneAtATime } from '../../ui/useOneAtATime';
import { AgentList } from './prescribers/AgentList';

const plural = (n: number, one: string, many: string) => `${formatInt(n)} ${n > 1 ? many : one}`;

/**
 * One prescriber, for its funder's staff (issue 11, point 2): what it holds, what it handed
 * out and how much of it was used, how long since its last hand-out, its agents; the
 * funder's admins take back booklets it holds.
 */
export function PrescriberDetailPage({ prescriberId }: { prescriberId: string }) {
  const { data: session } = useSession();
  const membership = funderMembership(session);
  const detail = usePrescriberDetail(membership?.funderId ?? '', prescriberId);
  useDocumentTitle(detail.data?.name ?? 'Prescripteur');
  if (!membership) return null;
  const admin = isFunderAdmin(session, membership.funderId);
  return (
    <>
      <Breadcrumb
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Prescripteurs', linkProps: { href: '/financeur/prescripteurs' } }]}
        currentPageLabel={detail.data?.name ?? 'Prescripteur'}
        className="fr-mt-0"
      />
      {detail.isPending ? (
        <Loading what="Chargement du prescripteur…" />
      ) : detail.isError ? (
        <QueryError error={detail.error} what="Ce prescripteur" />
      ) : (
        <Detail p={detail.data} funderId={membership.funderId} admin={admin} />
      )}
    </>
  );
}

function Detail({ p, funderId, admin }: { p: PrescriberDetail; funderId: string; admin: boolean }) {
  const since =
    p.daysSinceLastHandOut === null
      ? 'Aucune remise pour le moment'
      : p.daysSinceLastHandOut === 0
        ? `Aujourd’hui (${formatDate(p.lastHandOutOn)})`
        : `Il y a ${plural(p.daysSinceLastHandOut, 'jour', 'jours')} (${formatDate(p.lastHandOutOn)})`;
  return (
    <>
      <h1>{p.name}</h1>
      <p className={fr.cx('fr-text--lead')}>
        {prescriberKindLabel(p.kind)}
        {p.communeName ? ` — ${p.communeName}` : ''}
        {p.siret ? ` — SIRET ${p.siret}` : ''}
      </p>
      <section aria-labelledby="chiffres" className={fr.cx('fr-mt-4w')}>
        <h2 id="chiffres">Carnets et pass</h2>
        <dl>
          {(
            [
              ['Carnets détenus', plural(p.held, 'carnet', 'carnets')],
              ['Carnets remis aux bénéficiaires', plural(p.handedOut, 'carnet', 'carnets')],
              ['Pass de ces carnets utilisés', plural(p.redeemed, 'pass', 'pass')],
              ['Dernière remise', since],
            ] as const
          ).map(([term, value]) => (
            <div key={term} className={fr.cx('fr-mb-1w')}>
              <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{term}</dt>
              <dd className={fr.cx('fr-ml-0')}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <HeldBooklets p={p} funderId={funderId} admin={admin} />
      <AgentList p={p} funderId={funderId} admin={admin} />
    </>
  );
}

/** The booklets held now; an admin picks some (or all) and takes them back after confirming. */
function HeldBooklets({ p, funderId, admin }: { p: PrescriberDetail; funderId: string; admin: boolean }) {
  const takeBack = useTakeBack(funderId, p.id);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendTakeBack = useOneAtATime(takeBack);
  // Last year's booklets (still good until its usage end) and next year's look alike: each
  // says its programme.
  const programs = useFunderPrograms(funderId);
  const programName = (id: string) => programs.data?.find((x) => x.id === id)?.name ?? '…';
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string[] | null>(null);
  const toggle = (serial: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (!next.delete(serial)) next.add(serial);
      return next;
    });
  const count = chosen.size || p.booklets.length;
  const confirm = () =>
    sendTakeBack(chosen.size ? { serials: [...chosen] } : { all: true }, {
      onSuccess: (r) => {
        setDone(r.serials);
        setChosen(new Set());
        setConfirming(false);
      },
    });
  const columns = admin ? 4 : 3;
  return (
    <section aria-labelledby="carnets-detenus" className={fr.cx('fr-mt-6w')}>
      <h2 id="carnets-detenus">Carnets détenus, pas encore remis</h2>
      {done && (
        <Alert
          severity="success"
          title={`${plural(done.length, 'carnet repris', 'carnets repris')} au stock du financeur`}
          description={`Numéros : ${done.join(', ')}.`}
          className={fr.cx('fr-mb-3w')}
          as="h3"
          closable
          onClose={() => setDone(null)}
        />
      )}
      {takeBack.isError && (
        <Alert
          severity="error"
          title="Reprise impossible"
          description={
            isApiError(takeBack.error)
              ? takeBack.error.errors.map((e) => e.message).join(' ') || takeBack.error.detail
              : 'Réessayez.'
          }
          className={fr.cx('fr-mb-3w')}
          as="h3"
        />
      )}
      {p.booklets.length === 0 ? (
        <p>Ce prescripteur ne détient aucun carnet.</p>
      ) : (
        <>
          {admin && (
            <p>
              Cochez les carnets à reprendre, ou reprenez-les tous : ils reviennent au stock du financeur et
              pourront être confiés à un autre prescripteur.
            </p>
          )}
          <TableFrame caption={plural(p.booklets.length, 'carnet détenu', 'carnets détenus')}>
            <thead>
              <tr>
                {admin && <th scope="col">Reprendre</th>}
                <th scope="col">Numéro</th>
                <th scope="col">Dispositif</th>
                <th scope="col">Pass</th>
              </tr>
            </thead>
            <tbody>
              {p.booklets.map((b) => (
                <tr key={b.serial}>
                  {admin && (
                    <td>
                      <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
                        <input
                          type="checkbox"
                          id={`reprendre-${b.serial}`}
                          checked={chosen.has(b.serial)}
                          onChange={() => toggle(b.serial)}
                        />
                        <label className={fr.cx('fr-label')} htmlFor={`reprendre-${b.serial}`}>
                          Choisir<span className={fr.cx('fr-sr-only')}> le carnet {b.serial}</span>
                        </label>
                      </div>
                    </td>
                  )}
                  <th scope="row" className="pn-nowrap">
                    {b.serial}
                  </th>
                  <td>{programName(b.programId)}</td>
                  <td>{b.size}</td>
                </tr>
              ))}
              {confirming && (
                <ConfirmRow
                  colSpan={columns}
                  question={`Reprendre ${plural(count, 'carnet', 'carnets')} ${deName(p.name)} au stock du financeur ?`}
                  confirmLabel="Oui, reprendre"
                  keepLabel="Non, les laisser"
                  onConfirm={confirm}
                  onKeep={() => setConfirming(false)}
                  pending={takeBack.isPending}
                />
              )}
            </tbody>
          </TableFrame>
          {admin && !confirming && (
            <Button type="button" priority="secondary" onClick={() => setConfirming(true)}>
              {chosen.size
                ? chosen.size === 1
                  ? 'Reprendre le carnet choisi'
                  : `Reprendre les ${formatInt(chosen.size)} carnets choisis`
                : p.booklets.length === 1
                  ? 'Reprendre le carnet'
                  : `Reprendre les ${formatInt(p.booklets.length)} carnets`}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
