import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState } from 'react';
import type { CreatedApiKey } from '../../../api/types';

/**
 * The full key, shown this once (the server keeps only a hash). It takes the focus, already
 * selected, so Ctrl+C works at once; the button covers phones and the mouse.
 */
// Spread in: as an object literal, a data-* key fails the input props' excess-property check.
const TEST_ID = { 'data-testid': 'new-api-key' };

export function ShownKey({ created, onHide }: { created: CreatedApiKey; onHide: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>('');

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const copy = async () => {
    try {
      // Only on HTTPS pages; an old browser or a plain-HTTP desk falls back to the selection.
      await navigator.clipboard.writeText(created.key);
      setCopied('La clé est copiée. Collez-la maintenant dans votre logiciel.');
    } catch {
      ref.current?.select();
      const ok = document.execCommand('copy');
      setCopied(
        ok
          ? 'La clé est copiée. Collez-la maintenant dans votre logiciel.'
          : 'Copie impossible : sélectionnez la clé et copiez-la à la main.',
      );
    }
  };

  return (
    <div className={fr.cx('fr-mb-6w')}>
      <Input
        label={`Clé d’API « ${created.label} »`}
        nativeInputProps={{
          ...TEST_ID,
          ref,
          readOnly: true,
          value: created.key,
          autoComplete: 'off',
          spellCheck: false,
          style: { fontFamily: 'monospace' },
        }}
      />
      <div className="pn-actions">
        <Button type="button" iconId="fr-icon-clipboard-line" onClick={() => void copy()}>
          Copier la clé
        </Button>
        <Button type="button" priority="secondary" onClick={onHide}>
          J’ai copié la clé, la masquer
        </Button>
      </div>
      <p role="status" className={fr.cx('fr-mt-2w')}>
        {copied}
      </p>
    </div>
  );
}
