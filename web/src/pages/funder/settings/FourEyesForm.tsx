import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings } from '../../../api/types';
import { Saved } from './Saved';

/** The four-eyes rule of payment runs (issue 12): on by default, its admins may turn it off. */
export function FourEyesForm({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  const update = useUpdateFunderSettings(settings.funderId);
  const [saved, setSaved] = useState<string | null>(null);
  const error = update.error && (isApiError(update.error) ? update.error.detail : update.error.message);
  return (
    <section aria-labelledby="quatre-yeux" className={fr.cx('fr-mt-6w')}>
      <h2 id="quatre-yeux">Paiements des lieux</h2>
      {saved && <Saved message={saved} />}
      <ToggleSwitch
        label="Règle des quatre yeux"
        helperText="Un lot de paiement est approuvé par un autre administrateur que celui qui l’a préparé, dès que le financeur compte deux administrateurs ou plus. Chaque administrateur est prévenu par e-mail quand cette règle change."
        checked={settings.fourEyes}
        disabled={!admin || update.isPending}
        showCheckedHint={false}
        onChange={(checked) => {
          setSaved(null);
          update.mutate(
            { fourEyes: checked },
            {
              onSuccess: () =>
                setSaved(
                  `${checked ? 'Règle des quatre yeux activée.' : 'Règle des quatre yeux désactivée.'} Un message en prévient les administrateurs.`,
                ),
            },
          );
        }}
      />
      {error && <Alert severity="error" small description={error} />}
    </section>
  );
}
