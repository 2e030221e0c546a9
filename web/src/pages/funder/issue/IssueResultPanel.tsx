import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { issueCodesUrl } from '../../../api/passes';
import type { IssueResult } from '../../../api/types';
import { formatInt } from '../../../lib/format';
import { SuccessPanel } from '../../../ui/SuccessPanel';

function activationNote({ passes, activatedPasses }: IssueResult): string {
  if (activatedPasses === passes) return 'Tous les pass sont activés : les fonds versés les couvrent.';
  const rest = 'le seront quand les fonds correspondants seront enregistrés.';
  return activatedPasses === 0 ? `Aucun pass n’est encore activé : ils ${rest}` : `Les autres pass ${rest}`;
}

export function IssueResultPanel({ programId, result }: { programId: string; result: IssueResult }) {
  return (
    <SuccessPanel title="Carnets émis">
      <ul>
        <li>
          Pass émis : <span className="pn-nowrap">{formatInt(result.passes)}</span>
        </li>
        <li>
          Pass activés : <span className="pn-nowrap">{formatInt(result.activatedPasses)}</span>
        </li>
        <li>Premier carnet : {result.firstSerial}</li>
        <li>Dernier carnet : {result.lastSerial}</li>
      </ul>
      <p>
        {activationNote(result)}
        {result.activatedPasses < result.passes && (
          // The funds are recorded on their own page: the next step, one click away.
          <>
            {' '}
            <Link to="/financeur/programmes/$programId/versement" params={{ programId }}>
              Enregistrer un versement
            </Link>
          </>
        )}
      </p>
      <p>
        {/* A native download: the router must not take this link over. */}
        <a
          className={fr.cx('fr-link', 'fr-link--download')}
          href={issueCodesUrl(programId, result.batchId)}
          download
        >
          Télécharger les codes pour l’imprimeur
          <span className={fr.cx('fr-link__detail')}>CSV : carnet, code, adresse du QR code</span>
        </a>
      </p>
    </SuccessPanel>
  );
}
