import type { Db } from '../../db/client.js';
import * as audit from './service.js';

export type Rotation = audit.HandedOver;

/**
 * `audit rotate-key`: the key in service hands the trail over to the key of `file` (made, mode
 * 0600, when it does not exist; see `audit.handOver`), with every instance stopped; then the
 * replacement is journalled, the new key's first entry, and sealed with it.
 */
export async function rotateKey(
  db: Db,
  file: string,
  onProgress?: (checked: number) => void,
): Promise<Rotation> {
  const { keys, ...rotation } = await audit.handOver(db, file, onProgress);
  await audit.record(db, {
    actor: null,
    funderId: null,
    action: 'audit.key_rotate',
    objectType: 'audit_key',
    objectId: rotation.keyId,
    summary: { previousKeyId: rotation.previousKeyId, keyId: rotation.keyId },
  });
  await audit.seal(db, { keys });
  return rotation;
}
