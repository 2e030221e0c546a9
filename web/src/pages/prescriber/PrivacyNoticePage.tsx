import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { usePrivacyNotice } from '../../api/funders';
import { useSession } from '../../api/session';
import type { PrivacyNotice } from '../../api/types';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { prescriberMembership } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const TITLE = 'Vos données personnelles';

/**
 * The information notice (RGPD art. 13) the desk reads to a person, or prints for them, before
 * recording their data at a hand-out: who keeps it, why, who sees it, how long, their rights.
 * Written to the person, in plain words; the funder's settings give the contact and the period.
 */
export function PrivacyNoticePage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const funderId = (session && prescriberMembership(session)?.funderId) ?? null;
  const notice = usePrivacyNotice(funderId);
  return (
    <>
      <h1>{TITLE}</h1>
      {notice.isPending ? (
        <Loading what="Chargement de la notice…" />
      ) : notice.isError ? (
        <QueryError error={notice.error} what="La notice" />
      ) : (
        <Notice notice={notice.data} />
      )}
    </>
  );
}

function Notice({ notice }: { notice: PrivacyNotice }) {
  const { funderName, privacyContact, retentionMonths, purposes } = notice;
  return (
    <>
      {!privacyContact && (
        // For the desk, not the person: the notice must give an address to write to (RGPD art. 13).
        <Alert
          severity="warning"
          small
          className={fr.cx('fr-mb-3w', 'fr-no-print')}
          description="Le financeur n’a pas encore indiqué de contact pour les données personnelles : la notice renvoie donc vers votre structure. Demandez à ses administrateurs de le renseigner dans leurs paramètres."
        />
      )}
      <p className={fr.cx('fr-text--lead')}>
        Quand un carnet de pass numériques vous est remis, {funderName} enregistre votre nom, votre prénom,
        votre date de naissance, votre commune et le public dont vous relevez.
      </p>
      {/* Stacked: the reasons are sentences, read aloud or shown on screen; they wrap. */}
      <TableFrame stacked caption="Ce qui est enregistré, et pourquoi">
        <thead>
          <tr>
            <th scope="col">Donnée</th>
            <th scope="col">Pourquoi</th>
          </tr>
        </thead>
        <tbody>
          {purposes.map((p) => (
            <tr key={p.field}>
              <th scope="row" data-label="Donnée">
                {p.field}
              </th>
              <td data-label="Pourquoi">{p.why}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <h2>Qui les garde, et qui les voit</h2>
      <p>
        Le responsable de ces données est le financeur, {funderName}, qui les traite pour sa mission d’intérêt
        public d’inclusion numérique. Les voient la structure qui vous remet le carnet et les administrateurs
        du financeur. Les lieux où vous utilisez vos pass ne voient ni votre nom ni votre date de naissance.
        L’État et les autres financeurs du dispositif ne reçoivent que des chiffres, sans nom.
      </p>
      <h2>Combien de temps</h2>
      <p>
        Votre nom, votre prénom et votre date de naissance sont effacés {retentionMonths} mois après la
        clôture du dernier dispositif dont vous avez reçu des pass. Votre commune et votre public restent
        ensuite, sans nom, pour les statistiques.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez demander à voir vos données, à les faire corriger ou effacer, ou vous opposer à leur
        usage,{' '}
        {privacyContact ? (
          <>
            en écrivant à <strong>{privacyContact}</strong>
          </>
        ) : (
          <>
            en le demandant à la structure qui vous a remis le carnet : elle transmet votre demande au
            financeur, <strong>{funderName}</strong>
          </>
        )}
        . Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL
        (www.cnil.fr).
      </p>
      <div className="fr-no-print">
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-printer-line"
          onClick={() => window.print()}
        >
          Imprimer la notice
        </Button>
      </div>
    </>
  );
}
