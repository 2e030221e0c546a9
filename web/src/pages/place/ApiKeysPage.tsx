import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import { useSession } from '../../api/session';
import type { CreatedApiKey } from '../../api/types';
import { isPlaceAdmin, placeMembership } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { KeyTable } from './apiKeys/KeyTable';
import { KeyUsage } from './apiKeys/KeyUsage';
import { NewKeyForm } from './apiKeys/NewKeyForm';
import { ShownKey } from './apiKeys/ShownKey';

/** Keys let the place's own software redeem passes through the API, one key per software. */
export function ApiKeysPage() {
  useDocumentTitle('Clés d’API');
  const { data: session } = useSession();
  const place = placeMembership(session);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  if (!place) return null;
  const placeId = place.organisationId;
  if (!isPlaceAdmin(session, placeId)) {
    // An agent who follows an old link is told who can help, rather than shown a refusal.
    return (
      <>
        <h1>Clés d’API</h1>
        <Alert
          severity="info"
          as="h2"
          title="Réservé à l’administrateur du lieu"
          description="Les clés d’API du lieu sont créées et révoquées par son administrateur : adressez-vous à lui."
        />
      </>
    );
  }
  return (
    <>
      <h1>Clés d’API</h1>
      {place.organisationName && <p className={fr.cx('fr-text--lead')}>{place.organisationName}</p>}
      <p>
        Une clé d’API permet au logiciel de votre lieu (caisse, gestion des ateliers) d’encaisser des pass
        sans passer par ce site. Créez une clé par logiciel : vous pourrez en révoquer une sans gêner les
        autres.
      </p>
      <section aria-labelledby="nouvelle-cle" className={fr.cx('fr-mt-4w')}>
        <h2 id="nouvelle-cle">Créer une clé</h2>
        <NewKeyForm placeId={placeId} shown={created?.label ?? null} onCreated={setCreated} />
      </section>
      {/* The warning is the part to announce; the key itself follows, focused and selected. */}
      <div role="status" className={fr.cx('fr-mt-4w')}>
        {created && (
          <Alert
            role={undefined}
            className={fr.cx('fr-mb-2w')}
            severity="warning"
            as="h2"
            title={`Clé « ${created.label} » créée : copiez-la maintenant`}
            description="Elle ne sera plus jamais affichée. Si vous la perdez, révoquez-la et créez-en une autre."
          />
        )}
      </div>
      {created && <ShownKey key={created.id} created={created} onHide={() => setCreated(null)} />}
      <KeyTable placeId={placeId} />
      <KeyUsage placeId={placeId} />
    </>
  );
}
