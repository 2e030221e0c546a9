import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { keyIdOf } from '../../core/audit-seal.js';
import { DomainError } from '../../core/errors.js';

/** The audit trail's keys, all from one Ed25519 private key kept outside the database. */
export interface AuditKeys {
  file: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as PEM, to publish beside the head of the trail. */
  publicKeyPem: string;
  keyId: string;
  /** The MAC key of writer proofs, derived from the private key. */
  writerKey: Buffer;
  /**
   * The MAC key of request sources (client addresses), derived from the private key: a plain
   * hash of an IPv4 address is undone by trying the 2^32 of them; a keyed one is not.
   */
  sourceKey: Buffer;
  /**
   * The key that encrypts, in a hand-over to this key, the writer-proof keys of the keys before
   * it (`audit rotate-key`): derived from the private key, so only its holder reads them.
   */
  archiveKey: Buffer;
  /** True when this call created the file. */
  created: boolean;
}

function fromPem(file: string, pem: string, created: boolean): AuditKeys {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new DomainError(
      'audit_key_invalid',
      `La clé de signature du journal d'audit (${file}) n'est pas une clé Ed25519.`,
    );
  const publicKey = createPublicKey(privateKey);
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  return {
    file,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
    writerKey: createHmac('sha256', seed).update('pass-numerique audit writer proof v1').digest(),
    sourceKey: createHmac('sha256', seed).update('pass-numerique request source v1').digest(),
    archiveKey: createHmac('sha256', seed).update('pass-numerique audit key archive v1').digest(),
    created,
  };
}

/**
 * Reads the key file, creating it (mode 0600, in a directory made 0700) when it does not
 * exist. Creation is atomic: several processes starting together end up with the same key.
 */
export function loadOrCreateKeys(file: string): AuditKeys {
  try {
    return fromPem(file, fs.readFileSync(file, 'utf8'), false);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, error);
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, pem, { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
    const stored = fs.readFileSync(file, 'utf8');
    return fromPem(file, stored, stored === pem);
  } catch (error) {
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): Error {
  if (error instanceof DomainError) return error;
  return new DomainError(
    'audit_key_unavailable',
    `Clé de signature du journal d'audit illisible ou impossible à créer (${file}) : ${
      error instanceof Error ? error.message : String(error)
    }. Voir AUDIT_SIGNING_KEY_FILE dans le README.`,
  );
}

/**
 * The writer-proof keys of the keys before `keys`, by key id, as a hand-over to `keys` carries
 * them: AES-256-GCM under its archive key, base64 (nonce, tag, then the JSON).
 */
export function encryptWriterKeys(keys: AuditKeys, writerKeys: ReadonlyMap<string, Buffer>): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.archiveKey, nonce);
  const json = JSON.stringify(
    Object.fromEntries([...writerKeys].map(([id, k]) => [id, k.toString('base64')])),
  );
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

/** The writer-proof keys a hand-over to `keys` carries; undefined when they do not decrypt. */
export function decryptWriterKeys(keys: AuditKeys, sealed: string): Map<string, Buffer> | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', keys.archiveKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const stored = JSON.parse(json) as Record<string, string>;
    return new Map(Object.entries(stored).map(([id, k]) => [id, Buffer.from(k, 'base64')]));
  } catch {
    return undefined;
  }
}

let current: AuditKeys | undefined;

/**
 * The keys of an instance whose database's trail is signed by `sealedWith` (the last seal's
 * key, or the key a hand-over at the end named; null: no signed seal yet). Only such a database gets a new key: a trail already sealed goes on with
 * the key of its last seal or not at all, so a missing file (a typo in AUDIT_SIGNING_KEY_FILE,
 * a volume not mounted) or another instance's key stops the start instead of breaking the
 * trail for good. Nothing is created or changed when it refuses.
 */
export function useKeyFileFor(
  file: string,
  sealedWith: string | null,
  /** The keys handed over (`audit rotate-key`), each to the key that replaced it. */
  retired: ReadonlyMap<string, string> = new Map(),
): AuditKeys {
  if (sealedWith === null) return useKeyFile(file);
  if (!fs.existsSync(file))
    throw new Error(
      `Le journal d’audit de la base a été scellé avec la clé ${sealedWith}, mais AUDIT_SIGNING_KEY_FILE=${file} n’existe pas. ` +
        'Faites pointer AUDIT_SIGNING_KEY_FILE vers le fichier de clé de cette instance (la copie gardée à part de la base, voir docs/operations.md) ; ' +
        'une nouvelle clé ne peut pas continuer le journal : aucune n’est créée.',
    );
  const keys = current?.file === file ? current : loadOrCreateKeys(file);
  if (keys.keyId !== sealedWith && retired.has(keys.keyId))
    throw new Error(
      `Le journal d’audit de la base a été scellé avec la clé ${sealedWith}, mais AUDIT_SIGNING_KEY_FILE=${file} contient la clé ${keys.keyId}, remplacée par la clé ${retired.get(keys.keyId)} (audit rotate-key) et qui ne signe plus. ` +
        'Faites pointer AUDIT_SIGNING_KEY_FILE vers le fichier de la nouvelle clé (voir docs/operations.md, « Replacing the audit signing key »).',
    );
  if (keys.keyId !== sealedWith)
    throw new Error(
      `Le journal d’audit de la base a été scellé avec la clé ${sealedWith}, mais AUDIT_SIGNING_KEY_FILE=${file} contient la clé ${keys.keyId}. ` +
        'Faites pointer AUDIT_SIGNING_KEY_FILE vers le fichier de clé de cette instance (voir docs/operations.md) : ' +
        'des sceaux signés par une autre clé feraient échouer `audit verify` pour de bon.',
    );
  current = keys;
  return keys;
}

/**
 * The process's audit keys. The server and the command line call `useKeyFile` at start;
 * everything that writes or seals entries then finds the keys here.
 */
export function useKeyFile(file: string): AuditKeys {
  if (current?.file !== file) current = loadOrCreateKeys(file);
  return current;
}

export function auditKeys(): AuditKeys {
  if (current) return current;
  return useKeyFile(loadConfig().auditSigningKeyFile);
}
