import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended floor.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verified when the email is unknown, so that a wrong email costs the same time as a
 * wrong password and the login does not reveal which accounts exist.
 */
let decoy: Promise<string> | undefined;
export async function burnDecoy(password: string): Promise<void> {
  decoy ??= hash('decoy-password-never-used');
  await verifyPassword(await decoy, password);
}
