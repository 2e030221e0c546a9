import { fr } from '@codegouvfr/react-dsfr';
import { MIN_PASSWORD } from '../../lib/password';
import { TextField } from './TextField';

/** A form's field as the two inputs below take it (`useForm`'s values, setter and errors). */
export function fieldOf<V extends Record<string, string>>(
  form: {
    values: V;
    set: (name: keyof V & string) => (value: string) => void;
    errors: Record<string, string>;
  },
  name: keyof V & string,
  label: string,
): Field {
  return { name, label, value: form.values[name] ?? '', onChange: form.set(name), error: form.errors[name] };
}

interface Field {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/**
 * A new password and its confirmation, with the rules said right under the new password (as
 * DSFR's password field lists its rules) and linked to it: a paragraph above it read as the
 * rules of the field before, the current password on « Mon compte ». How hard to guess is the
 * server's call, its message lands on the field.
 */
export function NewPasswordFields({ password, confirmation }: { password: Field; confirmation: Field }) {
  const hintId = `aide-${password.name}`;
  return (
    <>
      <TextField {...password} describedBy={hintId} type="password" autoComplete="new-password" required />
      <p id={hintId} className={fr.cx('fr-hint-text', 'fr-mt-n4v', 'fr-mb-3w')}>
        Au moins {MIN_PASSWORD} caractères, difficile à deviner : ni mot de passe courant, ni votre nom ou
        votre adresse. Une phrase de plusieurs mots sans rapport entre eux est facile à retenir.
      </p>
      <TextField {...confirmation} type="password" autoComplete="new-password" required />
    </>
  );
}
