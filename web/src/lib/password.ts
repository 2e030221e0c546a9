/** The server's floor (auth/password-strength.ts); how hard to guess is its call alone. */
export const MIN_PASSWORD = 12;

/**
 * What the browser can tell of a new password and its confirmation before sending them; the
 * messages of the invitation's and "Mon compte"'s forms.
 */
export function newPasswordErrors(
  password: string,
  confirmation: string,
): { password?: string; confirmation?: string } {
  const e: { password?: string; confirmation?: string } = {};
  if (!password) e.password = 'Choisissez un mot de passe.';
  else if ([...password].length < MIN_PASSWORD)
    e.password = `Le mot de passe doit contenir au moins ${MIN_PASSWORD} caractères.`;
  if (!confirmation) e.confirmation = 'Saisissez à nouveau le mot de passe.';
  else if (password !== confirmation) e.confirmation = 'Les deux mots de passe ne sont pas identiques.';
  return e;
}
